import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { buildWorkspace } from "../../analyzer/db/index.js";
import { loadSqlJs } from "../../src/io/database-file.js";
import { analyzeDocs, dataset, filesOf, model } from "../helpers/estate.js";
import { openAt, step, uiPerFile, uiState, waitForAnalysis } from "./browser.js";

const RLO = "\u202e";
const LONG_NAME = `m${"x".repeat(199)}`; // the longest name the format allows

/** Manifest text that is as long, or as strange, as the format allows: the page stays usable and shows it as it is stored. */
describe("hostile text in the web UI (Chromium)", () => {
  const ui = uiPerFile();
  const dir = mkdtempSync(join(tmpdir(), "loopscope-hostile-ui-"));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const pageFits = async () => {
    const { page } = ui.session;
    const sizes = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth, right: Math.max(...[...document.querySelectorAll(".right, .detail, header")].map((e) => e.getBoundingClientRect().right)) }));
    expect(sizes.scroll).toBeLessThanOrEqual(sizes.width);
    expect(sizes.right).toBeLessThanOrEqual(sizes.width);
  };

  it("escapes bidirectional overrides in owners and descriptions, and long names and descriptions never widen a panel", async () => {
    const { page } = ui.session;
    const docs = [
      model(LONG_NAME, { owner: `team-${RLO}evil\u202c-ok`, description: `${RLO}gnp.exe ${"L".repeat(10_000)}`, inputs: ["clicks"], outputs: [{ name: "score" }] }),
      model("other", { inputs: ["clicks"], outputs: [{ name: "rank" }] }),
      dataset("clicks"),
    ];
    const files = filesOf(docs).map((f, i) => write(`long-${i}.yaml`, f.text));
    await openAt(page, ui.server.baseUrl, "#sample=bike-shop");
    await page.getByTestId("file-input").setInputFiles(files);
    await expect.poll(async () => (await uiState(page))["findings"]).not.toBe("14");
    await waitForAnalysis(page);
    await step(page, "node panel", async () => {
      await page.evaluate((id) => (window.location.hash = `#node=${id}`), LONG_NAME);
      await expect.poll(async () => (await uiState(page))["selection"] ?? "").toContain(LONG_NAME);
      const panel = await page.getByTestId("node-panel").textContent();
      expect(panel).toContain("team-\\u202eevil\\u202c-ok");
      expect(panel).toContain("\\u202egnp.exe");
      expect(panel).not.toContain(RLO);
      expect(await page.locator(".legend").textContent()).toContain("team-\\u202eevil");
      await pageFits();
    });
    await step(page, "matrix", async () => {
      await page.getByRole("button", { name: "Matrix", exact: true }).click();
      const cell = page.locator("[data-pair]").first();
      const [box, pane] = [await cell.boundingBox(), await page.getByTestId("matrix").boundingBox()];
      // The first cell is where the matrix is, not past a header 1,500 px long.
      expect(box!.x + box!.width).toBeLessThanOrEqual(pane!.x + pane!.width);
      expect(box!.y + box!.height).toBeLessThanOrEqual(pane!.y + pane!.height);
      await page.getByRole("button", { name: "Graph", exact: true }).click();
    });
    expect(ui.session.consoleErrors).toEqual([]);
  }, 120_000);

  it("shows a workspace's long or strange label cut and escaped, in the picker and in the message", async () => {
    const { page } = ui.session;
    const docs = [model("solo", { inputs: ["events"] }), dataset("events")];
    const label = `<img src=x onerror=alert(1)>${RLO}evil\nline2 ${"L".repeat(10_000)}`;
    const db = buildWorkspace(await loadSqlJs(), analyzeDocs(docs), filesOf(docs), label);
    const file = join(dir, "labelled.sqlite");
    writeFileSync(file, db.export());
    db.close();
    await openAt(page, ui.server.baseUrl, "#sample=bike-shop");
    await page.getByTestId("workspace-file").setInputFiles(file);
    await expect.poll(async () => (await uiState(page))["findings"]).not.toBe("14");
    const picker = page.getByLabel("Sample estate");
    expect((await picker.boundingBox())!.width).toBeLessThanOrEqual(260);
    const shown = await picker.locator("option").first().textContent();
    expect(shown).toMatch(/^<img src=x onerror=alert\(1\)>\\u202eevil\\nline2 L+…$/);
    expect(shown!.length).toBe(60);
    expect(await page.getByTestId("workspace-menu").textContent()).not.toContain(RLO);
    await pageFits();
    expect(ui.session.consoleErrors).toEqual([]);
  }, 120_000);

  it("says when the URL names a sample the page does not have, on opening and when typed into the address bar", async () => {
    const { page } = ui.session;
    await openAt(page, ui.server.baseUrl, "#sample=../../etc");
    expect(await page.getByTestId("load-note").textContent()).toMatch(/^No sample named "\.\.\/\.\.\/etc" \(there are [a-z-]+(, [a-z-]+)*\): showing bike-shop\.$/);
    expect(await page.getByLabel("Sample estate").inputValue()).toBe("bike-shop");
    await page.evaluate(() => (window.location.hash = "#sample=nope"));
    await expect.poll(async () => page.getByTestId("load-note").textContent()).toMatch(/^No sample named "nope" .*: the estate shown is unchanged\.$/);
    expect((await uiState(page))["findings"]).toBe("14");
  }, 60_000);

  it("keeps the estate when the picked files hold no Loopscope document, and pages a long list of invalid files", async () => {
    const { page } = ui.session;
    await openAt(page, ui.server.baseUrl, "#sample=bike-shop");
    await step(page, "other YAML", async () => {
      const other = [write("pod.yaml", stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: "web" } })), write("package.json", '{"name":"x"}')];
      await page.getByTestId("file-input").setInputFiles(other);
      await expect.poll(async () => page.getByTestId("load-note").textContent().catch(() => "")).toContain("No Loopscope manifests in those 2 files");
      expect((await uiState(page))["findings"]).toBe("14");
      expect(await page.getByLabel("Sample estate").inputValue()).toBe("bike-shop");
    });
    await step(page, "450 invalid files", async () => {
      const broken = Array.from({ length: 450 }, (_, i) => write(`broken-${String(i).padStart(3, "0")}.yaml`, `apiVersion: loopscope/v1\nkind: Model\nname: m${i}\nowner: [unclosed ${i}\n`));
      await page.getByTestId("file-input").setInputFiles(broken);
      await expect.poll(async () => (await uiState(page))["findings"]).not.toBe("14");
      await waitForAnalysis(page);
      await page.getByRole("button", { name: /450 invalid/ }).click();
      const rows = page.getByTestId("problems").locator(".problem");
      expect(await rows.count()).toBe(200);
      expect(await rows.first().locator("code").textContent()).toMatch(/^broken-000\.yaml:\d+:\d+$/);
      await page.getByRole("button", { name: "Show 200 more of 250" }).click();
      expect(await rows.count()).toBe(400);
      await page.getByRole("button", { name: "Show 50 more of 50" }).click();
      expect(await rows.count()).toBe(450);
    });
    expect(ui.session.consoleErrors).toEqual([]);
  }, 120_000);
});
