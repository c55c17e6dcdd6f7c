import type { DocumentPlace, FieldPath } from "../parse/parsed-document.js";
import type { DatasetManifest, Manifest, ModelManifest, ServiceManifest } from "../schema/manifest.js";
import type { EdgeKind, InputUse, Location, NodeKind } from "../types.js";

/** Where something is declared: a document and a field path; resolved to a Location only when shown. */
export interface Site {
  doc: DocumentPlace;
  path: FieldPath;
  /** Set by `locateSite` on first use: one site is often shown by many findings. */
  location?: Location | undefined;
}

/** The site's file, line and column, looked up once per site and shared by every finding that shows it. */
export function locateSite(site: Site): Location {
  return (site.location ??= site.doc.locate(site.path));
}

export type DeclaringSide = "producer" | "consumer" | "owner";

/** One place that declares an edge: the site itself (one object per reference), and which side wrote it. */
export interface Declaration extends Site {
  side: DeclaringSide;
  use?: InputUse | undefined;
  version?: string | undefined;
}

export interface NodeAttributes {
  kind: NodeKind;
  name: string;
  /** Outputs: the producing model. */
  model?: string | undefined;
  implicit: boolean;
  site?: Site | undefined;
}

export interface EdgeAttributes {
  kind: EdgeKind;
  /** `reads` only: the consumer side's `use` when it declares one, else `both`. */
  use?: InputUse | undefined;
  /** `reads` only: the consumer's version pin, if any. */
  version?: string | undefined;
  declarations: Declaration[];
}

export type { LoopGraph } from "./loop-graph.js";
import type { LoopGraph } from "./loop-graph.js";

export interface Declared<M extends Manifest> {
  manifest: M;
  doc: DocumentPlace;
}

/** A reference that could not be resolved, kept for the unknown-reference rule. */
export interface ReferenceProblem {
  site: Site;
  /** Name of the manifest that holds the reference. */
  by: string;
  reference: string;
  reason: string;
  suggestion?: string | undefined;
}

export interface ImplicitNode {
  id: string;
  kind: "dataset" | "service";
  /** Every place that names it, with the manifest that does. */
  references: { site: Site; by: string }[];
}

export interface DuplicateName {
  name: string;
  declarations: Declared<Manifest>[];
}

/** The estate after reference resolution: the graph plus what the reference rules need. */
export interface Estate {
  graph: LoopGraph;
  models: Map<string, Declared<ModelManifest>>;
  datasets: Map<string, Declared<DatasetManifest>>;
  services: Map<string, Declared<ServiceManifest>>;
  duplicates: DuplicateName[];
  referenceProblems: ReferenceProblem[];
  implicit: Map<string, ImplicitNode>;
}
