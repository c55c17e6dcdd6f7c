import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { isMap, isScalar, parseDocument } from "yaml";
import type { Command, CommandIO } from "./command.js";
import type { Notice, SourceFile } from "../../analyzer/types.js";
import { dbtToManifests, declaringFiles, importOpenLineage, mergeImportedFile, renderImportedFile, routeToDeclaringFiles, parseImportMapping, type ImportMapping, type ImportResult, type MappingOrigin } from "../../analyzer/import/index.js";
import { readSources } from "../io/read-sources.js";
import { readLineageFiles } from "../io/read-lineage-files.js";
import { makeFolders } from "../io/make-folders.js";
import { writeChunksAtomic } from "../io/atomic-write.js";
import { readSideFile, readSideText, SideFileError, sideFileProblem, SIDE_FILE_LIMITS } from "../io/read-side-file.js";
import { nestingProblem } from "../../analyzer/parse/nesting-guard.js";
import { LineIndex, withLoneCrAsLf } from "../../analyzer/parse/line-index.js";
import { nestedRepetition } from "../io/regex-risk.js";
import { parseFlags } from "../io/parse-flags.js";
import { EXIT, UsageError } from "../exit-codes.js";
import { formatNotice } from "../io/format-notice.js";
import { commandProgress } from "../io/progress.js";
import { PARSE_LIMITS } from "../../analyzer/parse/limits.js";
import { errnoText } from "../io/errno-text.js";

export const importCommand: Command = {
  name: "import",
  summary: "write manifests from OpenLineage events or a dbt manifest.json",
  usage: `Usage: loopscope import openlineage <files or folders...> --out DIR [--models REGEX] [--mapping FILE] [--no-progress]
       loopscope import dbt <manifest.json> --out DIR [--namespace NS] [--no-progress]

openlineage reads RunEvents, JobEvents, DatasetEvents and LineageFacets (JSON, JSON
arrays, NDJSON; folders recursively) and writes one manifest file per namespace. Jobs
become Services unless --models, a mapping file or an ML jobType facet marks them as
Models; datasets keep their lineage as derivedFrom. dbt writes a Dataset per model, seed,
snapshot and source (derivedFrom = depends_on) and a Service per exposure.

Re-running updates the files in DIR and keeps fields added by hand (influences,
monitoring, deployment, acknowledge, edited owners and descriptions).

Options:
  -o, --out <dir>          folder to write the manifests to (required)
      --models <regex>     job names (or namespace/name) that are ML models; repeatable
      --mapping <file>     YAML/JSON: { models: [regex], services: [regex],
                           modelJobTypes: [JOBTYPE], names: { olName: loopscopeName } }
      --namespace <ns>     dbt: OpenLineage namespace of the tables (default: adapter type)
      --no-progress        never show the steps on a terminal (LOOPSCOPE_NO_PROGRESS=1 too)

Bad events are reported as file:line:column and skipped. Exit codes: 0 done (also when there was
nothing to import), 2 usage or I/O error.
`,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, {
      out: { type: "string", short: "o" },
      models: { type: "string", multiple: true },
      mapping: { type: "string" },
      namespace: { type: "string" },
      "no-progress": { type: "boolean" },
    });
    const [source, ...paths] = positionals;
    if (source !== "openlineage" && source !== "dbt") throw new UsageError("say what to import: `loopscope import openlineage <files>` or `loopscope import dbt <manifest.json>`");
    if (paths.length === 0) throw new UsageError(`give the ${source === "dbt" ? "manifest.json" : "OpenLineage event files or folders"} to import`);
    if (values.out === undefined) throw new UsageError("--out DIR is required (the folder the manifests are written to)");
    let result: ImportResult;
    const readNotices: Notice[] = [];
    const out = resolve(io.cwd, values.out);
    let written: WriteCounts;
    // A big import (26,000 events: about 7 s) said nothing on a terminal until it was done.
    const progress = commandProgress(io, values["no-progress"] === true);
    try {
      if (source === "openlineage") {
        if (values.namespace !== undefined) throw new UsageError("--namespace applies to `import dbt` only");
        const models = (values.models ?? []).map(toRegExp);
        const { mapping, origin: mappingOrigin } = values.mapping === undefined ? {} : readMapping(values.mapping, io.cwd);
        progress.show("reading the events");
        const skipped = (notice: Notice) => {
          progress.done();
          io.stderr(`${formatNotice(notice)}\n`);
        };
        const { sources, notices } = readLineageFiles(paths, io.cwd, { skipped });
        for (const notice of notices) readNotices.push(notice);
        progress.show(`turning ${sources.length.toLocaleString("en-US")} event files into manifests`);
        result = importOpenLineage(sources, { models, mapping, mappingOrigin });
      } else {
        if (values.models !== undefined || values.mapping !== undefined) throw new UsageError("--models and --mapping apply to `import openlineage` only");
        if (paths.length > 1) throw new UsageError("give one dbt manifest.json");
        progress.show("reading the dbt manifest");
        result = dbtToManifests(readDbtManifest(paths[0]!, io.cwd), { namespace: values.namespace });
      }
      if (existsSync(out)) {
        progress.show("reading the manifests already in the output folder");
        const routed = routeToDeclaringFiles(result.files, declaringFiles(readSources(["."], out).sources));
        // Their files are named inside --out; notices name files as the user sees them.
        const shown = routed.notices.map((n) => ({ ...n, file: relative(io.cwd, join(out, n.file ?? "")) }));
        result = { ...result, files: routed.files, notices: [...result.notices, ...shown] };
      }
      progress.show(`writing ${result.files.length.toLocaleString("en-US")} manifest files`);
      written = writeFiles(result, out, io, readNotices);
    } finally {
      progress.done();
    }
    for (const notice of [...readNotices, ...result.notices]) io.stderr(`${formatNotice(notice)}\n`);
    // Said after the notices (which a failed write used to swallow), with each file that failed.
    if (written.stopped !== undefined) throw new UsageError(written.stopped);
    if (written.failed.length > 0) {
      for (const failure of written.failed) io.stderr(`${failure}\n`);
      const done = written.created + written.updated + written.unchanged;
      throw new UsageError(`${written.failed.length} of ${written.failed.length + done} manifest files could not be written (above); ${done} ${done === 1 ? "was" : "were"} written or already up to date`);
    }
    if (result.files.length === 0) {
      io.stderr(`loopscope import: nothing to import (no job or dataset with lineage was found); no files written\n`);
      return EXIT.ok;
    }
    const { models, services, datasets } = result.counts;
    const shown = relative(io.cwd, out) || ".";
    io.stdout(`imported ${models} model(s), ${services} service(s), ${datasets} dataset(s) into ${shown}: ${written.created} file(s) created, ${written.updated} updated${written.unchanged ? `, ${written.unchanged} unchanged` : ""}\n`);
    return EXIT.ok;
  },
};

interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** "cannot write FILE: why", one per file not written; the other files are still written. */
  failed: string[];
  /** Why nothing could be written at all (no output folder can be made): one line, the run's error. */
  stopped?: string;
}

function writeFiles(result: ImportResult, out: string, io: CommandIO, notices: Notice[]): WriteCounts {
  const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0, failed: [] };
  const whyNot = (shown: string, error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    return error instanceof UsageError ? error.message : `cannot write ${shown}: ${code === "EEXIST" || code === "ENOTDIR" ? `a file stands where a folder is needed (${code})` : code !== undefined ? errnoText(code) : String(error)}`;
  };
  // The output folder first: when it cannot be made, every file would fail the same way.
  const first = result.files[0];
  if (first) {
    try {
      makeFolders(out);
    } catch (error) {
      counts.stopped = whyNot(relative(io.cwd, join(out, first.path)), error);
      return counts;
    }
  }
  for (const file of result.files) {
    const target = join(out, file.path);
    const shown = relative(io.cwd, target);
    let text: string | undefined;
    const exists = existsSync(target);
    if (exists) {
      let existing: string;
      try {
        existing = readSideText(target, SIDE_FILE_LIMITS.manifest, { strict: true });
      } catch (error) {
        const at = error instanceof SideFileError ? error.at : undefined;
        notices.push({ file: shown, ...at, message: `cannot merge the import into this file (${sideFileProblem(error)}); left unchanged` });
        continue;
      }
      const merged = mergeImportedFile(existing, file, shown);
      for (const notice of merged.notices) notices.push(notice);
      text = merged.text;
      if (text === undefined) continue;
      if (text === existing) {
        counts.unchanged++;
        continue;
      }
      counts.updated++;
    } else {
      text = renderImportedFile(file);
      counts.created++;
    }
    // One namespace can hold more documents than lint reads from one file: say so now, not at the next lint.
    const documents = (text.match(/^---$/gm)?.length ?? 0) + 1;
    if (documents > PARSE_LIMITS.maxDocumentsPerFile) {
      notices.push({ file: shown, message: `holds ${documents.toLocaleString("en-US")} documents, more than lint reads from one file (${PARSE_LIMITS.maxDocumentsPerFile.toLocaleString("en-US")}): the ${(documents - PARSE_LIMITS.maxDocumentsPerFile).toLocaleString("en-US")} after them will not be analysed; import the namespace's jobs in parts (--models) into separate folders` });
    }
    try {
      makeFolders(dirname(target));
      // Atomic: a merge that fails half way keeps the file the team wrote by hand.
      writeChunksAtomic(target, [text], { shown, raw: true });
    } catch (error) {
      counts.failed.push(whyNot(shown, error));
      if (exists) counts.updated--;
      else counts.created--;
    }
  }
  return counts;
}

function toRegExp(pattern: string): RegExp {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch (error) {
    throw new UsageError(`--models: not a regular expression: ${pattern} (${error instanceof Error ? error.message : String(error)})`);
  }
  const risk = nestedRepetition(pattern);
  if (risk) throw new UsageError(`--models: ${pattern}: ${risk}`);
  return regex;
}

/**
 * A dbt manifest.json as a source: up to 500 MiB (a big project's manifest runs to hundreds
 * of megabytes, past the manifests' 20 MiB), strict UTF-8.
 */
function readDbtManifest(path: string, cwd: string): SourceFile {
  const absolute = resolve(cwd, path);
  let bytes: Buffer;
  try {
    bytes = readSideFile(absolute, SIDE_FILE_LIMITS.dbtManifest);
  } catch (error) {
    throw new UsageError(`${path}: cannot read (${sideFileProblem(error)})`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UsageError(`${path}: not valid UTF-8 text`);
  }
  return { path: relative(cwd, absolute).split(sep).join("/") || path, text };
}

/** The mapping file, validated, with where each `names` entry starts; any problem is one usage line with file:line:column. */
function readMapping(path: string, cwd: string): { mapping: ImportMapping; origin: MappingOrigin } {
  let text: string;
  try {
    text = readSideText(resolve(cwd, path), SIDE_FILE_LIMITS.mapping);
  } catch (error) {
    throw new UsageError(`--mapping ${path}: cannot read (${sideFileProblem(error)})`);
  }
  const deep = nestingProblem(text);
  if (deep) throw new UsageError(`${path}:${deep.line}:${deep.column}: ${deep.message}`);
  const lines = new LineIndex(text);
  const doc = parseDocument(withLoneCrAsLf(text), { prettyErrors: false, logLevel: "error" });
  const at = (offset: number | undefined) => {
    const pos = lines.locate(path, offset ?? 0);
    return `${path}:${pos.line}:${pos.column}`;
  };
  if (doc.errors.length > 0) throw new UsageError(`${at(doc.errors[0]!.pos[0])}: ${doc.errors[0]!.message.split("\n")[0]}`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias bomb ("Excessive alias count"): a usage error naming the file, not an internal error.
    throw new UsageError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseImportMapping(value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keys = issue.path.filter((k): k is string | number => typeof k !== "symbol");
    const node = doc.getIn(keys, true) as { range?: [number, number, number] } | undefined;
    throw new UsageError(`${at(node?.range?.[0])}: ${issue.message}${keys.length > 0 ? ` (${keys.join(".")})` : ""}`);
  }
  for (const field of ["models", "services"] as const) {
    parsed.data[field].forEach((pattern, i) => {
      const where = at((doc.getIn([field, i], true) as { range?: [number, number, number] } | undefined)?.range?.[0]);
      try {
        new RegExp(pattern);
      } catch (error) {
        throw new UsageError(`${where}: not a regular expression: ${pattern} (${error instanceof Error ? error.message : String(error)})`);
      }
      const risk = nestedRepetition(pattern);
      if (risk) throw new UsageError(`${where}: ${pattern}: ${risk}`);
    });
  }
  const entries = doc.get("names", true);
  const names = (isMap(entries) ? entries.items : []).flatMap((pair) => {
    if (!isScalar(pair.key) || !pair.key.range) return [];
    const pos = lines.locate(path, pair.key.range[0]);
    return [[String(pair.key.value), { line: pos.line, column: pos.column }] as const];
  });
  return { mapping: parsed.data, origin: { file: path, names: Object.fromEntries(names) } };
}
