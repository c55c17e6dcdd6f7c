import type { GraphIndex } from "../graph/graph-index.js";

/** A model and the nodes its own `inputs` list resolves to (ascending node indexes). */
export interface InputSet {
  model: number;
  inputs: number[];
}

/**
 * input-entanglement's notion of a model's inputs: the sources of `reads` edges that the
 * model itself declares (a consumer-side declaration). A read known only from a producer's
 * `consumers` list is not in the model's own inputs. A bare model name has already been
 * resolved to each of that model's outputs by the graph builder.
 */
export function findInputSets(index: GraphIndex): InputSet[] {
  const sets: InputSet[] = [];
  for (let model = 0; model < index.ids.length; model++) {
    if (index.kind[model] !== "model") continue;
    const inbound = index.in;
    const inputs: number[] = [];
    for (let k = inbound.start[model]!; k < inbound.start[model + 1]!; k++) {
      if (inbound.kind[k] !== "reads") continue;
      if (inbound.attributes[k]!.declarations.some((d) => d.side === "consumer")) inputs.push(inbound.node[k]!);
    }
    if (inputs.length > 0) sets.push({ model, inputs });
  }
  return sets;
}
