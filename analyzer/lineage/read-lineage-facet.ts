import type { Location } from "../types.js";
import type { FieldPath } from "../parse/parsed-document.js";
import type { DeclaredEdge, LineageEntity, LineageRef } from "./lineage-event.js";
import { isObject } from "./is-object.js";

export interface FacetLineage {
  edges: DeclaredEdge[];
  /** Entries that name a job or dataset with no inputs (still worth importing). */
  entities: LineageRef[];
}

interface Context {
  /** The job whose `facets.lineage` this is (LineageJobFacet; resolves implicit JOB entries). */
  job?: LineageEntity | undefined;
  /** The dataset whose `facets.lineage` this is (LineageDatasetFacet). */
  dataset?: LineageEntity | undefined;
}

/**
 * Declared lineage from the OpenLineage LineageFacet proposal. A LineageJobFacet holds
 * `entries` (a JOB or DATASET with its `inputs`); a LineageDatasetFacet holds `inputs` of
 * the dataset it sits on. Only dataset-level lineage is read: field-level `fields` name the
 * same parents at column granularity, which Loopscope's graph has no place for.
 */
export function readLineageFacet(
  raw: unknown,
  path: FieldPath,
  locate: (path: FieldPath) => Location,
  problem: (path: FieldPath, message: string) => void,
  context: Context,
): FacetLineage {
  const result: FacetLineage = { edges: [], entities: [] };
  if (raw === undefined) return result;
  if (!isObject(raw)) {
    problem(path, "the `lineage` facet must be an object; ignored");
    return result;
  }
  const self = (entity: LineageEntity, type: LineageRef["type"]): LineageRef => ({ type, namespace: entity.namespace, name: entity.name, location: entity.location });
  if (Array.isArray(raw["entries"])) {
    raw["entries"].forEach((entry, i) => {
      const at = [...path, "entries", i];
      if (!isObject(entry)) return problem(at, "a lineage entry must be an object; skipped");
      const type = entry["type"] === "DATASET" ? "DATASET" : "JOB";
      let target = readRef(entry, at, type, locate);
      if (!target && type === "JOB" && context.job) target = self(context.job, "JOB");
      if (!target) {
        return problem(at, type === "JOB" ? "an implicit JOB entry (no namespace and name) outside a job's facets has no job to attach to; skipped" : "a DATASET entry needs `namespace` and `name`; skipped");
      }
      const inputs = readInputs(entry["inputs"], [...at, "inputs"], locate, problem);
      if (inputs.length === 0) result.entities.push(target);
      for (const input of inputs) result.edges.push({ from: input, to: target });
    });
    return result;
  }
  if (raw["inputs"] !== undefined) {
    if (!context.dataset) {
      problem(path, "a LineageDatasetFacet fragment does not say which dataset it belongs to; its inputs are not imported");
      return result;
    }
    const target = self(context.dataset, "DATASET");
    for (const input of readInputs(raw["inputs"], [...path, "inputs"], locate, problem)) result.edges.push({ from: input, to: target });
    return result;
  }
  problem(path, "the `lineage` facet has neither `entries` nor `inputs`; ignored");
  return result;
}

function readInputs(raw: unknown, path: FieldPath, locate: (path: FieldPath) => Location, problem: (path: FieldPath, message: string) => void): LineageRef[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problem(path, "lineage `inputs` must be a list; ignored");
    return [];
  }
  const refs: LineageRef[] = [];
  raw.forEach((input, i) => {
    const at = [...path, i];
    if (!isObject(input)) return problem(at, "a lineage input must be an object; skipped");
    const ref = readRef(input, at, input["type"] === "JOB" ? "JOB" : "DATASET", locate);
    if (ref) refs.push(ref);
    else problem(at, "a lineage input needs `namespace` and `name`; skipped");
  });
  return refs;
}

function readRef(raw: Record<string, unknown>, path: FieldPath, type: LineageRef["type"], locate: (path: FieldPath) => Location): LineageRef | undefined {
  const { namespace, name } = raw;
  if (typeof namespace !== "string" || namespace === "" || typeof name !== "string" || name === "") return undefined;
  return { type, namespace, name, location: locate(path) };
}
