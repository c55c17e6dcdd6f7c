import type { GraphIndex } from "../graph/graph-index.js";

/**
 * Downstream lineage: a dataset and every dataset derived from it through a chain of
 * `derivedFrom` (`derives` edges). One reusable marker array with a stamp per query, so a
 * query costs the size of the answer and nothing is cleared between queries. derivedFrom
 * cycles are harmless: a node is visited once per stamp.
 */
export class DownstreamLineage {
  private readonly mark: Int32Array;
  private stamp = 0;

  constructor(private readonly index: GraphIndex) {
    this.mark = new Int32Array(index.ids.length);
  }

  /** Marks `dataset` and all datasets derived from it; test membership with `has` until the next call. */
  markFrom(dataset: number): void {
    const stamp = ++this.stamp;
    const queue = [dataset];
    this.mark[dataset] = stamp;
    for (let head = 0; head < queue.length; head++) {
      const out = this.index.out;
      const v = queue[head]!;
      for (let k = out.start[v]!; k < out.start[v + 1]!; k++) {
        const w = out.node[k]!;
        if (out.kind[k] !== "derives" || this.mark[w] === stamp) continue;
        this.mark[w] = stamp;
        queue.push(w);
      }
    }
  }

  has(node: number): boolean {
    return this.mark[node] === this.stamp;
  }
}
