import type { Evidence, Location } from "../types.js";
import type { LineageEntity, LineageEvent, LineageJob } from "./lineage-event.js";
import { lineageKey } from "./lineage-event.js";

/** One observed run that touched a dataset: the evidence a finding cites. */
export interface ObservedRun {
  runId?: string | undefined;
  eventTime?: string | undefined;
  time?: number | undefined;
  /** Where the dataset appears in the event file. */
  location: Location;
}

export interface ObservedDataset {
  entity: LineageEntity;
  runs: ObservedRun[];
}

export interface ObservedJob {
  job: LineageJob;
  /** Runs whose events listed inputs or outputs: only those can show what a job does not read. */
  runsWithLineage: number;
  /** Earliest and latest parseable event time of those runs (ms), when any parses. */
  from?: number | undefined;
  to?: number | undefined;
  reads: Map<string, ObservedDataset>;
  writes: Map<string, ObservedDataset>;
  location: Location;
}

/**
 * What runtime showed: RunEvents folded per job. JobEvents and LineageFacets are declared
 * lineage, not observations, so they are left out. A run is counted once even when its
 * START and COMPLETE events both list the same datasets.
 */
export function observeRuns(events: LineageEvent[]): Map<string, ObservedJob> {
  const jobs = new Map<string, ObservedJob>();
  const runsSeen = new Map<string, Set<string>>();
  for (const event of events) {
    if (event.kind !== "run" || !event.job) continue;
    const key = lineageKey(event.job);
    let observed = jobs.get(key);
    if (!observed) {
      observed = { job: event.job, runsWithLineage: 0, reads: new Map(), writes: new Map(), location: event.job.location };
      jobs.set(key, observed);
    }
    if (event.inputs.length + event.outputs.length === 0) continue;
    const runKey = event.runId ?? `${event.location.file}:${event.location.line}:${event.location.column}`;
    const seen = runsSeen.get(key) ?? new Set<string>();
    runsSeen.set(key, seen);
    if (!seen.has(runKey)) {
      seen.add(runKey);
      observed.runsWithLineage++;
    }
    if (event.time !== undefined) {
      observed.from = Math.min(observed.from ?? event.time, event.time);
      observed.to = Math.max(observed.to ?? event.time, event.time);
    }
    const run = (entity: LineageEntity): ObservedRun => ({ runId: event.runId, eventTime: event.eventTime, time: event.time, location: entity.location });
    for (const input of event.inputs) record(observed.reads, input, run(input));
    for (const output of event.outputs) record(observed.writes, output, run(output));
  }
  return jobs;
}

function record(map: Map<string, ObservedDataset>, entity: LineageEntity, run: ObservedRun): void {
  const key = lineageKey(entity);
  const found = map.get(key);
  if (!found) {
    map.set(key, { entity, runs: [run] });
    return;
  }
  const same = run.runId === undefined ? -1 : found.runs.findIndex((r) => r.runId === run.runId);
  if (same < 0) found.runs.push(run);
  // One run, several events (START, then COMPLETE): the earliest stands for it, whatever order
  // the file has them in (a COMPLETE written first made the run look later than it was).
  else if (compareRuns(run, found.runs[same]!) < 0) found.runs[same] = run;
}

function compareRuns(a: ObservedRun, b: ObservedRun): number {
  return (a.time ?? Infinity) - (b.time ?? Infinity) || compareLocation(a.location, b.location);
}

/** Up to `limit` runs as finding evidence, earliest first (placeholder times last). */
export function runEvidence(job: LineageJob, dataset: ObservedDataset, verb: "read" | "wrote", limit = 3): Evidence[] {
  const runs = [...dataset.runs].sort(compareRuns);
  const kept = runs.slice(0, limit);
  // The runs past the limit are counted on the last one shown, so the evidence never looks whole when it is not.
  const more = runs.length - kept.length;
  return kept.map((run, i) => ({
    kind: "openlineage-run",
    description: `${run.runId ? `run ${run.runId}` : "a run"} of ${job.namespace}/${job.name} ${verb} ${dataset.entity.namespace}/${dataset.entity.name}${run.eventTime ? ` (eventTime ${run.eventTime})` : ""}${more > 0 && i === kept.length - 1 ? `; and ${more} more run${more === 1 ? "" : "s"} (the earliest ${limit} are listed)` : ""}`,
    location: run.location,
  }));
}

function compareLocation(a: Location, b: Location): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;
}
