import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateEstate } from "../../bench/generate.js";
import { openPage, startUi, step, waitForAnalysis, type UiSession } from "./browser.js";

/**
 * Issue 4's scale target: a 2,000-model estate loads, is analysed and is first drawn within
 * 5 s in headless Chromium (issue 6 asks the same of 5,000 models: `npm run bench:ui`). Timed inside the page, from the file input's change event to the
 * first frame sigma draws of the new estate, so Playwright's own file transfer is not counted.
 *
 * Opt-in (LOOPSCOPE_SCALE=1): it takes a minute on a busy machine, and the number depends on
 * the machine's load, so `npm test` does not run it. The bound asserted here is loose (it
 * catches a double draw or a main-thread analysis); the printed number is the measurement.
 */
const MODELS = Number(process.env["LOOPSCOPE_SCALE_MODELS"] ?? 2000);
const BOUND_MS = Number(process.env["LOOPSCOPE_SCALE_BOUND_MS"] ?? 30_000);

describe.runIf(process.env["LOOPSCOPE_SCALE"] === "1")(`a ${MODELS}-model estate in Chromium`, () => {
  let server: { baseUrl: string; stop: () => void };
  let session: UiSession;
  const files: string[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-scale-"));
    for (const source of generateEstate({ models: MODELS, seed: 1 })) {
      const path = join(dir, source.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, source.text);
      files.push(path);
    }
    server = await startUi();
    session = await openPage(server.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    server?.stop();
  });

  it("is read, analysed and first drawn in time, and selecting a loop redraws at once", async () => {
    const { page } = session;
    await step(page, "scale-open", async () => {
      await page.goto(`${server.baseUrl}/#sample=clean`);
      await waitForAnalysis(page);
    });
    // Page-side clocks: the input's change event, the analysis result, and the new view's first frame
    // (the app's "loopscope:first-frame" mark after the result came in: a frame of the previous view does not count).
    await page.evaluate(() => {
      const marks: Record<string, number> = {};
      (window as unknown as { __scale: Record<string, number> }).__scale = marks;
      document.querySelector('[data-testid="file-input"]')!.addEventListener("change", () => (marks["change"] = performance.now()), { capture: true });
      const state = document.querySelector("#loopscope-state")!;
      new MutationObserver(() => {
        if (marks["change"] !== undefined && marks["analysed"] === undefined && state.getAttribute("data-status") === "done") marks["analysed"] = performance.now();
      }).observe(state, { attributes: true });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          if (entry.name === "loopscope:analysis-received" && marks["change"] !== undefined) marks["received"] ??= entry.startTime;
          if (entry.name === "loopscope:first-frame" && marks["received"] !== undefined) marks["drawn"] ??= entry.startTime;
        }
      }).observe({ type: "mark" });
    });
    const marks = await step(page, "scale-load", async () => {
      await page.getByTestId("file-input").setInputFiles(files);
      await page.waitForFunction(() => (window as unknown as { __scale: Record<string, number> }).__scale["drawn"] !== undefined, null, { timeout: 120_000 });
      return page.evaluate(() => (window as unknown as { __scale: Record<string, number> }).__scale);
    });
    const analysed = Math.round(marks["analysed"]! - marks["change"]!);
    const drawn = Math.round(marks["drawn"]! - marks["change"]!);
    const select = await step(page, "scale-select", async () => {
      const frames = await page.evaluate(() => performance.getEntriesByName("loopscope:first-frame").length);
      const started = Date.now();
      await page.locator('[data-rule="hidden-feedback-loop"]').first().click();
      await page.waitForFunction((before) => performance.getEntriesByName("loopscope:first-frame").length > before, frames);
      return Date.now() - started;
    });
    const state = await page.$eval("#loopscope-state", (e) => ({ ...(e as HTMLElement).dataset }));
    // The app's own performance marks: where the time between the file input and the first frame goes.
    const steps = await page.evaluate(() => {
      const all = performance.getEntriesByType("mark").filter((m) => m.name.startsWith("loopscope:"));
      const picked = Math.max(...all.filter((m) => m.name === "loopscope:files-picked").map((m) => m.startTime));
      // The first of each mark after the files were picked (a later selection draws again).
      const last = new Map<string, number>();
      for (const m of all) if (m.startTime >= picked && !last.has(m.name)) last.set(m.name, m.startTime);
      // The files are read while the worker parses them: posted (the worker is told) comes before read.
      const order = ["loopscope:files-picked", "loopscope:analysis-posted", "loopscope:files-read", "loopscope:analysis-received", "loopscope:first-frame"];
      return order.map((name, i) => (i === 0 ? "" : `${name.slice(10)} +${Math.round(last.get(name)! - last.get(order[i - 1]!)!)}`)).filter(Boolean).join(", ");
    });
    console.log(`scale steps: ${steps}`);
    const worker = /analysed in (\d+) ms/.exec((await page.getByTestId("statusbar").textContent()) ?? "")?.[1];
    console.log(`scale: ${MODELS} models (${files.length} files): analysed ${analysed} ms (${worker} ms of it in analyze()), first drawn ${drawn} ms after the file input; ${state["drawnNodes"]} nodes drawn; a loop selected and redrawn in ${select} ms`);
    expect(Number(state["findings"])).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(BOUND_MS);
    expect(session.consoleErrors).toEqual([]);
  }, 300_000);
});
