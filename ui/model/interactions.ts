import type { EstateGraph } from "../../analyzer/graph/estate-graph.js";
import type { Finding } from "../../analyzer/types.js";
import type { EstateIndex } from "./estate-index.js";

export type CouplingKind = "loop" | "outcome" | "inputs" | "reads";

export interface Coupling {
  a: string;
  b: string;
  kinds: CouplingKind[];
  /** One sentence per kind, for the cell's explanation. */
  reasons: string[];
  /** Estate ids that make the coupling (shared inputs, datasets, the read output). */
  nodes: string[];
}

/** Shared inputs a coupling names at most (the reason says how many more). */
const LISTED_INPUTS = 20;

/**
 * Every two models of a loop, and every two readers of an input, are a pair: a loop of 10,000
 * models would be 50 million. Loops and inputs past these sizes are not paired; `unpairedGroups`
 * names them, and the matrix says so.
 */
export const MAX_LOOP_MODELS = 60;
export const MAX_INPUT_READERS = 200;

/** A loop or an input left out of the pairs for its size. */
export interface UnpairedGroup {
  kind: "loop" | "input";
  /** The loop's kind and models ("hidden loop of 61 models"), or the input's id. */
  label: string;
  models: number;
}

/** The loops and inputs `interactionSteps` does not pair, biggest first. */
export function unpairedGroups(graph: EstateGraph, index: EstateIndex): UnpairedGroup[] {
  const groups: UnpairedGroup[] = [];
  for (const loop of graph.loops) {
    if (loop.kind !== "direct" && loop.models.length > MAX_LOOP_MODELS) groups.push({ kind: "loop", label: `${loop.kind} loop of ${loop.models.length} models`, models: loop.models.length });
  }
  // Counted as interactionSteps counts them (one per read edge), so the two agree at the limit.
  const readers = new Map<string, number>();
  for (const edge of graph.edges) {
    if (edge.kind === "reads" && index.nodes.get(edge.target)?.kind === "model") readers.set(edge.source, (readers.get(edge.source) ?? 0) + 1);
  }
  for (const [input, models] of readers) if (models > MAX_INPUT_READERS) groups.push({ kind: "input", label: input, models });
  return groups.sort((a, b) => b.models - a.models || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

export const COUPLING_LABELS: Record<CouplingKind, string> = { loop: "same loop", outcome: "shared outcome", inputs: "shared inputs", reads: "reads" };

/**
 * How each pair of models is coupled: same loop (one SCC), shared outcome (a shared-outcome
 * finding), shared inputs (nodes both read), or one reads the other's output. Keyed "a\0b"
 * with a < b; only coupled pairs are kept.
 */
export function computeInteractions(graph: EstateGraph, index: EstateIndex, findings: Finding[]): Map<string, Coupling> {
  const steps = interactionSteps(graph, index, findings);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Units of work (pairs visited, edges, findings) between two pauses of `interactionSteps`. */
const STEP_WORK = 4096;

/**
 * `computeInteractions` in steps: it pauses (yields) every few thousand units of work, so the
 * page can run it a slice per task. On a 10,000-model estate it is about a second of work,
 * which held the page in one task when the matrix opened.
 */
export function* interactionSteps(graph: EstateGraph, index: EstateIndex, findings: Finding[]): Generator<void, Map<string, Coupling>, void> {
  let work = 0;
  const pairs = new Map<string, Coupling>();
  const get = (x: string, y: string) => {
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}\u0000${b}`;
    let coupling = pairs.get(key);
    if (!coupling) pairs.set(key, (coupling = { a, b, kinds: [], reasons: [], nodes: [] }));
    return coupling;
  };
  const add = (c: Coupling, kind: CouplingKind, reason: string, nodes: string[]) => {
    if (!c.kinds.includes(kind)) c.kinds.push(kind);
    c.reasons.push(reason);
    c.nodes.push(...nodes);
  };
  for (const loop of graph.loops) {
    if (loop.kind === "direct" || loop.models.length > MAX_LOOP_MODELS) continue;
    for (let i = 0; i < loop.models.length; i++)
      for (let j = i + 1; j < loop.models.length; j++) add(get(loop.models[i]!, loop.models[j]!), "loop", `in one ${loop.kind} loop of ${loop.models.length} models`, []);
    if ((work += (loop.models.length * (loop.models.length - 1)) / 2) >= STEP_WORK) {
      work = 0;
      yield;
    }
  }
  for (const finding of findings) {
    if (++work >= STEP_WORK) {
      work = 0;
      yield;
    }
    if (finding.rule !== "shared-outcome" || finding.models.length !== 2) continue;
    const datasets = finding.nodes.filter((id) => index.nodes.get(id)?.kind === "dataset");
    add(get(finding.models[0]!, finding.models[1]!), "outcome", `both influence ${datasets.join(", ") || "a shared dataset"} and one trains on it`, datasets);
  }
  // Shared inputs: group readers by input node, so only pairs that share something are visited.
  const readers = new Map<string, string[]>();
  for (const edge of graph.edges) {
    if (++work >= STEP_WORK) {
      work = 0;
      yield;
    }
    if (edge.kind !== "reads" || index.nodes.get(edge.target)?.kind !== "model") continue;
    (readers.get(edge.source) ?? readers.set(edge.source, []).get(edge.source)!).push(edge.target);
    const producer = index.nodes.get(edge.source)?.model;
    if (producer && producer !== edge.target) add(get(producer, edge.target), "reads", `${edge.target} reads ${edge.source}`, [edge.source]);
  }
  // Pairs are counted under a number (two model ranks), not a string made per visit, and each
  // keeps the first LISTED_INPUTS inputs by name: in a clique of 200 models reading each
  // other's outputs, strings per visit and whole lists per pair (4 million names in all) held
  // the page 1.6 s when the matrix opened.
  const models = [...new Set([...readers.values()].flat())].sort();
  const rankOf = new Map(models.map((id, i) => [id, i]));
  const shared = new Map<number, { count: number; inputs: string[] }>();
  for (const input of [...readers.keys()].sort()) {
    const ranks = readers.get(input)!.map((id) => rankOf.get(id)!);
    if (ranks.length < 2 || ranks.length > MAX_INPUT_READERS) continue;
    if ((work += (ranks.length * (ranks.length - 1)) / 2) >= STEP_WORK) {
      work = 0;
      yield;
    }
    for (let i = 0; i < ranks.length; i++)
      for (let j = i + 1; j < ranks.length; j++) {
        const key = ranks[i]! < ranks[j]! ? ranks[i]! * models.length + ranks[j]! : ranks[j]! * models.length + ranks[i]!;
        const entry = shared.get(key);
        if (!entry) shared.set(key, { count: 1, inputs: [input] });
        else if (entry.count++ < LISTED_INPUTS) entry.inputs.push(input);
      }
  }
  for (const [key, { count, inputs }] of shared) {
    if (++work >= STEP_WORK) {
      work = 0;
      yield;
    }
    const more = count > inputs.length ? ` and ${count - inputs.length} more` : "";
    add(get(models[Math.floor(key / models.length)]!, models[key % models.length]!), "inputs", `both read ${inputs.join(", ")}${more}`, inputs);
  }
  for (const coupling of pairs.values()) {
    if (++work >= STEP_WORK) {
      work = 0;
      yield;
    }
    coupling.nodes = [...new Set(coupling.nodes)].sort();
  }
  return pairs;
}
