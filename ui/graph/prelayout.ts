import forceAtlas2, { type ForceAtlas2Settings } from "graphology-layout-forceatlas2";
import type { ViewGraph } from "../model/view-graph.js";
import { settleLayout } from "./settle-layout.js";

/** Views up to this many nodes get their layout before the first frame. */
export const PRELAYOUT_MAX = 400;
const ITERATIONS = 300;

export interface LayoutRequest {
  id: number;
  /** x, y of each node, in the graph's node order. */
  xy: Float64Array;
  sizes: Float64Array;
  /** Source and target index of each edge, in the graph's edge order. */
  edges: Int32Array;
  iterations: number;
  settings: ForceAtlas2Settings;
}

export interface LayoutResponse {
  id: number;
  xy: Float64Array;
}

export function layoutSettings(graph: ViewGraph): ForceAtlas2Settings {
  return { ...forceAtlas2.inferSettings(graph), slowDown: 2, scalingRatio: 14, gravity: 0.6, outboundAttractionDistribution: true };
}

const laidOut = new WeakSet<ViewGraph>();

/** True when the graph can be drawn now: laid out already, or too big (or too bare) for a layout first. */
export function readyToDraw(graph: ViewGraph): boolean {
  return laidOut.has(graph) || graph.order > PRELAYOUT_MAX || graph.size === 0;
}

let worker: Worker | null = null;
let nextId = 1;

/** Starts the layout worker ahead of the first view that needs it (its module then is loaded). */
export function warmLayoutWorker(): void {
  worker ??= new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
}

export interface LayoutJob {
  /** Resolves once the graph's nodes have their laid-out positions; rejects when cancelled. */
  done: Promise<void>;
  cancel: () => void;
}

/** One job per graph (the app starts it as soon as it builds a view, the graph view waits for it). */
const jobs = new WeakMap<ViewGraph, LayoutJob>();
/** The job the worker is computing: only the newest view is wanted. */
let current: LayoutJob | null = null;
const READY: LayoutJob = { done: Promise.resolve(), cancel: () => undefined };

/**
 * ForceAtlas2, a fixed number of iterations from the seeded positions, in a worker: the same
 * files always give the same picture, and the page takes input while a 400-node view is laid
 * out (half a second with software rendering's CPU to share). A new job or `cancel` stops a
 * layout that is no longer wanted (the worker is replaced, so the next one does not wait for
 * it). Falls back to the page's thread when workers fail.
 */
export function prelayout(graph: ViewGraph): LayoutJob {
  if (readyToDraw(graph)) return READY;
  const existing = jobs.get(graph);
  if (existing) return existing;
  current?.cancel();
  performance.mark("loopscope:layout-requested");
  const index = new Map<string, number>();
  const xy = new Float64Array(graph.order * 2);
  const sizes = new Float64Array(graph.order);
  graph.forEachNode((key, attributes) => {
    const i = index.size;
    index.set(key, i);
    xy[2 * i] = attributes.x;
    xy[2 * i + 1] = attributes.y;
    sizes[i] = attributes.size;
  });
  const edges = new Int32Array(graph.size * 2);
  let e = 0;
  graph.forEachEdge((_key, _attributes, source, target) => {
    edges[e++] = index.get(source)!;
    edges[e++] = index.get(target)!;
  });
  const id = nextId++;
  const request: LayoutRequest = { id, xy, sizes, edges, iterations: ITERATIONS, settings: layoutSettings(graph) };
  let settled = false;
  let fail: (reason: Error) => void = () => undefined;
  // Declared before the promise: without workers the layout runs (and finishes) inside it.
  let job: LayoutJob | null = null;
  const done = new Promise<void>((resolve, reject) => {
    fail = reject;
    const finish = () => {
      settled = true;
      laidOut.add(graph);
      if (current === job) current = null;
      resolve();
    };
    const inPage = () => {
      settleLayout(graph, ITERATIONS, request.settings);
      finish();
    };
    try {
      warmLayoutWorker();
    } catch {
      return inPage();
    }
    const w = worker!;
    w.onmessage = (event: MessageEvent<LayoutResponse>) => {
      if (event.data.id !== id || settled) return;
      const out = event.data.xy;
      let i = 0;
      graph.updateEachNodeAttributes(
        (_key, attributes) => {
          attributes.x = out[i++]!;
          attributes.y = out[i++]!;
          return attributes;
        },
        { attributes: ["x", "y"] },
      );
      finish();
    };
    w.onerror = (event) => {
      event.preventDefault();
      worker?.terminate();
      worker = null;
      if (!settled) inPage();
    };
    w.postMessage(request, [xy.buffer, sizes.buffer, edges.buffer]);
  });
  // Nobody may be waiting for a job that is cancelled (a view replaced before it was shown).
  done.catch(() => undefined);
  job = {
    done,
    cancel: () => {
      if (settled) return;
      settled = true;
      jobs.delete(graph);
      if (current === job) current = null;
      // The worker is still on it: replace the worker rather than wait for wasted work.
      worker?.terminate();
      worker = null;
      warmLayoutWorker();
      fail(new Error("layout cancelled"));
    },
  };
  jobs.set(graph, job);
  if (!settled) current = job;
  return job;
}
