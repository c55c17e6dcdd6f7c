import type { InputSet } from "./input-sets.js";

export interface SimilarPair {
  /** Model indexes, the smaller first. */
  models: [number, number];
  /** Shared input nodes, ascending. */
  shared: number[];
  union: number;
}

/** An input so widely read that pairs of models are not enumerated through it. */
export interface CrowdedInput {
  node: number;
  readers: number;
}

/**
 * Inputs read by more models than this are "crowded": pairs are not enumerated through them
 * (one such input alone could make readers²/2 findings). They still count when a pair found
 * through rarer inputs is verified, and each is reported, so nothing is dropped silently.
 */
export const MAX_CANDIDATES_PER_INPUT = 500;

/**
 * All pairs of input sets with at least `minShared` common elements and a Jaccard index of
 * at least `minJaccard`, without comparing every pair: prefix filtering (Chaudhuri et al.
 * 2006; Bayardo et al. 2007, "All-Pairs"). Elements are ranked rarest first; two sets that
 * share at least α elements must share one among the first |s| − α + 1 of each, where α =
 * max(minShared, ⌈minJaccard·|s|⌉) is a lower bound on the overlap any partner of s needs.
 * Sets are processed smallest first, so a partner y of x has |y| ≤ |x|, and J ≥ t needs
 * |y| ≥ t·|x| (size filter). A popular input therefore sits at the end of most sets and out
 * of their prefixes. Candidates are verified exactly by merging. A crowded input (more than
 * `maxCandidates` readers) is skipped in the prefixes; it is returned in `crowded` when it
 * was in some prefix, i.e. when pairs through it may be missing.
 */
export function findSimilarPairs(sets: InputSet[], minShared: number, minJaccard: number, maxCandidates = MAX_CANDIDATES_PER_INPUT): { pairs: SimilarPair[]; crowded: CrowdedInput[] } {
  const frequency = new Map<number, number>();
  for (const set of sets) for (const node of set.inputs) frequency.set(node, (frequency.get(node) ?? 0) + 1);
  const byRarity = [...frequency.keys()].sort((a, b) => frequency.get(a)! - frequency.get(b)! || a - b);
  const rank = new Map<number, number>();
  byRarity.forEach((node, r) => rank.set(node, r));
  const records = sets
    .filter((set) => set.inputs.length >= Math.max(1, minShared))
    .map((set) => ({ model: set.model, tokens: set.inputs.map((node) => rank.get(node)!).sort((a, b) => a - b) }))
    .sort((a, b) => a.tokens.length - b.tokens.length || a.model - b.model);
  const postings: number[][] = byRarity.map(() => []);
  const full = new Set<number>();
  const isCrowded = (r: number) => frequency.get(byRarity[r]!)! > maxCandidates;
  const seen = new Int32Array(records.length).fill(-1);
  const pairs: SimilarPair[] = [];
  const prefixOf = (size: number) => size - Math.max(minShared, Math.ceil(minJaccard * size - 1e-9)) + 1;
  records.forEach((x, xi) => {
    const size = x.tokens.length;
    const prefix = prefixOf(size);
    for (let k = 0; k < prefix; k++) {
      if (isCrowded(x.tokens[k]!)) {
        full.add(x.tokens[k]!);
        continue;
      }
      for (const yi of postings[x.tokens[k]!]!) {
        if (seen[yi] === xi) continue;
        seen[yi] = xi;
        const y = records[yi]!;
        if (y.tokens.length < minJaccard * size - 1e-9) continue;
        const shared = overlap(x.tokens, y.tokens);
        const union = size + y.tokens.length - shared.length;
        if (shared.length >= minShared && shared.length / union >= minJaccard) {
          pairs.push({ models: x.model < y.model ? [x.model, y.model] : [y.model, x.model], shared: shared.map((r) => byRarity[r]!).sort((a, b) => a - b), union });
        }
      }
    }
    for (let k = 0; k < prefix; k++) if (!isCrowded(x.tokens[k]!)) postings[x.tokens[k]!]!.push(xi);
  });
  pairs.sort((a, b) => a.models[0] - b.models[0] || a.models[1] - b.models[1]);
  const crowded = [...full].map((r) => ({ node: byRarity[r]!, readers: frequency.get(byRarity[r]!)! })).sort((a, b) => a.node - b.node);
  return { pairs, crowded };
}

function overlap(a: number[], b: number[]): number[] {
  const shared: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared.push(a[i]!);
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return shared;
}
