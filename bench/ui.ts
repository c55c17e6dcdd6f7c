/**
 * The UI at scale (issue #6, item 4): a generated estate (5,000 models by default, seed 1)
 * goes through the page's real file input in headless Chromium, and the page itself times
 * each step from the input's change event (the app's performance marks):
 *
 *   change → files opened → files read (the worker parses them meanwhile) → report and
 *   result in the page → layout → sigma's first frame of the new estate → positions received
 *
 * While that happens a key is pressed every 100 ms (through Chromium's input pipeline, as
 * a person would) and the page records how late each keydown reached its handler, the
 * longest gap between animation frames and every main-thread long task (PerformanceObserver
 * 'longtask'), for the load itself and for the few seconds after the first frame, when the
 * ForceAtlas2 layout may run. The worker's own analyze() time is reported separately: it is
 * the analyzer's share, not the UI's.
 *
 * Last, one more upload is cancelled from the status bar's Cancel button, to check that the
 * progress line shows and that cancelling stops the analysis.
 *
 *   npm run bench:ui                              5,000 models, 3 runs, writes bench/RESULTS.md
 *   npm run bench:ui -- --models 2000 --repeat 1 --no-write
 *
 * Results go between `<!-- bench:ui:begin -->` and `<!-- bench:ui:end -->` in bench/RESULTS.md
 * (the section is appended when the markers are missing); nothing else in the file changes.
 * BENCH_UI_DEBUG=1 also prints every long task; BENCH_UI_PROFILE=DIR writes a CPU profile of
 * the page's main thread per run (from the upload to the end of the settling time) to DIR,
 * for Chrome DevTools or any .cpuprofile reader (the UI is then built unminified, so names read).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, release, tmpdir, totalmem, type as osType } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { generateEstate } from "./generate.js";
import { openPage, startUi, waitForAnalysis, type UiSession } from "../tests/e2e/browser.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const RESULTS = join(ROOT, "bench", "RESULTS.md");
const BEGIN = "<!-- bench:ui:begin -->";
const END = "<!-- bench:ui:end -->";
const TARGET_MS = 5000;
/** The page is left idle this long after it opens, before the files are picked. */
const IDLE_BEFORE_UPLOAD_MS = 2000;
/** How long after the first frame input is still watched (the layout may run then). */
const SETTLE_MS = 4000;

const { values: args } = parseArgs({
  options: {
    models: { type: "string", default: "5000" },
    repeat: { type: "string", default: "3" },
    seed: { type: "string", default: "1" },
    "no-write": { type: "boolean", default: false },
    "no-cancel": { type: "boolean", default: false },
  },
});
const MODELS = Number(args.models);
const REPEAT = Math.max(1, Number(args.repeat));

/**
 * The page-side probe, as a string: tsx compiles this file with esbuild's keepNames, whose
 * `__name` helper does not exist in the page, so no function of this file is sent there.
 */
const PROBE = `(() => {
  const m = { marks: {}, longTasks: [], keys: [], rafGaps: [], progress: [] };
  window.__uiBench = m;
  const now = () => performance.now();
  document.querySelector('[data-testid="file-input"]').addEventListener("change", () => {
    m.change = now();
    let last = now();
    const tick = (t) => {
      m.rafGaps.push([last, t - last]);
      last = t;
      if (m.stopRaf === undefined || t < m.stopRaf) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, { capture: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) m.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask" });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const name = e.name.slice(10);
      if (!e.name.startsWith("loopscope:") || m.change === undefined || e.startTime < m.change) continue;
      // The new estate's first frame: the first one sigma draws after the result came in.
      if (name === "first-frame" && m.marks["analysis-received"] === undefined) continue;
      if (m.marks[name] === undefined) {
        m.marks[name] = e.startTime;
        if (name === "analysis-received") m.worker = e.detail;
        if (name === "first-frame") m.drawn = e.startTime;
      }
    }
  }).observe({ type: "mark" });
  window.addEventListener("keydown", (event) => {
    if (m.change !== undefined) m.keys.push([event.timeStamp, now() - event.timeStamp]);
  }, { capture: true });
  const state = document.querySelector("#loopscope-state");
  new MutationObserver(() => {
    if (m.change !== undefined && m.analysed === undefined && state.getAttribute("data-status") === "done") m.analysed = now();
  }).observe(state, { attributes: true });
  const bar = document.querySelector('[data-testid="statusbar"]');
  new MutationObserver(() => {
    const text = (bar.querySelector(".progress") || {}).textContent;
    if (m.change !== undefined && text && m.progress[m.progress.length - 1] !== text) m.progress.push(text);
  }).observe(bar, { childList: true, subtree: true, characterData: true });
})()`;

interface Probe {
  change: number;
  analysed: number;
  drawn: number;
  marks: Record<string, number>;
  longTasks: [number, number][];
  keys: [number, number][];
  rafGaps: [number, number][];
  progress: string[];
  /** The worker's own timings (read, parse, finish, graph) and the result's transfer, ms. */
  worker?: Record<string, number>;
}

interface Responsiveness {
  /** Longest main-thread task, ms. */
  longest: number;
  /** Sum over long tasks of their time beyond 50 ms (Lighthouse's total blocking time). */
  blocking: number;
  tasks: number;
  /** Worst delay of a real keydown, ms, and how many keys were pressed. */
  keyDelay: number;
  keys: number;
  /** Longest gap between two animation frames, ms. */
  frameGap: number;
}

interface Run {
  load: number[];
  /** ms after the change event: every file read (the worker parses them meanwhile), the result in the page, status "done", the first frame. */
  read: number;
  received: number;
  analysed: number;
  drawn: number;
  /** The worker's own clock (analyze() and the graph export: the analyzer's share), ms. */
  analyze: number;
  /** The worker's timings: parse (while files are read), lastChunk, finish (after the last file), graph (export), transfer (result to page). */
  worker: Record<string, number>;
  steps: Record<string, number>;
  during: Responsiveness;
  after: Responsiveness;
  /** The browser's task that put the files on the input and fired the change event: total, and its part after the event. */
  fileInputTask: [number, number];
  view: ViewInfo;
  /** Click to the selected loop's first frame, in the page; and until Playwright saw that frame. */
  select: number;
  selectSeen: number;
  progress: string[];
}

interface ViewInfo {
  estateNodes: number;
  drawnNodes: number;
  drawnEdges: number;
  modelsOnly: boolean;
  capped: boolean;
  labels: number;
  edgeLabels: boolean;
  forcedLabels: boolean;
  layout: string;
  findings: number;
}

function responsiveness(probe: Probe, from: number, to: number): Responsiveness {
  // Tasks that start in the window: the browser's own task that sets the files on the input
  // (it starts before the change event, see fileInputTask) is not the page's.
  const tasks = probe.longTasks.filter(([start]) => start >= from && start < to);
  const keys = probe.keys.filter(([t]) => t >= from && t < to);
  const gaps = probe.rafGaps.filter(([t]) => t >= from && t < to);
  return {
    longest: Math.round(Math.max(0, ...tasks.map(([, d]) => d))),
    blocking: Math.round(tasks.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0)),
    tasks: tasks.length,
    keyDelay: Math.round(Math.max(0, ...keys.map(([, d]) => d))),
    keys: keys.length,
    frameGap: Math.round(Math.max(0, ...gaps.map(([, d]) => d))),
  };
}

/** Presses Shift (which the page ignores) every 100 ms until `done()` says stop. */
async function pressKeys(page: Page, done: () => boolean): Promise<void> {
  while (!done()) {
    await page.keyboard.press("Shift").catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function once(session: UiSession, baseUrl: string, files: string[]): Promise<Run> {
  const { page } = session;
  const load = loadavg().map((l) => Number(l.toFixed(2)));
  // A fresh page each run (about:blank first: a goto that changes only the hash would not reload),
  // the clean sample analysed, then the probe.
  await page.goto("about:blank");
  await page.goto(`${baseUrl}/#sample=clean`);
  await waitForAnalysis(page);
  // A person takes seconds to choose a folder after the page opens; meanwhile the page's
  // spare worker warms the analyzer up (ui/worker/analysis.worker.ts). Uploading within
  // milliseconds of the first analysis would measure a moment no user meets.
  await page.waitForTimeout(IDLE_BEFORE_UPLOAD_MS);
  await page.evaluate(PROBE);
  let finished = false;
  const profileDir = process.env["BENCH_UI_PROFILE"];
  const cdp = profileDir ? await page.context().newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.start");
  }
  const keys = pressKeys(page, () => finished);
  await page.getByTestId("file-input").setInputFiles(files);
  await page.waitForFunction(() => (window as unknown as { __uiBench: Probe }).__uiBench.drawn !== undefined, null, { timeout: 180_000, polling: 100 });
  // Input stays watched while the first view settles (ForceAtlas2 may run after the first frame).
  await page.waitForTimeout(SETTLE_MS);
  await page.evaluate("window.__uiBench.stopRaf = performance.now()");
  finished = true;
  await keys;
  if (cdp && profileDir) {
    const { profile } = await cdp.send("Profiler.stop");
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(join(profileDir, `page-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  }
  const probe = (await page.evaluate("window.__uiBench")) as Probe;
  if (process.env["BENCH_UI_DEBUG"]) console.log(`worker ${JSON.stringify(probe.worker)}; long tasks (start after change, ms): ${probe.longTasks.filter(([s]) => s >= probe.change - 20000).map(([s, d]) => `${Math.round(s - probe.change)}+${Math.round(d)}`).join(", ")}`);
  const statusText = (await page.getByTestId("statusbar").textContent()) ?? "";
  const analyze = Number(/analysed in (\d+) ms/.exec(statusText)?.[1] ?? NaN);
  const view = (await page.evaluate(`(() => {
    const state = document.querySelector("#loopscope-state").dataset;
    const sigma = window.__loopscopeSigma;
    const toolbar = document.querySelector(".graph-toolbar");
    const checkbox = [...toolbar.querySelectorAll("label")].find((l) => l.textContent.includes("models only")).querySelector("input");
    const text = toolbar.querySelector(".muted").textContent;
    const layoutButton = document.querySelector(".graph-controls button");
    const graph = sigma.getGraph();
    const forced = graph.order <= 40;
    return {
      estateNodes: Number((/of (\\d+)/.exec(text) || [])[1] || state.drawnNodes),
      drawnNodes: Number(state.drawnNodes),
      drawnEdges: graph.size,
      modelsOnly: checkbox.checked,
      capped: text.includes("biggest loops first"),
      labels: sigma.getNodeDisplayedLabels().size,
      edgeLabels: sigma.getSetting("renderEdgeLabels"),
      forcedLabels: forced,
      layout: layoutButton.textContent.trim(),
      findings: Number(state.findings),
    };
  })()`)) as ViewInfo;
  // Selecting a hidden loop afterwards: how long until the isolated view is drawn, timed in
  // the page from the click's event to the view's first frame. Playwright sees that frame
  // later: its polling runs in animation frames, which wait behind the camera's glide to the
  // loop (each frame a full redraw with software WebGL); that time is kept too.
  const frames = await page.evaluate(() => {
    document.addEventListener("click", () => ((window as unknown as { __selectClick: number }).__selectClick = performance.now()), { capture: true, once: true });
    return performance.getEntriesByName("loopscope:first-frame").length;
  });
  const started = Date.now();
  await page.locator('[data-rule="hidden-feedback-loop"]').first().click();
  await page.waitForFunction((before) => performance.getEntriesByName("loopscope:first-frame").length > before, frames, { timeout: 60_000 });
  const selectSeen = Date.now() - started;
  const select = await page.evaluate((before) => performance.getEntriesByName("loopscope:first-frame")[before]!.startTime - (window as unknown as { __selectClick: number }).__selectClick, frames);

  const steps: Record<string, number> = {};
  for (const [name, t] of Object.entries(probe.marks)) steps[name] = Math.round(t - probe.change);
  return {
    load,
    read: steps["files-read"] ?? NaN,
    received: steps["analysis-received"] ?? NaN,
    analysed: Math.round(probe.analysed - probe.change),
    drawn: Math.round(probe.drawn - probe.change),
    analyze,
    worker: probe.worker ?? {},
    steps,
    during: responsiveness(probe, probe.change, probe.drawn),
    fileInputTask: ((task) => (task ? [Math.round(task[1]), Math.round(task[0] + task[1] - probe.change)] : [0, 0]))(probe.longTasks.find(([start, d]) => start < probe.change && start + d > probe.change)) as [number, number],
    after: responsiveness(probe, probe.drawn, probe.drawn + SETTLE_MS),
    view,
    select,
    selectSeen,
    progress: probe.progress,
  };
}

/** Uploads again and presses Cancel while the worker runs: the status must say so, quickly. */
async function cancelCheck(session: UiSession, baseUrl: string, files: string[]): Promise<{ progressShown: string; cancelMs: number; status: string; cleanAfter: boolean }> {
  const { page } = session;
  await page.goto("about:blank");
  await page.goto(`${baseUrl}/#sample=clean`);
  await waitForAnalysis(page);
  await page.getByTestId("file-input").setInputFiles(files);
  const cancel = page.getByTestId("statusbar").getByRole("button", { name: "Cancel" });
  await cancel.waitFor({ timeout: 60_000 });
  const progressShown = ((await page.getByTestId("statusbar").locator(".progress").textContent()) ?? "").replace("Cancel", "").trim();
  const started = Date.now();
  await cancel.click();
  await page.waitForSelector('#loopscope-state[data-status="cancelled"]', { state: "attached", timeout: 10_000 });
  const cancelMs = Date.now() - started;
  const status = ((await page.getByTestId("statusbar").locator(".warn").textContent()) ?? "").trim();
  // The next analysis still works after a cancel (a fresh worker).
  await page.locator('select[aria-label="Sample estate"]').selectOption("bike-shop");
  await waitForAnalysis(page);
  const cleanAfter = Number((await page.$eval("#loopscope-state", (e) => (e as HTMLElement).dataset["findings"])) ?? 0) > 0;
  return { progressShown, cancelMs, status, cleanAfter };
}

const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");

async function main(): Promise<void> {
  const startLoad = loadavg();
  const dir = mkdtempSync(join(tmpdir(), "loopscope-bench-ui-"));
  const files: string[] = [];
  let bytes = 0;
  for (const source of generateEstate({ models: MODELS, seed: Number(args.seed) })) {
    const path = join(dir, source.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, source.text);
    files.push(path);
    bytes += Buffer.byteLength(source.text);
  }
  console.log(`${MODELS.toLocaleString("en-US")} models: ${files.length.toLocaleString("en-US")} files, ${(bytes / 2 ** 20).toFixed(1)} MB in ${dir}`);
  const server = await startUi({ readable: Boolean(process.env["BENCH_UI_PROFILE"]) });
  const session = await openPage(server.baseUrl);
  const chromiumVersion = session.context.browser()?.version() ?? spawnSync("/usr/bin/chromium", ["--version"], { encoding: "utf8" }).stdout.trim();
  const runs: Run[] = [];
  let cancel: Awaited<ReturnType<typeof cancelCheck>> | undefined;
  try {
    for (let i = 0; i < REPEAT; i++) {
      const run = await once(session, server.baseUrl, files);
      runs.push(run);
      console.log(
        `run ${i + 1} (load ${run.load.join(" / ")}): files read ${run.read} ms, result in the page ${run.received} ms, first frame ${run.drawn} ms; ` +
          `worker ${JSON.stringify(run.worker)}, analyze() ${run.analyze} ms; longest task ${run.during.longest} ms while loading, ${run.after.longest} ms after; worst key delay ${run.during.keyDelay} / ${run.after.keyDelay} ms; select a loop ${Math.round(run.select)} ms to its first frame (${run.selectSeen} ms until seen); marks ${JSON.stringify(run.steps)}`,
      );
      // A loaded machine says little about the UI: note it, so the run can be repeated when quieter.
      if (run.load[0]! > cpus().length * 1.5) console.log(`  (load average ${run.load[0]} on ${cpus().length} cores: this run is an upper bound)`);
    }
    if (!args["no-cancel"]) {
      cancel = await cancelCheck(session, server.baseUrl, files);
      console.log(`cancel: progress "${cancel.progressShown}", cancelled in ${cancel.cancelMs} ms, status "${cancel.status}", next analysis ok: ${cancel.cleanAfter}`);
    }
    if (session.consoleErrors.length > 0) console.log(`console errors: ${session.consoleErrors.join(" | ")}`);
  } finally {
    await session.close();
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const best = runs.reduce((a, b) => (b.drawn < a.drawn ? b : a));
  const v = best.view;
  const cpu = cpus();
  const machine = `${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM (${Math.round(freemem() / 2 ** 30)} GiB free), ${osType()} ${release()}, Node ${process.version}, Chromium ${chromiumVersion} (headless, SwiftShader WebGL); load average at start ${startLoad.map((l) => l.toFixed(2)).join(" / ")}`;
  const w = best.worker;
  const afterRead = (r: Run) => r.received - r.read;
  const lines = [
    `Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: ${machine}.`,
    `${MODELS.toLocaleString("en-US")} models (seed ${args.seed}): ${files.length.toLocaleString("en-US")} files, ${(bytes / 2 ** 20).toFixed(1)} MB, ${v.estateNodes.toLocaleString("en-US")} nodes, ${v.findings.toLocaleString("en-US")} findings. ` +
      `${REPEAT} run${REPEAT === 1 ? "" : "s"}, each on a freshly loaded page left idle ${IDLE_BEFORE_UPLOAD_MS / 1000} s before the upload (its spare worker warms the analyzer up meanwhile: ${fmt(w["warmRounds"] ?? NaN)} rounds, ${fmt(w["warm"] ?? NaN)} ms, in the fastest run). Times are ms after the file input's change event, measured inside the page; ` +
      `"analyzer" is the worker's own clock for analyze() and the graph export (parsing runs while the files are read).`,
    "",
    "| run | load avg (1 min) | files read | result in the page | first frame | ≤ 5,000 ms | analyzer | longest task while loading | blocking time | worst key delay (keys) | longest frame gap | after first frame: longest task / key delay | select a loop: first frame / seen |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...runs.map(
      (r, i) =>
        `| ${i + 1} | ${r.load[0]} | ${fmt(r.read)} | ${fmt(r.received)} | **${fmt(r.drawn)}** | ${r.drawn <= TARGET_MS ? "met" : "not met"} | ${fmt(r.analyze)} | ${fmt(r.during.longest)} | ${fmt(r.during.blocking)} | ${fmt(r.during.keyDelay)} (${r.during.keys}) | ${fmt(r.during.frameGap)} | ${fmt(r.after.longest)} / ${fmt(r.after.keyDelay)} | ${fmt(r.select)} / ${fmt(r.selectSeen)} |`,
    ),
    "",
    `Where the fastest run's ${fmt(best.drawn)} ms went: opening and reading the ${files.length.toLocaleString("en-US")} files ${fmt(best.read)} ms ` +
      `(the browser looks up each file's size, ${fmt(best.steps["files-opened"] ?? NaN)} ms, then reads them in parallel), ` +
      `while the worker parsed them (${fmt(w["parse"] ?? NaN)} ms of parsing); then ${fmt(afterRead(best))} ms until the result was in the page: ` +
      `the rest of the analysis ${fmt(w["finish"] ?? NaN)} ms and the graph export ${fmt(w["graph"] ?? NaN)} ms (the analyzer's), the result's transfer ${fmt(w["transfer"] ?? NaN)} ms; ` +
      `then ${fmt(best.drawn - best.received)} ms to the first frame (indexing, the view, its layout in a worker, drawing). ` +
      `The positions held back from the first transfer arrived ${fmt((best.steps["details-received"] ?? NaN) - best.drawn)} ms after the first frame. ` +
      `The browser's own task that sets ${files.length.toLocaleString("en-US")} files on the input took ${fmt(best.fileInputTask[0])} ms before the change event (not counted).`,
    "",
    `The first view: ${v.modelsOnly ? "models only (the estate has more than 3,000 nodes)" : "every node kind"}, ${v.drawnNodes.toLocaleString("en-US")} of ${v.estateNodes.toLocaleString("en-US")} nodes and ${v.drawnEdges.toLocaleString("en-US")} edges drawn` +
      `${v.capped ? " (the biggest loops first, up to 400 loop nodes)" : ""}; ${v.labels} node labels shown by sigma's label grid, ${v.forcedLabels ? "forced labels on" : "no forced labels (views over 40 nodes)"}, edge labels ${v.edgeLabels ? "on" : "off (views over 120 edges)"}; layout button ${SETTLE_MS / 1000} s later: "${v.layout}".`,
    ...(cancel
      ? [
          "",
          `Progress and cancel: the status bar went ${summariseProgress(runs[0]!.progress)}. In another upload the Cancel button (status bar: "${cancel.progressShown}") stopped the analysis in ${fmt(cancel.cancelMs)} ms ("${cancel.status}"), and the next analysis ran normally: ${cancel.cleanAfter ? "yes" : "**no**"}.`,
        ]
      : []),
  ];
  const table = lines.join("\n");
  console.log(`\n${table}\n`);
  if (args["no-write"]) return;
  writeSection(table);
  console.log(`wrote ${RESULTS} between ${BEGIN} and ${END}`);
}

/** "open 500/5500 … 5000/5500, read …": the first and last line of each stage. */
function summariseProgress(lines: string[]): string {
  const stages: [string, string[]][] = [];
  for (const line of lines) {
    const text = line.replace("Cancel", "").replace(/^.*?files( · )?/, "").trim();
    if (!text) continue;
    const stage = text.split(" ")[0]!;
    const last = stages[stages.length - 1];
    if (last && last[0] === stage) last[1].push(text);
    else stages.push([stage, [text]]);
  }
  return stages.map(([, texts]) => (texts.length > 1 ? `${texts[0]} … ${texts[texts.length - 1]!.split(" ").slice(1).join(" ")}` : texts[0])).join(", ") || "(no progress seen)";
}

/** Rewrites only what is between the markers; appends the section (with markers) when missing. */
function writeSection(body: string): void {
  const text = readFileSync(RESULTS, "utf8");
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin >= 0 && end > begin) {
    writeFileSync(RESULTS, `${text.slice(0, begin + BEGIN.length)}\n${body}\n${text.slice(end)}`);
    return;
  }
  const section = [
    "## The UI at 5,000 models",
    "",
    "`npm run bench:ui` (bench/ui.ts; `--models N`, `--repeat N`, `--no-write`, `--no-cancel`) builds the",
    "UI, serves it, opens it in headless Debian Chromium and uploads a generated estate through the",
    "real file input. The page times each step from the input's change event to sigma's first frame,",
    "presses a key every 100 ms and records how late each keydown was handled, the longest gap",
    "between animation frames and every main-thread long task, during the load and for 4 s after the",
    "first frame (when the layout may run). Then one more upload is cancelled from the status bar.",
    "Issue #6's target: first drawn within 5 s, input never blocked.",
    "",
    BEGIN,
    body,
    END,
    "",
  ].join("\n");
  writeFileSync(RESULTS, `${text.replace(/\n*$/, "\n\n")}${section}`);
}

await main();
