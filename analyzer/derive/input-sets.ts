import type { LoopGraph } from "../graph/attributes.js";
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
export function findInputSets(index: GraphIndex, graph: LoopGraph): InputSet[] {
  const sets: InputSet[] = [];
  for (let model = 0; model < index.ids.length; model++) {
    if (index.kind[model] !== "model") continue;
    const inbound = index.in[model]!;
    const inputs: number[] = [];
    for (let i = 0; i < inbound.nodes.length; i++) {
      if (inbound.kinds[i] !== "reads") continue;
      const source = inbound.nodes[i]!;
      const { declarations } = graph.getEdgeAttributes(index.ids[source]!, index.ids[model]!);
      if (declarations.some((d) => d.side === "consumer")) inputs.push(source);
    }
    if (inputs.length > 0) sets.push({ model, inputs });
  }
  return sets;
}
