import type { PathStep } from "../types.js";
import type { GraphIndex } from "../graph/graph-index.js";
import { trains } from "../graph/graph-index.js";
import { toSteps } from "./loops.js";
import type { Components } from "./sccs.js";

/** A model that shapes the data it learns from, without another model in between. */
export interface DirectLoop {
  model: string;
  nodes: string[];
  throughTraining: boolean;
  walk: PathStep[];
}

/**
 * Per-model search of FORMAT.md's direct feedback loop: from the model's outputs, through
 * non-model nodes only, back to one of its inputs, with at least one `influences` edge on the
 * way. The search runs on (node, "influence seen yet") states. Any such walk is a cycle through
 * the model, so it stays inside the model's SCC: models outside cyclic components, or in
 * components without an `influences` edge, are skipped without a search.
 */
export function findDirectLoops(index: GraphIndex, components: Components): DirectLoop[] {
  const n = index.ids.length;
  const seen = new Int32Array(2 * n);
  const parent = new Int32Array(2 * n);
  let stamp = 0;
  const loops: DirectLoop[] = [];
  for (const component of components.cyclic) {
    const id = components.componentOf[component[0]!]!;
    if (!component.some((v) => index.out[v]!.kinds.some((k, i) => k === "influences" && components.componentOf[index.out[v]!.nodes[i]!] === id))) continue;
    for (const model of component) {
      if (index.kind[model] !== "model") continue;
      stamp++;
      const queue: number[] = [];
      const visit = (state: number, from: number) => {
        if (seen[state] === stamp) return;
        seen[state] = stamp;
        parent[state] = from;
        queue.push(state);
      };
      const outputs = index.out[model]!;
      for (let i = 0; i < outputs.nodes.length; i++) {
        const w = outputs.nodes[i]!;
        if (outputs.kinds[i] === "produces" && components.componentOf[w] === id) visit(2 * w, -1);
      }
      let found: number | undefined;
      for (let head = 0; head < queue.length; head++) {
        const state = queue[head]!;
        const v = state >> 1;
        const influenced = state & 1;
        const out = index.out[v]!;
        for (let i = 0; i < out.nodes.length; i++) {
          const w = out.nodes[i]!;
          if (w === model && influenced && found === undefined) found = state;
          if (index.kind[w] === "model" || components.componentOf[w] !== id) continue;
          visit(2 * w + (influenced || out.kinds[i] === "influences" ? 1 : 0), state);
        }
      }
      if (found === undefined) continue;
      // Training: some input that the outputs reach (with or without an influence) is read for training.
      const inbound = index.in[model]!;
      let throughTraining = false;
      for (let i = 0; i < inbound.nodes.length; i++) {
        const x = inbound.nodes[i]!;
        if (inbound.kinds[i] === "reads" && trains(inbound.uses[i]) && (seen[2 * x] === stamp || seen[2 * x + 1] === stamp)) throughTraining = true;
      }
      const walk = [model];
      const back: number[] = [];
      for (let s = found; s !== -1; s = parent[s]!) back.push(s >> 1);
      walk.push(...back.reverse(), model);
      loops.push({
        model: index.ids[model]!,
        nodes: [...new Set(walk.map((v) => index.ids[v]!))].sort(),
        throughTraining,
        walk: toSteps(index, walk),
      });
    }
  }
  return loops.sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
}
