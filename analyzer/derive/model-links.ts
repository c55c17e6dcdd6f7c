import type { GraphIndex } from "../graph/graph-index.js";

/** Model B reads an output of model A: one `reads` edge from A's output to B. */
export interface ModelLink {
  producer: number;
  output: number;
  consumer: number;
}

/** The model that produces an output node (its one `produces` in-edge), or -1. */
export function producerOf(index: GraphIndex, output: number): number {
  const inbound = index.in;
  for (let k = inbound.start[output]!; k < inbound.start[output + 1]!; k++) if (inbound.kind[k] === "produces") return inbound.node[k]!;
  return -1;
}

/**
 * Every model-to-model read through an output, declared on either side (the consumer's
 * `inputs` or the producer's `consumers`), sorted by producer, consumer, output. A bare
 * model name that has no outputs is a model → model edge and is no read "of an output".
 */
export function findModelLinks(index: GraphIndex): ModelLink[] {
  const links: ModelLink[] = [];
  for (let output = 0; output < index.ids.length; output++) {
    if (index.kind[output] !== "output") continue;
    const producer = producerOf(index, output);
    if (producer === -1) continue;
    const out = index.out;
    for (let k = out.start[output]!; k < out.start[output + 1]!; k++) {
      const consumer = out.node[k]!;
      if (out.kind[k] === "reads" && index.kind[consumer] === "model") links.push({ producer, output, consumer });
    }
  }
  return links.sort((a, b) => a.producer - b.producer || a.consumer - b.consumer || a.output - b.output);
}
