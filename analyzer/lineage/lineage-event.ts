import type { Location } from "../types.js";

/**
 * OpenLineage events reduced to what Loopscope uses: who ran, what was read and written,
 * the declared lineage of LineageFacets, and where each came from in the file. Everything
 * else (schemas, statistics, SQL) is dropped at the reader.
 */
export interface LineageEntity {
  namespace: string;
  name: string;
  description?: string | undefined;
  owners?: string[] | undefined;
  location: Location;
}

export interface LineageJob extends LineageEntity {
  /** `jobType.jobType` facet (e.g. MODEL for dbt, ML_MODEL, QUERY). */
  jobType?: string | undefined;
  /** `jobType.integration` facet (e.g. DBT, SPARK, AIRFLOW). */
  integration?: string | undefined;
}

/** One edge of declared lineage (LineageFacet), job or dataset on each end. */
export interface DeclaredEdge {
  from: LineageRef;
  to: LineageRef;
}

export interface LineageRef {
  type: "JOB" | "DATASET";
  namespace: string;
  name: string;
  location: Location;
}

export type LineageEventKind = "run" | "job" | "dataset" | "facet";

export interface LineageEvent {
  kind: LineageEventKind;
  /** Where the event (or fragment) starts. */
  location: Location;
  eventType?: string | undefined;
  /** `eventTime` as written (Marquez seeds hold `{{...}}` placeholders). */
  eventTime?: string | undefined;
  /** `eventTime` in ms since the epoch, when it parses. */
  time?: number | undefined;
  runId?: string | undefined;
  job?: LineageJob | undefined;
  /** DatasetEvent: the dataset it describes. */
  dataset?: LineageEntity | undefined;
  inputs: LineageEntity[];
  outputs: LineageEntity[];
  /** Outputs marked with Loopscope's `loopscope_influence` facet (from `graph --format openlineage`): world edges, not writes. */
  influences?: { dataset: LineageEntity; via?: string | undefined }[] | undefined;
  /** Outputs marked with Loopscope's `loopscope_output` facet: the name of the model output each one is. */
  outputNames?: { dataset: LineageEntity; name: string }[] | undefined;
  /** Declared lineage from LineageFacets (job, dataset or stand-alone fragment). */
  declared: DeclaredEdge[];
  /** Jobs and datasets a LineageFacet names without an edge (an entry with no inputs). */
  declaredEntities?: LineageRef[] | undefined;
}

/** `namespace` + `name`: the identity of a job or dataset in OpenLineage. */
export function lineageKey(entity: { namespace: string; name: string }): string {
  return `${entity.namespace}\u0000${entity.name}`;
}
