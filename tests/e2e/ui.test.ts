import { mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../analyzer/types.js";
import { filesOf } from "../helpers/estate.js";
import { estateArbitrary } from "../helpers/random-estate.js";
import { ROOT, runCliOnToday } from "../helpers/run-cli.js";
import { drawnShare, openPage, startUi, step, uiState, waitForAnalysis, type UiSession } from "./browser.js";

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ya?ml|json)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

describe("the web UI in Chromium", () => {
  let server: { baseUrl: string; stop: () => void };
  let session: UiSession;

  beforeAll(async () => {
    server = await startUi();
    session = await openPage(server.baseUrl);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    server?.stop();
  });

  it("loads the bike shop through the file input, highlights the hidden loop, searches, shows the matrix and exports SARIF", async () => {
    const { page } = session;
    await step(page, "open", async () => {
      await page.goto(`${server.baseUrl}/#sample=clean`);
      await waitForAnalysis(page);
    });
    await step(page, "upload", async () => {
      await page.getByTestId("file-input").setInputFiles(filesUnder(join(ROOT, "samples/bike-shop")));
      await page.waitForFunction(() => document.querySelector("#loopscope-state")?.getAttribute("data-status") === "done" && document.querySelector('[data-rule="hidden-feedback-loop"]'));
    });
    await step(page, "select loop", async () => {
      const loop = page.locator('[data-rule="hidden-feedback-loop"]');
      await expect.poll(() => loop.textContent()).toContain("bike-recommender");
      await loop.click();
      const state = await uiState(page);
      const highlighted = state["highlightedNodes"]!.split(",");
      expect(highlighted).toEqual(expect.arrayContaining(["bike-recommender", "dynamic-pricing", "purchases", "bike-recommender/top10", "dynamic-pricing/price"]));
      expect(highlighted).not.toContain("fraud-score");
      expect(state["highlightedEdges"]).toContain("bike-recommender/top10->purchases");
      await expect.poll(async () => (await page.getByTestId("walk").locator("li").count())).toBeGreaterThan(3);
      expect(await page.getByTestId("finding-detail").textContent()).toContain("Why it is debt");
      await expect.poll(() => page.url()).toContain("finding=hidden-feedback-loop%3A");
    });
    await step(page, "canvas drew", async () => {
      // Polled: the layout settles and draws a moment after the selection, later under load.
      await expect.poll(() => drawnShare(page), { timeout: 10_000 }).toBeGreaterThan(0.005);
    });
    await step(page, "keyboard", async () => {
      // The state is written after the render the key causes: polled, not read once.
      await page.locator("body").press("ArrowDown");
      await expect.poll(async () => (JSON.parse((await uiState(page))["selection"] || "{}") as { fingerprint?: string }).fingerprint).toMatch(/^direct-feedback-loop:/);
      await page.keyboard.press("Escape");
      await expect.poll(async () => (await uiState(page))["selection"]).toBe("");
    });
    await step(page, "search", async () => {
      await page.keyboard.press("/");
      await page.keyboard.type("storefront");
      await page.keyboard.press("Enter");
      await page.getByTestId("node-panel").waitFor();
      await expect.poll(() => page.getByTestId("node-panel").textContent()).toContain("team-web");
      await expect.poll(async () => (await uiState(page))["highlightedNodes"]).toContain("storefront");
    });
    await step(page, "matrix", async () => {
      // The graph keeps its renderer and camera under the other views.
      type Win = { __loopscopeSigma: { getCamera(): { getState(): object; setState(s: object): void; isAnimating(): boolean } }; __sigmaBefore?: unknown };
      await page.waitForFunction(() => !(window as unknown as Win).__loopscopeSigma.getCamera().isAnimating()); // the search's focus
      const camera = await page.evaluate(() => {
        const w = window as unknown as Win;
        w.__sigmaBefore = w.__loopscopeSigma;
        w.__loopscopeSigma.getCamera().setState({ x: 0.3, y: 0.6, ratio: 0.5, angle: 0 });
        return w.__loopscopeSigma.getCamera().getState();
      });
      await page.getByRole("button", { name: "Matrix" }).click();
      expect(await page.getByTestId("graph-canvas").isVisible()).toBe(false);
      // The PNG export draws the graph from here too, at the pane's size.
      const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "PNG" }).click()]);
      const header = readFileSync((await png.path())!);
      expect(header.readUInt32BE(16)).toBeGreaterThan(500); // width, from the IHDR chunk
      expect(header.length).toBeGreaterThan(5000);
      await page.getByRole("button", { name: "Graph", exact: true }).click();
      expect(await page.evaluate(() => (window as unknown as Win).__loopscopeSigma === (window as unknown as Win).__sigmaBefore)).toBe(true);
      expect(await page.evaluate(() => (window as unknown as Win).__loopscopeSigma.getCamera().getState())).toEqual(camera);
      expect(await drawnShare(page)).toBeGreaterThan(0.005);
      await page.getByRole("button", { name: "Matrix" }).click();
      const cell = page.locator('[data-pair="bike-recommender|dynamic-pricing"]');
      await cell.click();
      await expect.poll(() => page.getByTestId("coupling-explanation").textContent()).toContain("in one hidden loop");
      await expect.poll(async () => (await uiState(page))["highlightedNodes"]).toContain("dynamic-pricing");
    });
    await step(page, "export sarif", async () => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "SARIF" }).click()]);
      const sarif = JSON.parse(readFileSync((await download.path())!, "utf8")) as { version: string; runs: { results: { ruleId: string }[] }[] };
      expect(sarif.version).toBe("2.1.0");
      expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toContain("hidden-feedback-loop");
    });
    await step(page, "export png and markdown", async () => {
      await page.getByRole("button", { name: "Graph", exact: true }).click();
      await page.getByTestId("graph-canvas").waitFor();
      const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "PNG" }).click()]);
      const bytes = readFileSync((await png.path())!);
      expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect(bytes.length).toBeGreaterThan(5000);
      const [markdown] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Markdown" }).click()]);
      expect(readFileSync((await markdown.path())!, "utf8")).toContain("hidden-feedback-loop");
    });
    expect(session.consoleErrors).toEqual([]);
    expect(session.offOrigin).toEqual([]);
  }, 120_000);

  it("draws the new estate after another is loaded, by the sample picker and by the file input", async () => {
    const { page } = session;
    const drawn = () => page.evaluate("window.__loopscopeSigma.getGraph().nodes().map((k) => k.replace(/^n:/, '')).sort()") as Promise<string[]>;
    await page.goto("about:blank");
    await page.goto(`${server.baseUrl}/#sample=bike-shop`);
    await waitForAnalysis(page);
    // A function, not a string: the page's CSP forbids eval, which a string predicate needs when it is polled.
    await page.waitForFunction(() => ((window as unknown as { __loopscopeSigma?: { getGraph(): { order: number } } }).__loopscopeSigma?.getGraph().order ?? 0) > 0);
    expect(await drawn()).toContain("bike-recommender");
    await step(page, "sample picker", async () => {
      await page.getByLabel("Sample estate").selectOption("ride-hailing");
      await waitForAnalysis(page);
      // No selection, no hover: nothing else makes the graph pane render again, so a pane
      // that kept the old estate never passes this poll.
      await expect.poll(async () => (await drawn()).includes("bike-recommender"), { timeout: 10_000 }).toBe(false);
      await expect.poll(drawn, { timeout: 10_000 }).toContain("surge-pricing"); // and the new estate is there: an empty canvas passes the check above
      await expect.poll(async () => (await drawn()).length === Number((await uiState(page))["drawnNodes"]), { timeout: 10_000 }).toBe(true);
    });
    await step(page, "file input", async () => {
      await page.getByTestId("file-input").setInputFiles(filesUnder(join(ROOT, "samples/bike-shop")));
      await page.waitForFunction(() => document.querySelector("#loopscope-state")?.getAttribute("data-status") === "done" && document.querySelector('[data-rule="hidden-feedback-loop"]'));
      await expect.poll(drawn, { timeout: 10_000 }).toContain("bike-recommender");
    });
    expect(session.consoleErrors).toEqual([]);
  }, 120_000);

  it("moves the camera without a glide when the user asks for reduced motion", async () => {
    const { page } = session;
    const camera = "window.__loopscopeSigma.getCamera()";
    await page.emulateMedia({ reducedMotion: "reduce" });
    try {
      await step(page, "open", async () => {
        await page.goto("about:blank");
        await page.goto(`${server.baseUrl}/#sample=bike-shop`);
        await waitForAnalysis(page);
        await page.waitForFunction(`window.__loopscopeSigma && !${camera}.isAnimating()`);
      });
      await step(page, "select a loop", async () => {
        // Every camera update made while an animation is under way is a frame in between.
        await page.evaluate(`window.__inBetween = 0; ${camera}.on("updated", () => { if (${camera}.isAnimating()) window.__inBetween++; })`);
        await page.locator('[data-rule="hidden-feedback-loop"]').click();
        await page.waitForTimeout(1000);
        expect(await page.evaluate("window.__inBetween")).toBe(0);
        await page.getByTitle("Fit the whole graph").click();
        await page.waitForTimeout(600);
        expect(await page.evaluate("window.__inBetween")).toBe(0);
      });
    } finally {
      await page.emulateMedia({ reducedMotion: null });
    }
    expect(session.consoleErrors).toEqual([]);
  }, 120_000);

  it("shows manifest text as text and lists invalid files with positions while analysing the rest", async () => {
    const { page } = session;
    const dir = mkdtempSync(join(tmpdir(), "loopscope-ui-"));
    writeFileSync(join(dir, "evil.yaml"), 'apiVersion: loopscope/v1\nkind: Model\nname: m1\ndescription: "<img src=x onerror=alert(1)><script>window.__pwned=1</script>"\noutputs: [{name: o, consumers: [m2]}]\n');
    writeFileSync(join(dir, "m2.yaml"), "apiVersion: loopscope/v1\nkind: Model\nname: m2\ninputs: [m1/o]\noutputs: [{name: o, consumers: [m1]}]\n");
    // A right-to-left override in a file name would show "broken.yaml" reordered; it is shown as an escape.
    writeFileSync(join(dir, "bro\u202eken.yaml"), "apiVersion: loopscope/v1\nkind: Model\nname: [oops\n");
    // Over the size limit: never read into the tab (a sparse file, no disk used), a notice as in the CLI.
    writeFileSync(join(dir, "huge.yaml"), "");
    truncateSync(join(dir, "huge.yaml"), 21 * 1024 * 1024);
    // Not UTF-8: skipped with the CLI's notice and position, not analysed with U+FFFD in it.
    writeFileSync(join(dir, "latin1.yaml"), Buffer.from("apiVersion: loopscope/v1\nkind: Model\nname: m3\nowner: \"t\xe9am\"\n", "latin1"));
    await step(page, "hostile upload", async () => {
      await page.goto("about:blank");
      await page.goto(`${server.baseUrl}/#sample=clean`);
      await waitForAnalysis(page);
      await page.getByTestId("file-input").setInputFiles(filesUnder(dir));
      await page.waitForFunction(() => document.querySelector('[data-rule="circular-model-dependency"]'));
      await page.getByRole("button", { name: /invalid/ }).click();
      expect(await page.getByTestId("problems").textContent()).toMatch(/bro\\u202eken\.yaml:\d+:\d+/);
      expect(await page.getByTestId("problems").textContent()).toContain("huge.yaml file is 21.0 MiB, larger than the limit of 20 MiB; it is not read");
      const cli = runCliOnToday(["lint", ".", "--format", "json"], { cwd: dir });
      const cliNotice = (JSON.parse(cli.stdout) as Report).notices.find((n) => n.file === "latin1.yaml")!;
      expect(cliNotice.message).toBe("not valid UTF-8 text (byte 0xe9 at offset 55); skipped");
      expect(await page.getByTestId("problems").textContent()).toContain(`latin1.yaml:${cliNotice.line}:${cliNotice.column} ${cliNotice.message}`);
      expect((await uiState(page))["findings"]).toBe(String((JSON.parse(cli.stdout) as Report).findings.length)); // m3 is read by neither
      await page.getByRole("button", { name: "Graph", exact: true }).click();
      await page.keyboard.press("/");
      await page.keyboard.type("m1");
      await page.keyboard.press("Enter");
      expect(await page.getByTestId("node-panel").textContent()).toContain("<script>window.__pwned=1</script>");
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator("img[src=x]").count()).toBe(0);
    });
    expect(session.consoleErrors).toEqual([]);
  }, 120_000);

  it("draws only highlighted edges of a view with more than 10,000 until asked to draw all", async () => {
    const { page } = session;
    // 105 models, each reading the other 104 models' outputs: 10,920 reads plus produces and influences.
    const dir = mkdtempSync(join(tmpdir(), "loopscope-dense-"));
    writeFileSync(join(dir, "sales.yaml"), "apiVersion: loopscope/v1\nkind: Dataset\nname: sales\n");
    for (let i = 0; i < 105; i++) {
      const inputs = Array.from({ length: 105 }, (_, j) => j).filter((j) => j !== i).map((j) => `m${j}/o`);
      writeFileSync(join(dir, `m${i}.yaml`), `apiVersion: loopscope/v1\nkind: Model\nname: m${i}\ninputs: [${inputs.join(", ")}]\noutputs:\n  - name: o\n    influences: [sales]\n`);
    }
    await step(page, "dense upload", async () => {
      await page.goto("about:blank");
      await page.goto(`${server.baseUrl}/#sample=clean`);
      await waitForAnalysis(page);
      expect(await page.getByTestId("edges-thinned").count()).toBe(0); // a small view draws every edge
      await page.getByTestId("file-input").setInputFiles(filesUnder(dir));
      await page.waitForFunction(() => document.querySelector("#loopscope-state")?.getAttribute("data-status") === "done" && document.querySelector("#loopscope-state")?.getAttribute("data-drawn-nodes") === "211", null, { timeout: 60_000 });
      expect(await page.getByTestId("edges-thinned").textContent()).toMatch(/^11,130 edges are not drawn: more than 10,000 make every frame slow without a GPU/);
      // sigma is given the nodes only (hidden edges would still cost it a walk per frame)...
      const drawnEdges = () => page.evaluate(() => (window as unknown as { __loopscopeSigma: { getGraph(): { order: number; size: number } } }).__loopscopeSigma.getGraph().size);
      expect(await drawnEdges()).toBe(0);
      // ...then a selected loop's walk, and no more.
      await page.locator('[data-rule="circular-model-dependency"]').first().click();
      await page.waitForFunction(() => document.querySelector("#loopscope-state")?.getAttribute("data-highlighted-nodes"));
      const walk = await drawnEdges();
      expect(walk).toBeGreaterThan(0);
      expect(walk).toBeLessThan(1000);
      await page.getByTestId("edges-thinned").getByRole("button", { name: "Draw all" }).click();
      expect(await page.getByTestId("edges-thinned").count()).toBe(0);
      expect(await drawnEdges()).toBe(11_130);
    });
    expect(session.consoleErrors).toEqual([]);
  }, 120_000);

  it("shows the same findings as `loopscope lint --format json` on an estate nobody has seen", async () => {
    const { page } = session;
    const docs = fc.sample(estateArbitrary, { numRuns: 1, seed: 20261128 })[0]!;
    const dir = mkdtempSync(join(tmpdir(), "loopscope-unseen-"));
    for (const file of filesOf(docs)) writeFileSync(join(dir, file.path), file.text);
    const cli = JSON.parse(runCliOnToday(["lint", dir, "--format", "json"]).stdout) as Report;
    await step(page, "unseen upload", async () => {
      await page.goto("about:blank");
      await page.goto(`${server.baseUrl}/#sample=clean`);
      await waitForAnalysis(page);
      await page.getByTestId("file-input").setInputFiles(filesUnder(dir));
      await page.waitForFunction((n) => document.querySelector("#loopscope-state")?.getAttribute("data-findings") === String(n) && document.querySelector("#loopscope-state")?.getAttribute("data-status") === "done", cli.findings.length);
      // The panel renders findings a page at a time; open every page.
      while (await page.locator("button.more").count()) await page.locator("button.more").click();
      const shown = await page.$$eval("[data-fingerprint]", (items) => items.map((i) => (i as HTMLElement).dataset["fingerprint"]!).sort());
      expect(shown).toEqual(cli.findings.map((f) => f.fingerprint).sort());
    });
  }, 120_000);

  it("warms the analyzer up in the spare worker while the page is idle, and the upload's findings are the CLI's", async () => {
    const { page } = session;
    await page.goto("about:blank");
    await page.goto(`${server.baseUrl}/#sample=clean`);
    await waitForAnalysis(page);
    // The spare worker starts warming 250 ms after it starts, a round per task, until a request
    // comes. It cannot be watched from the page, so this waits long enough for a loaded machine.
    await page.waitForTimeout(3000);
    const dir = join(ROOT, "samples/ride-hailing");
    await page.getByTestId("file-input").setInputFiles(filesUnder(dir));
    await page.waitForFunction(() => performance.getEntriesByName("loopscope:analysis-received").length > 0 && document.querySelector("#loopscope-state")?.getAttribute("data-status") === "done");
    const timings = await page.evaluate(() => (performance.getEntriesByName("loopscope:analysis-received").at(-1) as PerformanceMark).detail as Record<string, number>);
    expect(timings["warmRounds"]).toBeGreaterThan(0);
    // The warm-up's own analyses leave nothing behind: the upload shows exactly what the CLI finds.
    const cli = JSON.parse(runCliOnToday(["lint", "samples/ride-hailing", "--format", "json", "--fail-on", "never"]).stdout) as Report;
    const shown = await page.$$eval("[data-fingerprint]", (items) => items.map((i) => (i as HTMLElement).dataset["fingerprint"]!).sort());
    expect(shown).toEqual(cli.findings.map((f) => f.fingerprint).sort());
  }, 60_000);
});
