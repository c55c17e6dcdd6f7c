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
  const out = index.out;
  const inbound = index.in;
  const hasInfluenceInside = (component: number[], id: number) =>
    component.some((v) => {
      for (let k = out.start[v]!; k < out.start[v + 1]!; k++) if (out.kind[k] === "influences" && components.componentOf[out.node[k]!] === id) return true;
      return false;
    });
  for (const component of components.cyclic) {
    const id = components.componentOf[component[0]!]!;
    if (!hasInfluenceInside(component, id)) continue;
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
      // From its outputs; a model that declares none is consumed as itself (docs/manifest.md), by
      // a `consumes` edge of its own: a service that reads it and changes its training data
      // closed a loop the graph showed and no rule reported.
      for (let k = out.start[model]!; k < out.start[model + 1]!; k++) {
        const w = out.node[k]!;
        if ((out.kind[k] === "produces" || out.kind[k] === "consumes") && components.componentOf[w] === id) visit(2 * w, -1);
      }
      // The witness: the shortest walk back that ends in a training read when there is one, so
      // the walk shown is the loop the model learns from (not one through a serving-only read).
      let found: number | undefined;
      let foundTraining: number | undefined;
      for (let head = 0; head < queue.length; head++) {
        const state = queue[head]!;
        const v = state >> 1;
        const influenced = state & 1;
        for (let k = out.start[v]!; k < out.start[v + 1]!; k++) {
          const w = out.node[k]!;
          if (w === model && influenced) {
            found ??= state;
            if (out.kind[k] === "reads" && trains(out.use[k])) foundTraining ??= state;
          }
          if (index.kind[w] === "model" || components.componentOf[w] !== id) continue;
          visit(2 * w + (influenced || out.kind[k] === "influences" ? 1 : 0), state);
        }
      }
      if (found === undefined) continue;
      // Training: some input that the outputs reach (with or without an influence) is read for training.
      let throughTraining = false;
      for (let k = inbound.start[model]!; k < inbound.start[model + 1]!; k++) {
        const x = inbound.node[k]!;
        if (inbound.kind[k] === "reads" && trains(inbound.use[k]) && (seen[2 * x] === stamp || seen[2 * x + 1] === stamp)) throughTraining = true;
      }
      const walk = [model];
      const back: number[] = [];
      for (let s = foundTraining ?? found; s !== -1; s = parent[s]!) back.push(s >> 1);
      for (let i = back.length - 1; i >= 0; i--) walk.push(back[i]!);
      walk.push(model);
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
