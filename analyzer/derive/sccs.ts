import { findSlot, type Adjacency } from "../graph/graph-index.js";

export interface Components {
  /** Component number of each node. */
  componentOf: Int32Array;
  /** Components with a cycle (two or more nodes, or a self-loop), each sorted by node index. */
  cyclic: number[][];
}

/**
 * Strongly connected components by an iterative Tarjan. graphology-components offers SCCs,
 * but its DFS is recursive and overflows the call stack on long chains (tens of thousands
 * of nodes, which large estates have), so this keeps an explicit stack over the index.
 */
export function stronglyConnectedComponents(index: { ids: readonly unknown[]; out: Pick<Adjacency, "start" | "node"> }): Components {
  const n = index.ids.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const componentOf = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const callNode: number[] = [];
  const callEdge: number[] = [];
  const cyclic: number[][] = [];
  let counter = 0;
  let componentCount = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    callNode.push(root);
    callEdge.push(0);
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callNode.length > 0) {
      const v = callNode[callNode.length - 1]!;
      const edgeIndex = callEdge[callEdge.length - 1]!;
      const slot = index.out.start[v]! + edgeIndex;
      if (slot < index.out.start[v + 1]!) {
        callEdge[callEdge.length - 1] = edgeIndex + 1;
        const w = index.out.node[slot]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          callNode.push(w);
          callEdge.push(0);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, order[w]!);
        }
        continue;
      }
      callNode.pop();
      callEdge.pop();
      const parent = callNode[callNode.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent]!, low[v]!);
      if (low[v] === order[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          componentOf[w] = componentCount;
          component.push(w);
        } while (w !== v);
        componentCount++;
        if (component.length > 1 || findSlot(index.out, v, v) !== -1) cyclic.push(component.sort((a, b) => a - b));
      }
    }
  }
  cyclic.sort((a, b) => a[0]! - b[0]!);
  return { componentOf, cyclic };
}
