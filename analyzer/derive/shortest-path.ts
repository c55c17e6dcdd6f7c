import type { GraphIndex } from "../graph/graph-index.js";

/**
 * Breadth-first search over the index from `start` to the nearest node accepted by
 * `isTarget`, moving only through nodes `allowed` accepts. Returns the node sequence
 * (start first) or undefined. Neighbours are visited in sorted order, so among shortest
 * paths the result is always the same one.
 */
export function shortestPath(
  index: GraphIndex,
  start: number,
  isTarget: (node: number) => boolean,
  allowed: (node: number) => boolean,
  scratch: SearchScratch,
): number[] | undefined {
  const stamp = scratch.next();
  const { seen, parent } = scratch;
  const queue = [start];
  seen[start] = stamp;
  parent[start] = -1;
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (let k = index.out.start[v]!; k < index.out.start[v + 1]!; k++) {
      const w = index.out.node[k]!;
      if (seen[w] === stamp || !allowed(w)) continue;
      seen[w] = stamp;
      parent[w] = v;
      if (isTarget(w)) return unwind(parent, w);
      queue.push(w);
    }
  }
  return undefined;
}

function unwind(parent: Int32Array, end: number): number[] {
  const path = [end];
  for (let v = parent[end]!; v !== -1; v = parent[v]!) path.push(v);
  return path.reverse();
}

/** Visit marks reused across searches: a new stamp per search instead of clearing arrays. */
export class SearchScratch {
  readonly seen: Int32Array;
  readonly parent: Int32Array;
  private stamp = 0;

  constructor(size: number) {
    this.seen = new Int32Array(size);
    this.parent = new Int32Array(size);
  }

  next(): number {
    return ++this.stamp;
  }
}
