import type { EstateGraph, EstateNode } from "../graph/estate-graph.js";
import type { Evidence, Finding, Location, Notice, Severity } from "../types.js";
import { fingerprint } from "../engine/fingerprint.js";
import { compareFindings, sortedUniqueLocations } from "../engine/sort.js";
import { toLoopscopeName } from "../import/names.js";
import type { LineageEvent } from "./lineage-event.js";
import { matchEstate } from "./match-estate.js";
import { observeRuns, runEvidence, type ObservedJob } from "./observations.js";

export interface LineageCheck {
  findings: Finding[];
  /** What runtime showed outside the estate (jobs and datasets no manifest names), as counts. */
  notices: Notice[];
}

export interface LineageCheckOptions {
  /** Severity per rule (from the config); "off" drops the rule's lineage findings. */
  severity?: Partial<Record<"undeclared-consumer" | "phantom-consumer" | "undeclared-dataset", Severity | "off">> | undefined;
}

/**
 * Declared versus observed: compares the estate's manifests with OpenLineage RunEvents.
 * - `undeclared-consumer` (warning): a job was seen reading a model's output, and no
 *   manifest declares that read. The observed runs are the finding's evidence.
 * - `phantom-consumer` (info): a declared consumer's job was observed running with
 *   lineage, yet none of those runs read the output. Silent when the consumer was never
 *   observed or the output cannot be identified at runtime: absence of evidence is not
 *   evidence unless the events cover the consumer's runs.
 * - `undeclared-dataset` (info): a job the manifests know read or wrote a dataset that no
 *   manifest mentions. It is the catalogue rule for "a dataset nobody declared", here
 *   positioned at the event that shows it. Datasets touched only by unknown jobs are
 *   counted in a notice, so a whole-warehouse event dump does not drown the report.
 * Fingerprints match the static rules (identity: output id, consumer name), so a finding
 * found both ways is one finding.
 */
export function checkLineage(graph: EstateGraph, events: LineageEvent[], options: LineageCheckOptions = {}): LineageCheck {
  const matcher = matchEstate(graph);
  const observed = observeRuns(events);
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const readEdges = graph.edges.filter((e) => e.kind === "reads" || e.kind === "consumes");
  const declaredReads = new Set(readEdges.map((e) => `${e.source}\u0000${e.target}`));
  // Reads only the consumer declares: the static rule already reports them, and the runs that
  // show them are its evidence (the same fingerprint, merged by withLineage).
  const consumerOnly = new Set(readEdges.filter((e) => !e.declaredBy.includes("producer")).map((e) => `${e.source}\u0000${e.target}`));
  const findings: Finding[] = [];
  const notices: Notice[] = [];
  const severityOf = (rule: keyof NonNullable<LineageCheckOptions["severity"]>, fallback: Severity) => options.severity?.[rule] ?? fallback;
  const push = (rule: "undeclared-consumer" | "phantom-consumer" | "undeclared-dataset", fallback: Severity, draft: Omit<Finding, "rule" | "severity" | "fingerprint"> & { identity: string[] }) => {
    const severity = severityOf(rule, fallback);
    if (severity === "off") return;
    const { identity, ...rest } = draft;
    const key = fingerprint(rule, identity);
    const same = findings.find((f) => f.fingerprint === key);
    if (same) {
      // One dataset seen by several jobs: one finding, every job's evidence.
      same.nodes = [...new Set([...same.nodes, ...rest.nodes])].sort();
      same.models = [...new Set([...same.models, ...rest.models])].sort();
      same.locations = sortedUniqueLocations([...same.locations, ...rest.locations]);
      same.evidence = [...(same.evidence ?? []), ...(rest.evidence ?? [])];
      return;
    }
    findings.push({ ...rest, rule, severity, models: [...new Set(rest.models)].sort(), nodes: [...new Set(rest.nodes)].sort(), locations: sortedUniqueLocations(rest.locations), fingerprint: key });
  };

  const unknownJobs = new Set<string>();
  const outsideDatasets = new Set<string>();
  for (const [jobKey, run] of [...observed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const actor = matcher.job(run.job);
    if (!actor && run.runsWithLineage > 0) unknownJobs.add(jobKey);
    const consumer = actor?.id ?? toLoopscopeName(run.job.name);
    for (const [datasetKey, read] of run.reads) {
      const target = matcher.dataset(read.entity);
      if (!target) {
        if (actor) undeclaredDataset(push, actor, run, read, "read");
        else outsideDatasets.add(datasetKey);
        continue;
      }
      if (target.kind !== "output" || target.model === undefined) continue;
      const edge = `${target.id}\u0000${consumer}`;
      if (target.model === consumer || (declaredReads.has(edge) && !consumerOnly.has(edge))) continue;
      const producer = nodes.get(target.model);
      const isModel = actor?.kind === "model";
      const message = consumerOnly.has(edge)
        ? `${actor!.kind} ${actor!.id} was observed reading ${target.id} at runtime, as it declares, but ${target.model} does not list ${consumer} among that output's consumers`
        : actor
        ? `${actor.kind} ${actor.id} was observed reading ${target.id} at runtime, but no manifest declares it: ${target.model} does not list ${consumer} among that output's consumers, and ${consumer} does not ${isModel ? "read it in its inputs" : "consume it"}`
        : `job ${run.job.namespace}/${run.job.name} (in no manifest) was observed reading ${target.id} at runtime, but ${target.model} does not list ${consumer} among that output's consumers`;
      push("undeclared-consumer", "warning", {
        message,
        models: isModel ? [target.model, consumer] : [target.model],
        nodes: [target.model, target.id, ...(actor ? [actor.id] : [])],
        locations: [target.location ?? producer?.location, actor?.location].filter((l): l is Location => l !== undefined),
        identity: [target.id, consumer],
        data: { output: target.id, consumer, observed: { namespace: run.job.namespace, name: run.job.name }, runs: read.runs.length },
        evidence: runEvidence(run.job, read, "read"),
      });
    }
    for (const [datasetKey, written] of run.writes) {
      if (matcher.dataset(written.entity)) continue;
      if (actor) undeclaredDataset(push, actor, run, written, "wrote");
      else outsideDatasets.add(datasetKey);
    }
  }

  // Declared consumers that were observed running, yet never read what they declare.
  const observedByNode = new Map<string, ObservedJob>();
  for (const run of observed.values()) {
    const actor = matcher.job(run.job);
    if (actor && run.runsWithLineage > 0) observedByNode.set(actor.id, run);
  }
  // What each run read and what any run touched, as estate ids, once: per edge it was a scan of
  // every observation (47 s at 10,000 models with one run each).
  const readIds = new Map<ObservedJob, Set<string | undefined>>();
  const readsOf = (run: ObservedJob) => {
    let ids = readIds.get(run);
    if (!ids) readIds.set(run, (ids = new Set([...run.reads.values()].map((r) => matcher.dataset(r.entity)?.id))));
    return ids;
  };
  let observedIds: Set<string | undefined> | undefined;
  const wasObserved = (id: string) => {
    observedIds ??= new Set([...observed.values()].flatMap((run) => [...run.reads.values(), ...run.writes.values()].map((d) => matcher.dataset(d.entity)?.id)));
    return observedIds.has(id);
  };
  for (const edge of graph.edges) {
    if (edge.kind !== "reads" && edge.kind !== "consumes") continue;
    const output = nodes.get(edge.source);
    const run = observedByNode.get(edge.target);
    if (!output || output.kind !== "output" || output.model === undefined || !run) continue;
    if (readsOf(run).has(output.id)) continue;
    // Only when runtime can name this output: it declares its identity, or some run wrote or read it.
    if (!matcher.identityOf(output) && !wasObserved(output.id)) continue;
    const consumer = nodes.get(edge.target)!;
    const range = run.from !== undefined && run.to !== undefined ? ` between ${new Date(run.from).toISOString()} and ${new Date(run.to).toISOString()}` : "";
    const evidence: Evidence[] = [{ kind: "openlineage-runs", description: `${run.runsWithLineage} observed run(s) of ${run.job.namespace}/${run.job.name}${range} read ${[...run.reads.values()].map((r) => r.entity.name).sort().join(", ") || "nothing"}`, location: run.location }];
    push("phantom-consumer", "info", {
      message: `${consumer.kind} ${consumer.id} is declared to use ${output.id}, but none of its ${run.runsWithLineage} observed run(s)${range} read it`,
      models: consumer.kind === "model" ? [output.model, consumer.id] : [output.model],
      nodes: [output.model, output.id, consumer.id],
      locations: edge.locations.length > 0 ? edge.locations : [output.location, consumer.location].filter((l): l is Location => l !== undefined),
      identity: [output.id, consumer.id],
      data: { output: output.id, consumer: consumer.id, observedRuns: run.runsWithLineage },
      evidence,
    });
  }

  if (unknownJobs.size > 0) notices.push({ message: `lineage: ${unknownJobs.size} observed job(s) match no Model or Service (${preview([...unknownJobs])}); \`loopscope import openlineage\` can write manifests for them` });
  if (outsideDatasets.size > 0) notices.push({ message: `lineage: ${outsideDatasets.size} dataset(s) were read or written only by jobs outside the manifests (${preview([...outsideDatasets])})` });
  return { findings: findings.sort(compareFindings), notices };
}

/** Findings only (the shape `lint` merges into its report). */
export function lineageFindings(analysis: { graph: EstateGraph }, events: LineageEvent[], options: LineageCheckOptions = {}): Finding[] {
  return checkLineage(analysis.graph, events, options).findings;
}

function undeclaredDataset(
  push: (rule: "undeclared-dataset", fallback: Severity, draft: Omit<Finding, "rule" | "severity" | "fingerprint"> & { identity: string[] }) => void,
  actor: EstateNode,
  run: ObservedJob,
  dataset: { entity: { namespace: string; name: string; location: Location }; runs: { location: Location }[] },
  verb: "read" | "wrote",
): void {
  const { namespace, name } = dataset.entity;
  push("undeclared-dataset", "info", {
    message: `${actor.kind} ${actor.id} ${verb} ${namespace}/${name} at runtime, but no manifest mentions that dataset; declare it (a Dataset with \`lineage: { namespace: ${namespace}, name: ${name} }\`) so loops through it can be seen`,
    models: actor.kind === "model" ? [actor.id] : [],
    nodes: [actor.id],
    locations: [dataset.entity.location],
    identity: ["observed", namespace, name],
    data: { observed: { namespace, name }, by: actor.id },
    evidence: runEvidence(run.job, { entity: { ...dataset.entity }, runs: dataset.runs } as Parameters<typeof runEvidence>[1], verb),
  });
}

function preview(keys: string[]): string {
  const shown = keys.sort().slice(0, 3).map((k) => k.replace("\u0000", "/"));
  return keys.length > 3 ? `${shown.join(", ")}, ...` : shown.join(", ");
}
