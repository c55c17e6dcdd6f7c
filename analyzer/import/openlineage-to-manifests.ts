import type { Notice } from "../types.js";
import type { LineageEvent } from "../lineage/lineage-event.js";
import { collectLineage, type CollectedDataset, type CollectedJob } from "./collect-lineage.js";
import { assignNames, cmp, fileNameFor, toLoopscopeName } from "./names.js";
import { countKinds, sortDocuments, type ImportedDocument, type ImportedFile, type ImportResult } from "./imported-file.js";
import type { JobMatcher, MappedName } from "./job-mapping.js";

export interface OpenLineageImportOptions {
  matcher: JobMatcher;
}

/**
 * OpenLineage → Loopscope manifests, one file per namespace. Jobs become Services
 * (`consumes` what they read) or Models (`inputs`; each dataset only they write becomes an
 * output carrying its OpenLineage identity and its readers as `consumers`). Every other
 * dataset becomes a Dataset whose `derivedFrom` is what its writers read. Jobs that never
 * read or write a dataset (orchestrator parents, dbt's per-statement sub-jobs) are left out.
 */
export function openLineageToManifests(events: LineageEvent[], options: OpenLineageImportOptions): ImportResult {
  const { matcher } = options;
  const { jobs: allJobs, datasets, jobToJob } = collectLineage(events);
  const notices: Notice[] = [];
  const jobs = new Map([...allJobs].filter(([, j]) => j.reads.size + j.writes.size + j.influences.size > 0));
  const skippedJobs = allJobs.size - jobs.size;
  const isModel = new Map([...jobs].map(([key, j]) => [key, matcher.isModel(j)]));
  const writers = new Map<string, string[]>();
  for (const [key, j] of jobs) for (const w of j.writes) writers.set(w, [...(writers.get(w) ?? []), key]);
  // A dataset written only by one Model job is that model's output.
  const outputOf = new Map<string, string>();
  for (const [dataset, by] of writers) if (by.length === 1 && isModel.get(by[0]!)) outputOf.set(dataset, by[0]!);

  const mapped = new Map<string, MappedEntity>();
  const request = (kind: "job" | "dataset", key: string, entity: CollectedJob | CollectedDataset) => {
    const by = matcher.nameFor(entity);
    if (by) mapped.set(`${kind}\u0000${key}`, { entity, kind, by });
    return { key: `${kind}\u0000${key}`, namespace: entity.namespace, name: entity.name, fixed: by?.name };
  };
  const { names, clashes } = assignNames([...[...jobs].map(([key, j]) => request("job", key, j)), ...[...datasets].map(([key, d]) => request("dataset", key, d))]);
  for (const clash of clashes) notices.push(clashNotice(mapped.get(clash.keptBy)!, mapped.get(clash.key)!, clash.assigned));
  const jobName = (key: string) => names.get(`job\u0000${key}`)!;
  const datasetName = (key: string) => names.get(`dataset\u0000${key}`)!;
  const outputName = nameOutputs(outputOf, jobs, datasets, datasetName);
  /** How a reader refers to a dataset: `model/output` for outputs, the Dataset name otherwise. */
  const reference = (key: string) => {
    const model = outputOf.get(key);
    return model === undefined ? datasetName(key) : `${jobName(model)}/${outputName.get(key)!}`;
  };
  const readers = new Map<string, string[]>();
  for (const [key, j] of jobs) for (const r of j.reads) readers.set(r, [...(readers.get(r) ?? []), key]);

  // Each file's header names the event files its documents came from, not every input file.
  const byFile = new Map<string, { namespace: string; documents: ImportedDocument[]; sources: Set<string> }>();
  const add = (entity: CollectedJob | CollectedDataset, document: ImportedDocument) => {
    const path = fileNameFor(entity.namespace);
    const entry = byFile.get(path) ?? { namespace: entity.namespace, documents: [], sources: new Set<string>() };
    entry.documents.push(document);
    for (const file of entity.files) entry.sources.add(file);
    byFile.set(path, entry);
  };

  for (const [key, j] of jobs) {
    const name = jobName(key);
    const reads = [...new Set([...j.reads].map(reference))].sort(cmp);
    if (isModel.get(key)) {
      const outputs = [...j.writes].filter((w) => outputOf.get(w) === key).sort((a, b) => cmp(outputName.get(a)!, outputName.get(b)!));
      for (const w of j.writes) if (outputOf.get(w) !== key) notices.push(sharedWriteNotice(j, datasets.get(w)!, writers.get(w)!.map(jobName)));
      // Influences exported by Loopscope name the output that causes them: `model/output`, the
      // model by its exported (job) name. Older exports named outputs only by their dataset.
      const causes = (w: string, via: string | undefined) =>
        via === undefined ? outputs.length === 1 : via === `${j.name}/${outputName.get(w)!}` || via.endsWith(`/${datasets.get(w)!.name}`) || via === `${name}/${datasetName(w)}`;
      for (const [d, vias] of j.influences) {
        for (const via of vias) if (!outputs.some((w) => causes(w, via))) notices.push(unplacedInfluenceNotice(j, datasets.get(d)!, via));
      }
      add(j, {
        ...header("Model", name, j),
        ...nonEmpty("inputs", reads),
        ...nonEmpty("outputs", outputs.map((w) => {
          const output = outputDocument(datasets.get(w)!, outputName.get(w)!, (readers.get(w) ?? []).map(jobName));
          const influenced = [...j.influences].filter(([, vias]) => [...vias].some((via) => causes(w, via)));
          return { ...output, ...nonEmpty("influences", influenced.map(([d]) => datasetName(d)).sort(cmp)) };
        })),
        ...jobIdentity(name, j),
      });
    } else {
      add(j, { ...header("Service", name, j), ...nonEmpty("consumes", reads), ...nonEmpty("influences", [...j.influences.keys()].map(datasetName).sort(cmp)), ...jobIdentity(name, j) });
    }
  }
  for (const [key, d] of datasets) {
    if (outputOf.has(key)) continue;
    const parents = [...d.parents].filter((p) => !outputOf.has(p));
    const fromOutputs = [...d.parents].filter((p) => outputOf.has(p)).map(reference).sort(cmp);
    if (fromOutputs.length > 0) {
      notices.push({ ...d.location, message: `${datasetName(key)} is computed from model output(s) ${fromOutputs.join(", ")}; a Dataset's derivedFrom cannot name an output, so that link is not in the manifests (map the writing job as a Model, or add \`influences\` by hand if it closes a loop)` });
    }
    add(d, {
      ...header("Dataset", datasetName(key), d),
      ...nonEmpty("derivedFrom", [...new Set(parents.map(datasetName))].sort(cmp)),
      lineage: { namespace: d.namespace, name: d.name },
    });
  }
  if (jobToJob.length > 0) {
    const first = jobToJob[0]!;
    notices.push({ ...first.location, message: `${jobToJob.length} job-to-job lineage edge(s) were not imported: Loopscope links jobs through the datasets they read and write` });
  }
  if (skippedJobs > 0) notices.push({ message: `${skippedJobs} job(s) that never read or wrote a dataset were left out` });

  const files: ImportedFile[] = [...byFile]
    .sort(([a], [b]) => cmp(a, b))
    .map(([path, { namespace, documents, sources }]) => ({ path, header: headerLines("openlineage", namespace, [...sources].sort(cmp)), documents: sortDocuments(documents) }));
  return { files, notices, counts: { ...countKinds(files), skippedJobs } };
}

function header(kind: ImportedDocument["kind"], name: string, entity: CollectedJob | CollectedDataset): ImportedDocument {
  const document: ImportedDocument = { apiVersion: "loopscope/v1", kind, name };
  if (entity.owners && entity.owners.length > 0) document["owner"] = entity.owners.join(", ");
  if (entity.description) document["description"] = entity.description;
  return document;
}

/**
 * The job's OpenLineage identity, written only where the manifest's name is not one `lint
 * --lineage` finds the job by (the job's name, or as the import cleans it): a name qualified by
 * its namespace or renamed by a mapping. Without it, linting with the very events just imported
 * called those jobs "in no manifest".
 */
function jobIdentity(name: string, job: CollectedJob): { lineage?: { namespace: string; name: string } } {
  return name === job.name || name === toLoopscopeName(job.name) ? {} : { lineage: { namespace: job.namespace, name: job.name } };
}

function outputDocument(dataset: CollectedDataset, name: string, consumers: string[]): Record<string, unknown> {
  const output: Record<string, unknown> = { name };
  if (dataset.description) output["description"] = dataset.description;
  if (consumers.length > 0) output["consumers"] = [...new Set(consumers)].sort(cmp);
  output["lineage"] = { namespace: dataset.namespace, name: dataset.name };
  return output;
}

/** Empty lists are left out: the schema defaults them, and the files read better. */
export function nonEmpty(key: string, values: unknown[]): Record<string, unknown[]> {
  return values.length > 0 ? { [key]: values } : {};
}

/**
 * Each output's name within its model: the one Loopscope's export recorded (`loopscope_output`),
 * else what follows `<job>/` in a dataset the export named by its id, else the dataset's own
 * name. Without this, `top10` came back as `bike-recommender-top10`, with new ids and fingerprints.
 */
function nameOutputs(outputOf: Map<string, string>, jobs: Map<string, CollectedJob>, datasets: Map<string, CollectedDataset>, datasetName: (key: string) => string): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Map<string, Set<string>>();
  for (const [key, model] of [...outputOf].sort(([a], [b]) => cmp(a, b))) {
    const job = jobs.get(model)!;
    const dataset = datasets.get(key)!;
    const taken = used.get(model) ?? new Set<string>();
    used.set(model, taken);
    const byId = dataset.namespace === job.namespace && dataset.name.startsWith(`${job.name}/`) ? dataset.name.slice(job.name.length + 1) : undefined;
    let name = [job.outputNames.get(key), byId].find((n) => n !== undefined && toLoopscopeName(n) === n && !taken.has(n)) ?? datasetName(key);
    for (let i = 2; taken.has(name); i++) name = `${datasetName(key).slice(0, 190)}-${i}`;
    taken.add(name);
    names.set(key, name);
  }
  return names;
}

type MappedEntity = { entity: CollectedJob | CollectedDataset; kind: "job" | "dataset"; by: MappedName };

/** Two entities the mapping gives one name: said at the entry of the one that was renumbered. */
function clashNotice(kept: MappedEntity, renamed: MappedEntity, assigned: string): Notice {
  const label = ({ entity, kind }: MappedEntity) => `${kind} ${entity.namespace}/${entity.name}`;
  const at = ({ by }: MappedEntity) => (by.location?.line === undefined ? undefined : `${by.location.file}:${by.location.line}:${by.location.column ?? 1}`);
  const entries = kept.by.entry === renamed.by.entry ? (at(renamed) ? ` by one entry (${at(renamed)})` : " by one entry") : at(kept) ? ` (${at(kept)} and ${at(renamed)})` : "";
  return {
    ...renamed.by.location,
    message: `${label(kept)} and ${label(renamed)} are both mapped to ${renamed.by.name}${entries}; a name names one document, so ${label(renamed)} is imported as ${assigned} (map it to a name of its own)`,
  };
}

function unplacedInfluenceNotice(job: CollectedJob, dataset: CollectedDataset, via: string | undefined): Notice {
  const cause = via === undefined ? "one of its several outputs, not named" : `${via}, which is not one of its outputs`;
  return { ...job.location, message: `${job.name} influences ${dataset.namespace}/${dataset.name} through ${cause}; that influence is not imported (add it to the right output by hand)` };
}

function sharedWriteNotice(job: CollectedJob, dataset: CollectedDataset, writers: string[]): Notice {
  return { ...dataset.location, message: `${dataset.namespace}/${dataset.name} is written by ${writers.sort(cmp).join(", ")}; a dataset with several writers stays a Dataset, so it is not an output of ${job.name}` };
}

/** The comment that opens every imported file. */
export function headerLines(tool: "openlineage" | "dbt", scope: string, sources: string[]): string[] {
  const shown = sources.length > 5 ? [...sources.slice(0, 5), `... and ${sources.length - 5} more`] : sources;
  return [
    `Imported by \`loopscope import ${tool}\` (${tool === "dbt" ? "dbt project" : "OpenLineage namespace"} ${scope}) from:`,
    ...shown.map((s) => `  ${s}`),
    "Re-running the import updates lineage here and keeps what it does not write:",
    "influences, monitoring, deployment, acknowledge, and any edits to owner and description.",
  ];
}
