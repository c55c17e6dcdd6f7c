import type { Location, Notice, SourceFile } from "../types.js";
import type { FieldPath } from "../parse/parsed-document.js";
import type { DeclaredEdge, LineageEntity, LineageEvent, LineageJob } from "./lineage-event.js";
import { readJsonValues, type JsonValue } from "./json-values.js";
import { readLineageFacet } from "./read-lineage-facet.js";
import { classifyJson } from "./classify-json.js";
import { isObject } from "./is-object.js";

export interface ReadLineageResult {
  events: LineageEvent[];
  /** Malformed events (skipped) and files that hold no events, each with file:line:column. */
  problems: Notice[];
}

/**
 * Reads OpenLineage RunEvents, JobEvents, DatasetEvents and LineageFacet fragments from
 * JSON, JSON arrays and NDJSON. Lenient where real producers differ (missing runId,
 * placeholder `eventTime`), strict where Loopscope would otherwise guess (a job or dataset
 * without namespace and name): those are reported with their position and skipped.
 */
export function readLineageEvents(files: SourceFile[]): ReadLineageResult {
  const events: LineageEvent[] = [];
  const problems: Notice[] = [];
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const { values, problems: syntax, whole } = readJsonValues(file.path, stripBom(file.text));
    for (const problem of syntax) problems.push(problem);
    const kind = classifyJson(whole);
    if (kind !== "events") {
      problems.push({ file: file.path, line: 1, column: 1, message: `${kind.description}; no OpenLineage events read` });
      continue;
    }
    const fileProblems: Notice[] = [];
    for (const item of values) readValue(item, events, fileProblems);
    for (const problem of fileProblems) problems.push(problem);
  }
  return { events, problems: problems.sort((a, b) => compareText(a.file ?? "", b.file ?? "") || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)) };
}

function readValue(item: JsonValue, events: LineageEvent[], problems: Notice[]): void {
  const { value, locate } = item;
  const problem = (path: FieldPath, message: string) => problems.push({ ...locate(path), message });
  if (!isObject(value)) {
    problem([], "not an OpenLineage event (expected an object); skipped");
    return;
  }
  const base = { location: locate([]), inputs: [] as LineageEntity[], outputs: [] as LineageEntity[], declared: [] as DeclaredEdge[] };
  const time = readTime(value["eventTime"]);
  const timing = { eventTime: typeof value["eventTime"] === "string" ? value["eventTime"] : undefined, time };
  if (value["dataset"] !== undefined && value["job"] === undefined) {
    const dataset = readEntity(value["dataset"], ["dataset"], locate, problem);
    if (!dataset) return;
    const facet = readLineageFacet(facetsOf(value["dataset"])?.["lineage"], ["dataset", "facets", "lineage"], locate, problem, { dataset });
    events.push({ ...base, ...timing, kind: "dataset", dataset, declared: facet.edges });
    return;
  }
  if (value["job"] !== undefined) {
    const job = readJob(value["job"], locate, problem);
    if (!job) return;
    const isRun = value["run"] !== undefined || value["eventType"] !== undefined;
    const event: LineageEvent = { ...base, ...timing, kind: isRun ? "run" : "job", job };
    if (typeof value["eventType"] === "string") event.eventType = value["eventType"];
    const run = value["run"];
    if (isObject(run) && typeof run["runId"] === "string") event.runId = run["runId"];
    event.inputs = readEntities(value["inputs"], ["inputs"], locate, problem);
    event.outputs = readEntities(value["outputs"], ["outputs"], locate, problem);
    if (Array.isArray(value["outputs"])) {
      // Loopscope's own export marks influenced datasets; they are not written by the job.
      const influences: { dataset: LineageEntity; via?: string | undefined }[] = [];
      value["outputs"].forEach((output, i) => {
        const marker = isObject(output) && isObject(output["outputFacets"]) ? output["outputFacets"]["loopscope_influence"] : undefined;
        if (!isObject(marker)) return;
        const at = locate(["outputs", i]);
        const dataset = event.outputs.find((o) => sameLocation(o.location, at));
        if (!dataset) return;
        event.outputs = event.outputs.filter((o) => o !== dataset);
        influences.push({ dataset, via: typeof marker["via"] === "string" ? marker["via"] : undefined });
      });
      if (influences.length > 0) event.influences = influences;
      const outputNames: { dataset: LineageEntity; name: string }[] = [];
      value["outputs"].forEach((output, i) => {
        const marker = isObject(output) && isObject(output["outputFacets"]) ? output["outputFacets"]["loopscope_output"] : undefined;
        if (!isObject(marker) || typeof marker["name"] !== "string") return;
        const dataset = event.outputs.find((o) => sameLocation(o.location, locate(["outputs", i])));
        if (dataset) outputNames.push({ dataset, name: marker["name"] });
      });
      if (outputNames.length > 0) event.outputNames = outputNames;
    }
    const facet = readLineageFacet(facetsOf(value["job"])?.["lineage"], ["job", "facets", "lineage"], locate, problem, { job });
    event.declared = facet.edges;
    if (facet.entities.length > 0) event.declaredEntities = facet.entities;
    if (Array.isArray(value["outputs"])) {
      value["outputs"].forEach((output, i) => {
        const dataset = event.outputs.find((o) => sameLocation(o.location, locate(["outputs", i])));
        if (dataset) event.declared.push(...readLineageFacet(facetsOf(output)?.["lineage"], ["outputs", i, "facets", "lineage"], locate, problem, { dataset }).edges);
      });
    }
    events.push(event);
    return;
  }
  if (value["lineage"] !== undefined) {
    const facet = readLineageFacet(value["lineage"], ["lineage"], locate, problem, {});
    events.push({ ...base, kind: "facet", declared: facet.edges, declaredEntities: facet.entities });
    return;
  }
  problem([], value["run"] !== undefined ? "run event without a `job`; skipped" : "not an OpenLineage event (no `job`, `dataset` or `lineage`); skipped");
}

type Locate = (path: FieldPath) => Location;
type Problem = (path: FieldPath, message: string) => void;

function readJob(raw: unknown, locate: Locate, problem: Problem): LineageJob | undefined {
  const entity = readEntity(raw, ["job"], locate, problem);
  if (!entity) return undefined;
  const job: LineageJob = entity;
  const jobType = facetsOf(raw)?.["jobType"];
  if (isObject(jobType)) {
    if (typeof jobType["jobType"] === "string") job.jobType = jobType["jobType"];
    if (typeof jobType["integration"] === "string") job.integration = jobType["integration"];
  }
  return job;
}

function readEntities(raw: unknown, path: FieldPath, locate: Locate, problem: Problem): LineageEntity[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problem(path, `\`${path.join(".")}\` must be a list of datasets; ignored`);
    return [];
  }
  const result: LineageEntity[] = [];
  raw.forEach((item, i) => {
    const entity = readEntity(item, [...path, i], locate, problem);
    if (entity) result.push(entity);
  });
  return result;
}

/** A job or dataset: namespace and name are required; documentation and ownership facets carry over. */
export function readEntity(raw: unknown, path: FieldPath, locate: Locate, problem: Problem): LineageEntity | undefined {
  const what = path[0] === "job" ? "job" : "dataset";
  if (!isObject(raw)) {
    problem(path, `${what} must be an object with \`namespace\` and \`name\`; skipped`);
    return undefined;
  }
  for (const key of ["namespace", "name"] as const) {
    if (typeof raw[key] !== "string" || raw[key] === "") {
      problem(raw[key] === undefined ? path : [...path, key], `${what} has no \`${key}\` (a non-empty string); ${what === "job" ? "event" : "dataset"} skipped`);
      return undefined;
    }
  }
  const entity: LineageEntity = { namespace: raw["namespace"] as string, name: raw["name"] as string, location: locate(path) };
  const facets = facetsOf(raw);
  const documentation = facets?.["documentation"];
  if (isObject(documentation) && typeof documentation["description"] === "string" && documentation["description"] !== "") entity.description = documentation["description"];
  const ownership = facets?.["ownership"];
  if (isObject(ownership) && Array.isArray(ownership["owners"])) {
    const owners = ownership["owners"].flatMap((o) => (isObject(o) && typeof o["name"] === "string" ? [o["name"]] : []));
    if (owners.length > 0) entity.owners = owners;
  }
  return entity;
}

function facetsOf(raw: unknown): Record<string, unknown> | undefined {
  if (!isObject(raw)) return undefined;
  const facets = raw["facets"];
  return isObject(facets) ? facets : undefined;
}

/**
 * ISO 8601 times parse; anything else (Marquez `{{RUN_START_TIME}}` placeholders, `2024-01-01
 * 1:00`) is kept as text with no time. A time with no zone is taken as UTC. Only this grammar
 * reaches `Date.parse`: it reads a zone-less ISO time, and whatever else it leniently accepts,
 * in the machine's own zone, so the same events gave other run times and another "earliest
 * runs" list on another machine. (OpenLineage's schema asks for a zone; not every producer
 * writes one.)
 */
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

function readTime(raw: unknown): number | undefined {
  if (typeof raw !== "string") return undefined;
  const iso = ISO_TIME.exec(raw);
  if (!iso) return undefined;
  const [, date, time, zone] = iso;
  const ms = Date.parse(time === undefined ? `${date}T00:00Z` : `${date}T${time}${utcOffset(zone)}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `Z`, `+02`, `+0200` and `+02:00` as the `+hh:mm` (or `Z`) that `Date.parse` reads everywhere alike. */
function utcOffset(zone: string | undefined): string {
  if (zone === undefined || zone === "Z" || zone === "z") return "Z";
  const digits = zone.slice(1).replace(":", "");
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2) || "00"}`;
}

function sameLocation(a: Location, b: Location): boolean {
  return a.line === b.line && a.column === b.column;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
