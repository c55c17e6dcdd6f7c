import type { GraphIndex } from "../graph/graph-index.js";
import { producerOf } from "./model-links.js";

/** An edge as a (from, to) pair of node indexes, resolved to declarations only when shown. */
export type EdgeRef = readonly [number, number];

/** A model that influences a dataset, and the edges that show how. */
export interface Influencer {
  model: number;
  /** The `influences` edge, preceded by the `consumes` edge when a service acts on the output. */
  route: EdgeRef[];
}

/**
 * The models that influence each dataset (shared-outcome's first half): an `influences` edge
 * from one of the model's outputs, or from a service that consumes one of its outputs (or the
 * model itself, when it declares none).
 * Only datasets with an influencer are in the map; each model appears once per dataset, with
 * the first route found (neighbours are sorted, so the route is stable). Linear in the
 * `influences` edges times the outputs each influencing service consumes.
 */
export function findInfluencers(index: GraphIndex): Map<number, Influencer[]> {
  const byDataset = new Map<number, Influencer[]>();
  const serviceModels = new Map<number, Influencer[]>(); // per service: models whose outputs it consumes
  const modelsOfService = (service: number): Influencer[] => {
    let list = serviceModels.get(service);
    if (list) return list;
    list = [];
    const seen = new Set<number>();
    const inbound = index.in;
    for (let k = inbound.start[service]!; k < inbound.start[service + 1]!; k++) {
      const output = inbound.node[k]!;
      if (inbound.kind[k] !== "consumes") continue;
      // A model that declares no outputs is consumed as itself (as in direct-loops.ts).
      const model = index.kind[output] === "output" ? producerOf(index, output) : index.kind[output] === "model" ? output : -1;
      if (model === -1 || seen.has(model)) continue;
      seen.add(model);
      list.push({ model, route: [[output, service]] });
    }
    serviceModels.set(service, list);
    return list;
  };
  for (let dataset = 0; dataset < index.ids.length; dataset++) {
    if (index.kind[dataset] !== "dataset") continue;
    const inbound = index.in;
    const found = new Map<number, Influencer>();
    for (let k = inbound.start[dataset]!; k < inbound.start[dataset + 1]!; k++) {
      if (inbound.kind[k] !== "influences") continue;
      const source = inbound.node[k]!;
      if (index.kind[source] === "output") {
        const model = producerOf(index, source);
        if (model !== -1 && !found.has(model)) found.set(model, { model, route: [[source, dataset]] });
      } else if (index.kind[source] === "service") {
        for (const via of modelsOfService(source)) {
          if (!found.has(via.model)) found.set(via.model, { model: via.model, route: [...via.route, [source, dataset]] });
        }
      }
    }
    if (found.size > 0) byDataset.set(dataset, [...found.values()].sort((a, b) => a.model - b.model));
  }
  return byDataset;
}
