import type { EstateGraph, EstateNode } from "../graph/estate-graph.js";
import { toLoopscopeName } from "../import/names.js";
import { lineageKey } from "./lineage-event.js";

export interface EstateMatcher {
  /** The dataset or output node an OpenLineage dataset is, if any manifest mentions it. */
  dataset(entity: { namespace: string; name: string }): EstateNode | undefined;
  /** The model or service node an OpenLineage job is, if any. */
  job(entity: { namespace: string; name: string }): EstateNode | undefined;
  /** The lineage identity a node declares (`lineage: { namespace, name }`). */
  identityOf(node: EstateNode): { namespace: string; name: string } | undefined;
}

/**
 * Matches runtime names to manifest nodes. Datasets: the declared `lineage` identity
 * (namespace and name) first, then the OpenLineage name alone when exactly one node
 * declares it, then the node's own name (as written, or as `loopscope import` would
 * write it). Jobs: the `lineage` identity a Model or Service declares (the import writes
 * one where it named the job otherwise: qualified by namespace, renamed by a mapping), then
 * the name the same two ways.
 */
export function matchEstate(graph: EstateGraph): EstateMatcher {
  const exact = new Map<string, EstateNode>();
  const byLineageName = new Map<string, EstateNode[]>();
  const dataNodes = new Map<string, EstateNode[]>();
  const actors = new Map<string, EstateNode>();
  const actorsByIdentity = new Map<string, EstateNode>();
  for (const node of graph.nodes) {
    if (node.kind === "model" || node.kind === "service") {
      actors.set(node.id, node);
      const identity = identityOf(node);
      if (identity) actorsByIdentity.set(lineageKey(identity), node);
      continue;
    }
    const identity = identityOf(node);
    if (identity) {
      exact.set(lineageKey(identity), node);
      push(byLineageName, identity.name, node);
    }
    const key = node.kind === "output" ? node.name : node.id;
    // Keyed by an output's bare name too, which thousands of outputs share ("score"): pushed, not copied.
    push(dataNodes, key, node);
  }
  const unique = (list: EstateNode[] | undefined) => (list && list.length === 1 ? list[0] : undefined);
  return {
    dataset(entity) {
      return (
        exact.get(lineageKey(entity)) ??
        unique(byLineageName.get(entity.name)) ??
        unique(dataNodes.get(entity.name)) ??
        unique(dataNodes.get(toLoopscopeName(entity.name)))
      );
    },
    job(entity) {
      return actorsByIdentity.get(lineageKey(entity)) ?? actors.get(entity.name) ?? actors.get(toLoopscopeName(entity.name));
    },
    identityOf,
  };
}

function identityOf(node: EstateNode): { namespace: string; name: string } | undefined {
  const lineage = node.attributes?.["lineage"];
  if (typeof lineage !== "object" || lineage === null) return undefined;
  const { namespace, name } = lineage as Record<string, unknown>;
  return typeof namespace === "string" && typeof name === "string" ? { namespace, name } : undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
