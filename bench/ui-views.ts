/**
 * The UI after the first frame, in headless Chromium: what a person does next, and how long
 * the page's main thread is held while it happens (the longest task, PerformanceObserver
 * 'longtask', from the click until the page has been quiet for a moment).
 *
 * 1. A generated estate (5,000 models by default) through the real file input; then: open the
 *    matrix, click a coupling, back to the graph, open the SQL console, back to the graph.
 * 2. A clique (200 models by default, each reading every other model's output: about 40,000
 *    edges, past the 10,000-edge drawing budget): a redraw (`sigma.refresh()`), and selecting
 *    a loop until its second frame.
 *
 *   npm run bench:ui-views
 *   npm run bench:ui-views -- --models 10000 --clique 300
 *
 * Prints a table; bench/RESULTS.md ("Views at scale") keeps the numbers of record.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { generateEstate } from "./generate.js";
import { openPage, startUi, waitForAnalysis } from "../tests/e2e/browser.js";

const { values: args } = parseArgs({ options: { models: { type: "string", default: "5000" }, clique: { type: "string", default: "200" } } });
const MODELS = Number(args.models);
const CLIQUE = Number(args.clique);
/** A step is over once the page has had no long task for this long. */
const QUIET_MS = 600;

type Win = { __views: { tasks: [number, number][] }; __loopscopeSigma: { refresh(): void; getGraph(): { order: number; size: number } } };

/** What sigma has now, for the table. */
const drawn = (page: Page) => page.evaluate(() => {
  const g = (window as unknown as Win).__loopscopeSigma.getGraph();
  return `${g.order.toLocaleString("en-US")} nodes, ${g.size.toLocaleString("en-US")} edges drawn`;
});

/** Starts recording long tasks on the page (again after each navigation). */
async function watchTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as Win;
    w.__views = { tasks: [] };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__views.tasks.push([entry.startTime, entry.duration]);
    }).observe({ type: "longtask" });
  });
}

/** Runs `action`, waits for `ready`, then for the page to be quiet; the longest task since the action and the time until ready. */
async function measure(page: Page, action: () => Promise<unknown>, ready: () => Promise<unknown>): Promise<{ longest: number; ms: number }> {
  const from = await page.evaluate(() => performance.now());
  const started = Date.now();
  await action();
  await ready();
  const ms = Date.now() - started;
  for (let seen = -1; ; ) {
    await page.waitForTimeout(QUIET_MS);
    const count = await page.evaluate(() => (window as unknown as Win).__views.tasks.length);
    if (count === seen) break;
    seen = count;
  }
  const longest = await page.evaluate((since) => Math.max(0, ...(window as unknown as Win).__views.tasks.filter(([start]) => start >= since).map(([, d]) => d)), from);
  return { longest: Math.round(longest), ms };
}

function writeFiles(sources: Iterable<{ path: string; text: string }>): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "loopscope-bench-views-"));
  const files: string[] = [];
  for (const source of sources) {
    const path = join(dir, source.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, source.text);
    files.push(path);
  }
  return { dir, files };
}

function* clique(n: number): Generator<{ path: string; text: string }> {
  yield { path: "sales.yaml", text: "apiVersion: loopscope/v1\nkind: Dataset\nname: sales\n" };
  for (let i = 0; i < n; i++) {
    const inputs = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i).map((j) => `m${j}/o`);
    yield { path: `m${i}.yaml`, text: `apiVersion: loopscope/v1\nkind: Model\nname: m${i}\ninputs: [${inputs.join(", ")}]\noutputs:\n  - name: o\n    influences: [sales]\n` };
  }
}

async function upload(page: Page, baseUrl: string, files: string[]): Promise<void> {
  await page.goto("about:blank");
  await page.goto(`${baseUrl}/#sample=clean`);
  await waitForAnalysis(page);
  await page.getByTestId("file-input").setInputFiles(files);
  await page.waitForFunction(() => performance.getEntriesByName("loopscope:first-frame").length > 0 && document.querySelector("#loopscope-state")?.getAttribute("data-status") === "done", null, { timeout: 300_000, polling: 200 });
  // The positions follow a big estate's first frame; the steps below start once they are in
  // (the export buttons wait for them too).
  await page.waitForFunction(() => !(document.querySelector(".export button") as HTMLButtonElement | null)?.disabled, null, { timeout: 120_000, polling: 200 });
  await watchTasks(page);
}

async function main(): Promise<void> {
  const load = loadavg().map((l) => l.toFixed(2)).join(" / ");
  const estate = writeFiles(generateEstate({ models: MODELS, seed: 1 }));
  const dense = writeFiles(clique(CLIQUE));
  const server = await startUi();
  const session = await openPage(server.baseUrl);
  const { page } = session;
  const rows: [string, { longest: number; ms: number }][] = [];
  try {
    await upload(page, server.baseUrl, estate.files);
    const graphButton = page.getByRole("button", { name: "Graph", exact: true });
    rows.push([`${MODELS.toLocaleString("en-US")} models: open the matrix`, await measure(page, () => page.getByRole("button", { name: "Matrix" }).click(), () => page.waitForSelector("[data-pair]", { timeout: 120_000 }))]);
    rows.push(["click a coupling", await measure(page, () => page.locator("[data-pair]").nth(3).click(), () => page.getByTestId("coupling-explanation").waitFor())]);
    rows.push(["back to the graph", await measure(page, () => graphButton.click(), () => page.getByTestId("graph-canvas").waitFor({ state: "visible" }))]);
    rows[rows.length - 1]![0] += ` (the coupling's neighbourhood: ${await drawn(page)})`;
    rows.push(["open the SQL console", await measure(page, () => page.getByRole("button", { name: "SQL" }).click(), () => page.getByTestId("sql-console").waitFor())]);
    rows.push(["back to the graph", await measure(page, () => graphButton.click(), () => page.getByTestId("graph-canvas").waitFor({ state: "visible" }))]);

    await upload(page, server.baseUrl, dense.files);
    const given = await drawn(page);
    const refresh = await page.evaluate(() => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        (window as unknown as Win).__loopscopeSigma.refresh();
        times.push(performance.now() - t);
      }
      return Math.round(Math.min(...times));
    });
    rows.push([`clique of ${CLIQUE} models (${given}): sigma.refresh(), best of 3`, { longest: refresh, ms: refresh }]);
    const select = await page.evaluate(async () => {
      const item = document.querySelector('[data-rule="circular-model-dependency"]') as HTMLElement;
      const t = performance.now();
      item.click();
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return Math.round(performance.now() - t);
    });
    rows.push(["select a loop, until its second frame", { longest: select, ms: select }]);
  } finally {
    await session.close();
    server.stop();
    rmSync(estate.dir, { recursive: true, force: true });
    rmSync(dense.dir, { recursive: true, force: true });
  }
  console.log(`\nRun on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, load average at start ${load}; headless Chromium, SwiftShader WebGL.\n`);
  console.log("| step | until shown, ms | longest page task, ms |\n| --- | --- | --- |");
  for (const [step, { longest, ms }] of rows) console.log(`| ${step} | ${ms.toLocaleString("en-US")} | ${longest.toLocaleString("en-US")} |`);
  if (session.consoleErrors.length > 0) console.log(`\nconsole errors: ${session.consoleErrors.join("; ")}`);
}

await main();
