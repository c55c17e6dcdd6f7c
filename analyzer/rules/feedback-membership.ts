import { formatList } from "./edge-sites.js";
import type { Facts } from "../derive/facts.js";
import { trains } from "../graph/graph-index.js";

/** What each model's feedback loops are, for the operations rules' messages. */
export function loopsOf(facts: Facts): Map<string, string[]> {
  const loops = new Map<string, string[]>();
  const add = (model: string, text: string) => {
    const list = loops.get(model) ?? [];
    list.push(text);
    loops.set(model, list);
  };
  for (const loop of facts.componentLoops) {
    if (!loop.hasInfluence) continue;
    // Only the first three partners are named, so a loop of 10,000 models must not copy its
    // member list once per member (that was quadratic): name from the first four instead.
    const others = loop.models.length - 1;
    for (const model of loop.models) {
      const partners = others <= 3 ? formatList(loop.models.filter((m) => m !== model), 3) : `${loop.models.slice(0, 4).filter((m) => m !== model).slice(0, 3).join(", ")} and ${others - 3} more`;
      add(model, `a hidden feedback loop (with ${partners})`);
    }
  }
  for (const loop of facts.directLoops) add(loop.model, "a direct feedback loop");
  return loops;
}

/**
 * The `reads` edges through which a model in a feedback loop trains on data inside it: a
 * training (or both) read whose source is in the model's own strongly connected component.
 * Every feedback loop a model belongs to lies inside its SCC, and every node of that SCC is
 * on a cycle through the model, so this is FORMAT.md's "through training data", per model.
 */
export function trainingReadsInsideLoop(facts: Facts, model: string): string[] {
  const { index, components } = facts;
  const v = index.indexOf.get(model);
  if (v === undefined) return [];
  const inbound = index.in;
  const sources: string[] = [];
  for (let k = inbound.start[v]!; k < inbound.start[v + 1]!; k++) {
    const source = inbound.node[k]!;
    if (source !== v && inbound.kind[k] === "reads" && trains(inbound.use[k]) && components.componentOf[source] === components.componentOf[v]) sources.push(index.ids[source]!);
  }
  return sources;
}
