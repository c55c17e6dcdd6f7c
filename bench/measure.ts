/**
 * One cold measurement in its own process (bench/run.ts starts one per mode, size and
 * repetition, so JIT warm-up and heap growth of one step never flatter another):
 *
 *   node --expose-gc --import tsx bench/measure.ts <mode> <folder>     (after npm run build:cli)
 *
 * modes: floor    read, then a plain parse (JSON.parse / js-yaml, no positions, no checks)
 *        parse    read, then Loopscope's parser (positions, limits, recovery)
 *        analyze  read, analyze() with stage marks, then the JSON report
 *        parsers  the parser comparison of bench/RESULTS.md (yaml document API vs the rest)
 * Prints one JSON object; times in milliseconds.
 */
import { CORE_SCHEMA, loadAll } from "js-yaml";
import { LineCounter, parseAllDocuments } from "yaml";
import type { SourceFile } from "../analyzer/types.js";

// The code measured is the compiled CLI's (dist-node, built by bench/run.ts), not the
// TypeScript sources through tsx: tsx wraps every function it compiles (a `name` property
// set on each closure), which added about 40 MB of heap and its GC time to the parse alone.
const dist = (path: string) => new URL(`../dist-node/${path}`, import.meta.url).href;
const { analyze } = (await import(dist("analyzer/index.js"))) as typeof import("../analyzer/index.js");
const { parseSource } = (await import(dist("analyzer/parse/parse-source.js"))) as typeof import("../analyzer/parse/parse-source.js");
const { reportJsonBytes } = (await import(dist("analyzer/report/json.js"))) as typeof import("../analyzer/report/json.js");
const { readSources } = (await import(dist("src/io/read-sources.js"))) as typeof import("../src/io/read-sources.js");

const [mode, folder] = process.argv.slice(2);
if (!mode || !folder) {
  process.stderr.write("usage: measure.ts <floor|parse|analyze|parsers> <folder>\n");
  process.exit(2);
}

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

/** CPU time of this process (all its threads) since `since`, in ms: steadier than wall time on a busy machine. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}
const cpuStart = process.cpuUsage();

const [read, readMs] = timed(() => readSources([folder], process.cwd()));
const sources = read.sources;
const bytes = sources.reduce((sum, s) => sum + Buffer.byteLength(s.text), 0);
const base = { files: sources.length, bytes, readMs, notices: read.notices.length };

function floorParse(list: SourceFile[]): number {
  let documents = 0;
  for (const source of list) {
    if (source.path.endsWith(".json")) {
      const value: unknown = JSON.parse(source.text);
      documents += Array.isArray(value) ? value.length : 1;
    } else documents += loadAll(source.text, null, { schema: CORE_SCHEMA }).length;
  }
  return documents;
}

let result: Record<string, unknown>;
if (mode === "floor") {
  const cpu = process.cpuUsage();
  const [documents, floorMs] = timed(() => floorParse(sources));
  result = { ...base, documents, floorMs, floorCpuMs: cpuMs(cpu) };
} else if (mode === "parse") {
  const cpu = process.cpuUsage();
  const [parsed, parseMs] = timed(() => sources.map((s) => parseSource(s)));
  const parseCpuMs = cpuMs(cpu);
  const documents = parsed.reduce((sum, p) => sum + p.documents.length, 0);
  const problems = parsed.reduce((sum, p) => sum + p.problems.length, 0);
  // Every position once, as `loopscope graph` needs them: the lazy part of the parser.
  const [, locateMs] = timed(() => {
    for (const file of parsed) for (const doc of file.documents) doc.locate(["name"]);
  });
  result = { ...base, documents, problems, parseMs, parseCpuMs, locateMs };
} else if (mode === "analyze") {
  const marks: Record<string, number> = {};
  const cpu = process.cpuUsage();
  const start = performance.now();
  const analysis = analyze(sources, {
    today: "2026-11-28",
    onProgress: (p) => {
      if (p.stage !== "parse" && marks[p.stage] === undefined) marks[p.stage] = performance.now() - start;
    },
  });
  const analyzeMs = performance.now() - start;
  const analyzeCpuMs = cpuMs(cpu);
  // The report as the CLI writes it: UTF-8 pieces, each dropped once counted.
  const [reportBytes, reportMs] = timed(() => {
    let bytes = 0;
    for (const piece of reportJsonBytes(analysis.report)) bytes += piece.length;
    return bytes;
  });
  const at = (stage: string, fallback: number) => marks[stage] ?? fallback;
  result = {
    ...base,
    summary: analysis.report.summary,
    parseValidateMs: at("graph", analyzeMs),
    graphMs: at("derive", analyzeMs) - at("graph", analyzeMs),
    deriveMs: at("rules", analyzeMs) - at("derive", analyzeMs),
    rulesMs: at("report", analyzeMs) - at("rules", analyzeMs),
    reportMs: analyzeMs - at("report", analyzeMs) + reportMs,
    analyzeMs,
    analyzeCpuMs,
    totalMs: readMs + analyzeMs + reportMs,
    reportBytes,
  };
} else if (mode === "parsers") {
  const yamlFiles = sources.filter((s) => !s.path.endsWith(".json"));
  const jsonFiles = sources.filter((s) => s.path.endsWith(".json"));
  const run = (fn: () => unknown) => timed(fn)[1];
  result = {
    ...base,
    yamlFiles: yamlFiles.length,
    jsonFiles: jsonFiles.length,
    // Best of three each, in one process: this compares parsers, not cold starts.
    yamlDocumentApiMs: best(() => run(() => yamlFiles.forEach((s) => parseAllDocuments(s.text, { lineCounter: new LineCounter() }).forEach((d) => d.toJS())))),
    jsYamlMs: best(() => run(() => floorParse(yamlFiles))),
    loopscopeYamlMs: best(() => run(() => yamlFiles.forEach((s) => parseSource(s)))),
    jsonParseMs: best(() => run(() => floorParse(jsonFiles))),
    yamlOnJsonMs: best(() => run(() => jsonFiles.forEach((s) => parseAllDocuments(s.text, { lineCounter: new LineCounter() }).forEach((d) => d.toJS())))),
    loopscopeJsonMs: best(() => run(() => jsonFiles.forEach((s) => parseSource(s)))),
  };
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}

function best(fn: () => number): number {
  return Math.min(fn(), fn(), fn());
}

process.stdout.write(JSON.stringify({ mode, ...result, cpuMs: cpuMs(cpuStart), peakRss: process.resourceUsage().maxRSS * 1024 }) + "\n");
