import type { EdgeKind, InputUse, Location, NodeKind } from "../types.js";

/**
 * The estate graph as plain data: what `loopscope graph` prints and what the UI draws.
 * Sorted by id (nodes) and by source, target (edges), so it is byte-stable.
 */
export interface EstateNode {
  id: string;
  kind: NodeKind;
  name: string;
  /** Outputs only: the model that produces it. */
  model?: string | undefined;
  owner?: string | undefined;
  description?: string | undefined;
  /** Referenced but never declared (an implicit Dataset or Service). */
  implicit: boolean;
  /** Where it is declared (or first referenced, when implicit). */
  location?: Location | undefined;
  /** Manifest fields worth showing (target, version, monitoring, deployment, lineage identity). */
  attributes?: Record<string, unknown> | undefined;
}

export interface EstateEdge {
  source: string;
  target: string;
  kind: EdgeKind;
  use?: InputUse | undefined;
  version?: string | undefined;
  /** Declared by the producer side (an output's `consumers`), the consumer side, or both. */
  declaredBy: ("producer" | "consumer" | "owner")[];
  locations: Location[];
}

export type LoopKind = "hidden" | "circular" | "direct";

export interface EstateLoop {
  kind: LoopKind;
  models: string[];
  nodes: string[];
  throughTraining: boolean;
}

export interface EstateGraph {
  nodes: EstateNode[];
  edges: EstateEdge[];
  loops: EstateLoop[];
}
