import { LoopGraph } from "./loop-graph.js";
import { indexGraph, type NamedEdge } from "./graph-index.js";
import type { DatasetManifest, Manifest, ModelManifest, ServiceManifest } from "../schema/manifest.js";
import type { EdgeKind, InputUse } from "../types.js";
import type { ValidManifest } from "../validate/validate.js";
import type {
  Declaration,
  Declared,
  DuplicateName,
  EdgeAttributes,
  Estate,
  ImplicitNode,
  NodeAttributes,
  ReferenceProblem,
  Site,
} from "./attributes.js";
import { closestName } from "./closest-name.js";

interface PendingEdge {
  source: string;
  target: string;
  kind: EdgeKind;
  declarations: Declaration[];
}

/**
 * Resolves references and builds the estate graph of FORMAT.md ("The graph"). Manifests
 * are taken in (file, document) order; the first declaration of a name wins and later ones
 * are duplicates. The graph is built in sorted order so everything downstream is stable.
 */
export function buildEstate(valid: ValidManifest[]): Estate {
  const ordered = [...valid].sort((a, b) => compare(a.doc.file, b.doc.file) || a.doc.index - b.doc.index);
  const byName = new Map<string, Declared<Manifest>>();
  const duplicateMap = new Map<string, Declared<Manifest>[]>();
  for (const { manifest, doc } of ordered) {
    const existing = byName.get(manifest.name);
    if (existing) {
      const list = duplicateMap.get(manifest.name) ?? [existing];
      list.push({ manifest, doc });
      duplicateMap.set(manifest.name, list);
      continue;
    }
    byName.set(manifest.name, { manifest, doc });
  }
  const models = new Map<string, Declared<ModelManifest>>();
  const datasets = new Map<string, Declared<DatasetManifest>>();
  const services = new Map<string, Declared<ServiceManifest>>();
  for (const [name, entry] of byName) {
    if (entry.manifest.kind === "Model") models.set(name, entry as Declared<ModelManifest>);
    else if (entry.manifest.kind === "Dataset") datasets.set(name, entry as Declared<DatasetManifest>);
    else services.set(name, entry as Declared<ServiceManifest>);
  }
  const resolver = new Resolver(models, datasets, services);
  resolver.run();
  // The default sort orders strings by UTF-16 code units, as `compare` does, without a JS callback.
  const ids = [...resolver.nodes.keys()].sort();
  const nodes = ids.map((id) => resolver.nodes.get(id)!);
  const edges: NamedEdge[] = [];
  for (const targets of resolver.edges.values()) for (const edge of targets.values()) edges.push({ source: edge.source, target: edge.target, attributes: edgeAttributes(edge) });
  const graph = new LoopGraph(indexGraph(ids, nodes, edges), nodes);
  const duplicates: DuplicateName[] = [...duplicateMap].sort(([a], [b]) => compare(a, b)).map(([name, declarations]) => ({ name, declarations }));
  return { graph, models, datasets, services, duplicates, referenceProblems: resolver.problems, implicit: resolver.implicit };
}

function edgeAttributes(edge: PendingEdge): EdgeAttributes {
  if (edge.kind !== "reads") return { kind: edge.kind, declarations: edge.declarations };
  // One consumer-side use wins when every consumer-side declaration agrees; otherwise (or with none) `both`.
  let use: InputUse | undefined;
  let version: string | undefined;
  let agreed = true;
  for (const d of edge.declarations) {
    if (d.side !== "consumer") continue;
    const declared = d.use ?? "both";
    if (use !== undefined && use !== declared) agreed = false;
    use ??= declared;
    version ??= d.version;
  }
  return { kind: "reads", use: agreed && use !== undefined ? use : "both", version, declarations: edge.declarations };
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Turns every reference field into edges, implicit nodes or problems. */
class Resolver {
  readonly nodes = new Map<string, NodeAttributes>();
  /** By source, then target: a nested Map, not a joined key string per reference. */
  readonly edges = new Map<string, Map<string, PendingEdge>>();
  readonly problems: ReferenceProblem[] = [];
  readonly implicit = new Map<string, ImplicitNode>();
  private readonly undeclaredConsumers = new Set<string>();
  /** Each model's output node ids, in declaration order (built once, shared by every reference). */
  private readonly outputIds = new Map<string, string[]>();

  /** Every declared name's kind, in one Map: looked up for every reference. */
  private readonly kinds = new Map<string, "model" | "dataset" | "service">();

  constructor(
    private readonly models: Map<string, Declared<ModelManifest>>,
    private readonly datasets: Map<string, Declared<DatasetManifest>>,
    private readonly services: Map<string, Declared<ServiceManifest>>,
  ) {
    for (const name of models.keys()) this.kinds.set(name, "model");
    for (const name of datasets.keys()) this.kinds.set(name, "dataset");
    for (const name of services.keys()) this.kinds.set(name, "service");
  }

  run(): void {
    for (const [name, { manifest, doc }] of this.models) {
      this.nodes.set(name, { kind: "model", name, implicit: false, site: { doc, path: ["name"] } });
      const ids: string[] = [];
      manifest.outputs.forEach((output, i) => {
        const id = `${name}/${output.name}`;
        ids.push(id);
        this.nodes.set(id, { kind: "output", name: output.name, model: name, implicit: false, site: { doc, path: ["outputs", i, "name"] } });
        for (const consumer of output.consumers) if (!this.isDeclared(consumer)) this.undeclaredConsumers.add(consumer);
      });
      this.outputIds.set(name, ids);
    }
    for (const [name, { doc }] of this.datasets) this.nodes.set(name, { kind: "dataset", name, implicit: false, site: { doc, path: ["name"] } });
    for (const [name, { doc }] of this.services) this.nodes.set(name, { kind: "service", name, implicit: false, site: { doc, path: ["name"] } });

    for (const [name, { manifest, doc }] of this.models) this.resolveModel(name, manifest, doc);
    for (const [name, { manifest, doc }] of this.datasets) {
      manifest.derivedFrom.forEach((source, i) => {
        const declaration: Declaration = { doc, path: ["derivedFrom", i], side: "owner" };
        const id = this.dataset(source, declaration, name, "derivedFrom");
        if (id !== undefined) this.addEdge(id, name, "derives", declaration);
      });
    }
    for (const [name, { manifest, doc }] of this.services) {
      manifest.consumes.forEach((reference, i) => {
        const declaration: Declaration = { doc, path: ["consumes", i], side: "consumer" };
        for (const source of this.sources(reference, declaration, name, "consumes")) this.addEdge(source, name, "consumes", declaration);
      });
      this.resolveInfluences(name, manifest.influences, doc, ["influences"]);
    }
  }

  // A declaration is its own site, and one declaration serves every edge a reference makes
  // (a bare model name reads each of its outputs): 150,000 references, one object each.
  private resolveModel(name: string, manifest: ModelManifest, doc: Site["doc"]): void {
    manifest.inputs.forEach((input, i) => {
      const path = typeof input === "object" && this.isObjectInput(doc, i) ? ["inputs", i, "from"] : ["inputs", i];
      const declaration: Declaration = { doc, path, side: "consumer", use: input.use, version: input.version };
      for (const source of this.sources(input.from, declaration, name, "inputs")) this.addEdge(source, name, "reads", declaration);
    });
    const outputIds = this.outputIds.get(name)!;
    manifest.outputs.forEach((output, i) => {
      const outputId = outputIds[i]!;
      this.addEdge(name, outputId, "produces", { doc, path: ["outputs", i, "name"], side: "owner" });
      output.consumers.forEach((consumer, j) => {
        const declaration: Declaration = { doc, path: ["outputs", i, "consumers", j], side: "producer" };
        const kind = this.kindOf(consumer);
        if (kind === "model") this.addEdge(outputId, consumer, "reads", declaration);
        else if (kind === "service") this.addEdge(outputId, consumer, "consumes", declaration);
        else if (kind === "dataset") this.problem(declaration, name, consumer, `consumers must name a Model or Service, but "${consumer}" is a Dataset`);
        else this.addEdge(outputId, this.implicitNode(consumer, "service", declaration, name), "consumes", declaration);
      });
      this.resolveInfluences(outputId, output.influences, doc, ["outputs", i, "influences"], name);
    });
  }

  private resolveInfluences(source: string, names: string[], doc: Site["doc"], base: (string | number)[], by = source): void {
    names.forEach((signal, i) => {
      const declaration: Declaration = { doc, path: [...base, i], side: "owner" };
      const id = this.dataset(signal, declaration, by, "influences");
      if (id !== undefined) this.addEdge(source, id, "influences", declaration);
    });
  }

  /** Resolves a name that must be a dataset (a signal or a lineage parent). */
  private dataset(name: string, site: Site, by: string, field: string): string | undefined {
    const kind = this.kindOf(name);
    if (kind === "dataset") return name;
    if (kind === undefined) return this.implicitNode(name, "dataset", site, by);
    this.problem(site, by, name, `${field} must name a Dataset, but "${name}" is a ${label(kind)}`);
    return undefined;
  }

  /** Resolves an input or `consumes` reference to the source nodes it stands for. */
  private sources(reference: string, site: Site, by: string, field: "inputs" | "consumes"): string[] {
    const slash = reference.indexOf("/");
    if (slash !== -1) {
      const model = reference.slice(0, slash);
      const output = reference.slice(slash + 1);
      const declared = this.models.get(model);
      if (!declared) {
        const kind = this.kindOf(model);
        const suggestion = closestName(model, this.models.keys());
        const reason = kind ? `"${model}" is a ${label(kind)}, not a Model, so it has no outputs` : `no Model is named "${model}"`;
        this.problem(site, by, reference, reason, suggestion ? `${suggestion}/${output}` : undefined);
        return [];
      }
      if (!declared.manifest.outputs.some((o) => o.name === output)) {
        const names = declared.manifest.outputs.map((o) => o.name);
        const suggestion = closestName(output, names) ?? (names.length === 1 ? names[0] : undefined);
        this.problem(site, by, reference, names.length === 0 ? `Model "${model}" declares no outputs` : `Model "${model}" has no output "${output}" (it has ${names.join(", ")})`, suggestion ? `${model}/${suggestion}` : undefined);
        return [];
      }
      return [reference];
    }
    const kind = this.kindOf(reference);
    if (kind === "model") {
      const outputs = this.outputIds.get(reference)!;
      return outputs.length === 0 ? [reference] : outputs;
    }
    if (kind === "dataset") return [reference];
    if (kind === "service") {
      if (field === "inputs") return [reference];
      this.problem(site, by, reference, `consumes must name a model output or a Dataset, but "${reference}" is a Service`);
      return [];
    }
    if (this.undeclaredConsumers.has(reference)) {
      if (field === "inputs") return [this.implicitNode(reference, "service", site, by)];
      this.problem(site, by, reference, `"${reference}" is used as an (undeclared) Service elsewhere, and consumes must name an output or a Dataset`);
      return [];
    }
    return [this.implicitNode(reference, "dataset", site, by)];
  }

  private implicitNode(name: string, kind: "dataset" | "service", site: Site, by: string): string {
    let node = this.implicit.get(name);
    if (!node) {
      node = { id: name, kind, references: [] };
      this.implicit.set(name, node);
      this.nodes.set(name, { kind, name, implicit: true, site });
    }
    node.references.push({ site, by });
    return name;
  }

  private kindOf(name: string): "model" | "dataset" | "service" | undefined {
    return this.kinds.get(name);
  }

  private isDeclared(name: string): boolean {
    return this.kindOf(name) !== undefined;
  }

  private isObjectInput(doc: Site["doc"], index: number): boolean {
    const inputs = (doc.value as { inputs?: unknown }).inputs;
    return Array.isArray(inputs) && typeof inputs[index] === "object" && inputs[index] !== null;
  }

  private addEdge(source: string, target: string, kind: EdgeKind, declaration: Declaration): void {
    let targets = this.edges.get(source);
    if (!targets) this.edges.set(source, (targets = new Map()));
    const existing = targets.get(target);
    if (existing) existing.declarations.push(declaration);
    else targets.set(target, { source, target, kind, declarations: [declaration] });
  }

  private problem(site: Site, by: string, reference: string, reason: string, suggestion?: string): void {
    this.problems.push({ site, by, reference, reason, suggestion });
  }
}

function label(kind: string): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}
