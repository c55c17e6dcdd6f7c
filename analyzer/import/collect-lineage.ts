import type { Location } from "../types.js";
import type { LineageEntity, LineageEvent, LineageJob, LineageRef } from "../lineage/lineage-event.js";
import { lineageKey } from "../lineage/lineage-event.js";

export interface CollectedDataset {
  namespace: string;
  name: string;
  description?: string | undefined;
  owners?: string[] | undefined;
  /** Keys of datasets it is computed from (declared lineage, or the inputs of the jobs that write it). */
  parents: Set<string>;
  location: Location;
  /** The event files that name it, for the header of the file it goes to. */
  files: Set<string>;
}

export interface CollectedJob {
  namespace: string;
  name: string;
  description?: string | undefined;
  owners?: string[] | undefined;
  jobType?: string | undefined;
  reads: Set<string>;
  writes: Set<string>;
  /** Datasets it influences (Loopscope's own export), each with the outputs that do it (`model/output`; undefined when not named). */
  influences: Map<string, Set<string | undefined>>;
  /** Datasets it writes that Loopscope's own export names as outputs: key → output name. */
  outputNames: Map<string, string>;
  location: Location;
  /** The event files that name it, for the header of the file it goes to. */
  files: Set<string>;
}

export interface CollectedLineage {
  jobs: Map<string, CollectedJob>;
  datasets: Map<string, CollectedDataset>;
  /** JOB → JOB edges of declared lineage (no Loopscope equivalent), for a notice. */
  jobToJob: LineageRef[];
}

/**
 * Folds events into one picture: every job with the union of what its runs read and
 * wrote (re-runs with other inputs add to it), every dataset with its metadata. Later
 * events win for descriptions and owners, since they describe the current state.
 */
export function collectLineage(events: LineageEvent[]): CollectedLineage {
  const jobs = new Map<string, CollectedJob>();
  const datasets = new Map<string, CollectedDataset>();
  const jobToJob: LineageRef[] = [];
  const dataset = (entity: LineageEntity | LineageRef): CollectedDataset => {
    const key = lineageKey(entity);
    let found = datasets.get(key);
    if (!found) {
      found = { namespace: entity.namespace, name: entity.name, parents: new Set(), location: entity.location, files: new Set() };
      datasets.set(key, found);
    }
    found.files.add(entity.location.file);
    if ("description" in entity && entity.description) found.description = entity.description;
    if ("owners" in entity && entity.owners) found.owners = entity.owners;
    return found;
  };
  const job = (entity: LineageJob | LineageRef): CollectedJob => {
    const key = lineageKey(entity);
    let found = jobs.get(key);
    if (!found) {
      found = { namespace: entity.namespace, name: entity.name, reads: new Set(), writes: new Set(), influences: new Map(), outputNames: new Map(), location: entity.location, files: new Set() };
      jobs.set(key, found);
    }
    found.files.add(entity.location.file);
    if ("description" in entity && entity.description) found.description = entity.description;
    if ("owners" in entity && entity.owners) found.owners = entity.owners;
    if ("jobType" in entity && entity.jobType) found.jobType = entity.jobType;
    return found;
  };
  for (const event of events) {
    if (event.dataset) dataset(event.dataset);
    if (event.job) {
      const j = job(event.job);
      for (const input of event.inputs) j.reads.add(lineageKey(dataset(input)));
      for (const output of event.outputs) j.writes.add(lineageKey(dataset(output)));
      for (const { dataset: d, via } of event.influences ?? []) {
        const key = lineageKey(dataset(d));
        j.influences.set(key, (j.influences.get(key) ?? new Set()).add(via));
      }
      for (const { dataset: d, name } of event.outputNames ?? []) j.outputNames.set(lineageKey(dataset(d)), name);
    }
    for (const entity of event.declaredEntities ?? []) (entity.type === "JOB" ? job : dataset)(entity);
    for (const { from, to } of event.declared) {
      if (from.type === "DATASET" && to.type === "DATASET") dataset(to).parents.add(lineageKey(dataset(from)));
      else if (from.type === "DATASET") job(to).reads.add(lineageKey(dataset(from)));
      else if (to.type === "DATASET") job(from).writes.add(lineageKey(dataset(to)));
      else {
        job(from);
        job(to);
        jobToJob.push(from);
      }
    }
  }
  // A dataset is computed from what its writers read (not from itself: read-modify-write).
  for (const j of jobs.values()) {
    for (const written of j.writes) {
      const target = datasets.get(written)!;
      for (const read of j.reads) if (read !== written) target.parents.add(read);
    }
  }
  for (const d of datasets.values()) d.parents.delete(lineageKey(d));
  return { jobs, datasets, jobToJob };
}
