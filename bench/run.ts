/**
 * `npm run bench`: times Loopscope on generated estates of 1,000, 10,000 and 50,000 models
 * (and one 10,000-model estate that is a single strongly connected component), prints a
 * table and rewrites the results section of bench/RESULTS.md.
 *
 *   npm run bench                       all sizes, best of 3 cold runs each
 *   npm run bench -- --quick            1,000 and 10,000 models, one run each
 *   npm run bench -- --sizes 5000 --repeat 5 --no-write
 *
 * Every number comes from a fresh process (bench/measure.ts, or the real CLI), so JIT
 * warm-up and heap growth of one step never flatter the next. Timed assertions never go in
 * tests; the targets are checked here and reported, not enforced.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpus, freemem, loadavg, totalmem, type as osType, release } from "node:os";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { tmpdir } from "node:os";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { estateFolder } from "./estate-cache.js";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const { values } = parseArgs({
  options: {
    sizes: { type: "string" },
    repeat: { type: "string" },
    quick: { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
    "no-cli": { type: "boolean", default: false },
    "no-scc": { type: "boolean", default: false },
  },
});
const sizes = (values.sizes ?? (values.quick ? "1000,10000" : "1000,10000,50000")).split(",").map(Number);
const repeat = Number(values.repeat ?? (values.quick ? 1 : 3));

interface Case {
  label: string;
  models: number;
  folder: string;
  target?: { ms: number; mb?: number } | undefined;
}

const cases: Case[] = sizes.map((models) => ({
  label: models.toLocaleString("en-US"),
  models,
  folder: estateFolder(root, `estate-${models}`, { models, seed: 1 }),
  target: models === 10_000 ? { ms: 2000, mb: 600 } : models === 50_000 ? { ms: 12_000 } : undefined,
}));
if (!values["no-scc"] && sizes.includes(10_000)) {
  cases.push({ label: "10,000, one SCC", models: 10_000, folder: estateFolder(root, "estate-10000-scc", { models: 10_000, seed: 1, giantScc: true }), target: { ms: 2000, mb: 600 } });
}

function measure(mode: string, folder: string): Record<string, number> & { summary?: Record<string, number> } {
  const out = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", join(root, "bench", "measure.ts"), mode, folder], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split("\n").pop()!) as Record<string, number>;
}

/** The real CLI, as a user runs it: wall time and peak memory of the whole process. */
type CliRun = {
  ms: number;
  rss: number;
  userMs: number;
  systemMs: number;
  faults: number;
  exit: number | null;
};

function cli(folder: string): CliRun {
  const rssFile = join(mkdtempSync(join(tmpdir(), "loopscope-bench-")), "rss");
  const start = performance.now();
  const run = spawnSync(process.execPath, [join(root, "bin", "loopscope.js"), "lint", folder, "--format", "json", "--fail-on", "never"], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, NODE_OPTIONS: `--import=${join(root, "bench", "peak-rss.mjs")}`, LOOPSCOPE_BENCH_RSS: rssFile },
  });
  const ms = performance.now() - start;
  const use = JSON.parse(readFileSync(rssFile, "utf8")) as Omit<CliRun, "ms" | "exit">;
  rmSync(join(rssFile, ".."), { recursive: true, force: true });
  if (run.status !== 0) process.stderr.write(`CLI exited ${run.status}: ${run.stderr.toString().slice(0, 500)}\n`);
  return { ms, ...use, exit: run.status };
}

function bestOf<T extends Record<string, unknown>>(runs: T[], key: keyof T): T {
  return runs.reduce((a, b) => ((b[key] as number) < (a[key] as number) ? b : a));
}

const ms = (n: number) => `${Math.round(n).toLocaleString("en-US")}`;
const mb = (bytes: number) => `${Math.round(bytes / 1e6)}`;

{
  // Every step is timed on the compiled code users run (dist-node), so build it first.
  process.stdout.write("building the CLI (npm run build:cli)...\n");
  // tsc still emits when some other file has a type error; the timing needs only the emitted CLI.
  const build = spawnSync("npm", ["run", "-s", "build:cli"], { cwd: root, encoding: "utf8" });
  if (build.status !== 0) process.stdout.write(`  (tsc reported errors, the CLI was emitted anyway)\n${build.stdout.split("\n").slice(0, 3).join("\n")}\n`);
}

const load = loadavg();
/** The machine's cost of a page fault (first touch of fresh memory), measured once per run. */
const pageCost = JSON.parse(execFileSync(process.execPath, [join(root, "bench", "page-cost.mjs")], { encoding: "utf8" })) as { microsPerPage: number };
const rows: string[] = [];
const cliRows: string[] = [];
const verdicts: string[] = [];
for (const c of cases) {
  process.stdout.write(`\n${c.label} models (${c.folder})\n`);
  const floor = bestOf(Array.from({ length: repeat }, () => measure("floor", c.folder)), "floorMs");
  const parse = bestOf(Array.from({ length: repeat }, () => measure("parse", c.folder)), "parseMs");
  const runs = Array.from({ length: repeat }, () => measure("analyze", c.folder));
  const analyze = bestOf(runs, "totalMs");
  const s = analyze.summary!;
  const validateGraph = analyze["parseValidateMs"]! - parse["parseMs"]! + analyze["graphMs"]!;
  const deriveRules = analyze["deriveMs"]! + analyze["rulesMs"]! + analyze["reportMs"]!;
  const row = [
    c.label,
    ms(analyze["files"]!),
    `${(analyze["bytes"]! / 1e6).toFixed(1)} MB`,
    `${ms(s["documents"]!)} / ${ms(s["models"]! + s["outputs"]! + s["datasets"]! + s["services"]!)} / ${ms(s["edges"]!)}`,
    ms(analyze["readMs"]!),
    ms(parse["parseMs"]!),
    ms(validateGraph),
    ms(deriveRules),
    ms(analyze["totalMs"]!),
    ms(analyze["cpuMs"]!),
    mb(Math.max(...runs.map((r) => r["peakRss"]!))),
    ms(floor["floorMs"]!),
    `${(analyze["totalMs"]! / floor["floorMs"]!).toFixed(1)}×`,
  ];
  rows.push(`| ${row.join(" | ")} |`);
  process.stdout.write(`  read ${ms(analyze["readMs"]!)} ms, parse ${ms(parse["parseMs"]!)} ms (floor ${ms(floor["floorMs"]!)} ms), validate+graph ${ms(validateGraph)} ms, derive+rules+report ${ms(deriveRules)} ms, total ${ms(analyze["totalMs"]!)} ms, peak ${mb(analyze["peakRss"]!)} MB\n`);
  process.stdout.write(`  stages: parse+validate ${ms(analyze["parseValidateMs"]!)}, graph ${ms(analyze["graphMs"]!)}, derive ${ms(analyze["deriveMs"]!)}, rules ${ms(analyze["rulesMs"]!)}, report ${ms(analyze["reportMs"]!)}; ${s["findings"]} findings, ${s["loops"]} loops\n`);
  if (!values["no-cli"]) {
    const cliRuns = Array.from({ length: repeat }, () => cli(c.folder));
    const best = bestOf(cliRuns, "ms");
    const peak = Math.max(...cliRuns.map((r) => r.rss));
    const timeMet = c.target ? best.ms <= c.target.ms : undefined;
    const memoryMet = c.target?.mb === undefined ? undefined : peak / 1e6 <= c.target.mb;
    const met = timeMet === undefined ? undefined : timeMet && memoryMet !== false;
    // Time and memory are separate targets: say which one is missed.
    const verdict = timeMet === undefined ? "–" : [`time ${timeMet ? "met" : "**not met**"}`, ...(memoryMet === undefined ? [] : [`memory ${memoryMet ? "met" : "**not met**"}`])].join(", ");
    cliRows.push(`| ${c.label} | ${cliRuns.map((r) => ms(r.ms)).join(", ")} | ${ms(best.ms)} | ${ms(best.userMs)} + ${ms(best.systemMs)} | ${ms(best.faults)} | ${mb(peak)} | ${c.target ? `≤ ${ms(c.target.ms)} ms${c.target.mb ? `, ≤ ${c.target.mb} MB` : ""}` : "–"} | ${verdict} |`);
    process.stdout.write(`  CLI lint --format json: ${cliRuns.map((r) => ms(r.ms)).join(", ")} ms, peak ${mb(peak)} MB${met === undefined ? "" : met ? " (target met)" : " (TARGET NOT MET)"}\n`);
    if (met !== undefined) verdicts.push(`${c.label}: ${met ? "met" : "not met"}`);
  }
}

let parsersTable = "";
if (sizes.includes(10_000)) {
  const p = measure("parsers", cases.find((c) => c.models === 10_000)!.folder);
  parsersTable = [
    `| files | \`yaml\` document API (parseAllDocuments + toJS, LineCounter) | js-yaml 4 loadAll (no positions) | JSON.parse | Loopscope parser (positions, limits) |`,
    `| --- | --- | --- | --- | --- |`,
    `| ${ms(p["yamlFiles"]!)} YAML | ${ms(p["yamlDocumentApiMs"]!)} ms | ${ms(p["jsYamlMs"]!)} ms | – | ${ms(p["loopscopeYamlMs"]!)} ms |`,
    `| ${ms(p["jsonFiles"]!)} JSON | ${ms(p["yamlOnJsonMs"]!)} ms | – | ${ms(p["jsonParseMs"]!)} ms | ${ms(p["loopscopeJsonMs"]!)} ms |`,
  ].join("\n");
  process.stdout.write(`\nparsers on the 10,000-model estate (best of 3, warm):\n${parsersTable}\n`);
}

const cpu = cpus();
const machine = `${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM (${Math.round(freemem() / 2 ** 30)} GiB free), ${osType()} ${release()}, Node ${process.version}; load average at start ${load.map((l) => l.toFixed(2)).join(" / ")}`;
const section = [
  `Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: ${machine}.`,
  `Best of ${repeat} cold run${repeat === 1 ? "" : "s"} per cell (each in a fresh process); peak memory is the highest of the runs. Wall times are only as good as the machine is idle: compare the CPU column (user + system time of the whole process, GC and compiler threads included) when the load average is high.`,
  "",
  "| models | files | bytes | documents / nodes / edges | read ms | parse ms | validate + graph ms | derive + rules + report ms | total ms | CPU ms (whole process) | peak MB | plain-parse floor ms | total / floor |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ...rows,
  "",
  ...(cliRows.length > 0
    ? [
        "The real CLI, `node bin/loopscope.js lint DIR --format json` (process start to exit, output discarded); CPU and page faults are the best run's, all threads:",
        "",
        "| models | runs ms | best ms | CPU user + system ms | page faults | peak MB | target | |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ...cliRows,
        "",
        `First touches of memory on this machine: ${pageCost.microsPerPage.toFixed(1)} µs per 4 KB page (bench/page-cost.mjs; well under 1 µs on bare metal), so each 1,000 page faults above cost about ${Math.round(pageCost.microsPerPage)} ms of system time.`,
        "",
      ]
    : []),
  ...(parsersTable ? ["Parsers on the 10,000-model estate (best of 3 in one warm process):", "", parsersTable, ""] : []),
].join("\n");
process.stdout.write(`\n${section}\n`);
if (verdicts.length > 0) process.stdout.write(`targets: ${verdicts.join("; ")}\n`);

if (!values["no-write"]) {
  const file = join(root, "bench", "RESULTS.md");
  const text = readFileSync(file, "utf8");
  const begin = "<!-- bench:results:begin -->";
  const end = "<!-- bench:results:end -->";
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`loopscope/bench: ${file} lacks the ${begin} … ${end} markers`);
  writeFileSync(file, `${text.slice(0, from + begin.length)}\n${section}\n${text.slice(to)}`);
  process.stdout.write(`wrote ${file}\n`);
}
