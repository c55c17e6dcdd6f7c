import { isShorthandInput, type DatasetManifest, type Manifest, type ModelManifest, type ServiceManifest } from "../schema/manifest.js";
import type { EdgeKind, InputUse } from "../types.js";
import type { ValidManifest } from "../validate/validate.js";
import type { Declaration, Declared, EdgeAttributes, ImplicitNode, NodeAttributes, ReferenceProblem, Site } from "./attributes.js";
import { closestName } from "./closest-name.js";
import { FieldPaths } from "./field-paths.js";
import type { FieldPath } from "../parse/parsed-document.js";
import { compareDeclarations, compareSites } from "./declaration-order.js";


/** A reference field, kept until it can be resolved. */
interface Reference {
  type: "input" | "consumes" | "consumer" | "influence" | "derivedFrom";
  /** The name written in the field. */
  name: string;
  /** The manifest that holds the field (named in problems). */
  by: string;
  /** The holder's end of the edge (a node number): the model, output, dataset or service. */
  holder: number;
  declaration: Declaration;
}

type DeclaredKind = "model" | "dataset" | "service";

/** Targets of one source scanned for a duplicate edge before they are kept in a Map (a dataset may feed thousands). */
const SCANNED_TARGETS = 16;

/**
 * Turns reference fields into edges, implicit nodes and problems: all manifests at once, or
 * a few at a time as they arrive (the browser's worker resolves while the page is still
 * reading files).
 *
 * A reference is resolved as soon as what it names is declared and it resolves cleanly (an
 * edge to a declared node of the right kind); that outcome depends only on the named
 * manifest. Everything else (names never declared, which become implicit nodes, and names of
 * the wrong kind, which become problems with suggestions drawn from every model) waits for
 * `finish`, which handles it in FORMAT.md's order (declaration-order.ts). Edges list their
 * declarations in that order too, so the estate is the same whatever order manifests came
 * in. Names declared twice are not handled here: the caller rebuilds in file order.
 */
export class Resolver {
  /**
   * Every node by number, in the order met: ids (declared names, `model/output` ids,
   * implicit names; the three never collide, since names hold no `/`) and attributes. One
   * Map from id to number is all a reference needs; the rest is arrays indexed by number.
   */
  readonly ids: string[] = [];
  readonly nodeAttributes: NodeAttributes[] = [];
  private readonly numbers = new Map<string, number>();
  /** The field path of each site, shared by every document that has it. */
  private readonly paths = new FieldPaths();
  /** By node number: the kind of the manifest that declares that name, if one does. */
  private readonly declaredKind: (DeclaredKind | undefined)[] = [];
  /** By model number: its output nodes, in declaration order (shared by every reference to the model). */
  private readonly outputNumbers: number[][] = [];
  /**
   * Every edge, in the order found, as columns by edge number: its ends (node numbers) and its
   * attributes object, the graph's own (`reads` edges get their use and pin in `finish`). An
   * object per edge besides was 100,000 objects at 10,000 models, garbage once the graph is built.
   */
  edgeCount = 0;
  edgeSources: Int32Array = new Int32Array(4096);
  edgeTargets: Int32Array = new Int32Array(4096);
  readonly edgeAttributes: EdgeAttributes[] = [];
  /**
   * Each source's edges as a chain through edge numbers (newest first): `firstOut[source]`,
   * then `nextOut[edge]`, -1 at the end; scanned while few, then kept in `outMaps` by
   * target. A list per source was 46,000 arrays of 17 slots at 10,000 models, all garbage
   * once the graph is built.
   */
  private firstOut: Int32Array = new Int32Array(1024).fill(-1);
  private nextOut: Int32Array = new Int32Array(4096);
  private outCount: Int32Array = new Int32Array(1024);
  /** By source number, past SCANNED_TARGETS edges: edge number by target. */
  private readonly outMaps: Map<number, number>[] = [];
  readonly problems: ReferenceProblem[] = [];
  readonly implicit = new Map<string, ImplicitNode>();
  models = new Map<string, Declared<ModelManifest>>();
  datasets = new Map<string, Declared<DatasetManifest>>();
  services = new Map<string, Declared<ServiceManifest>>();
  private undeclaredConsumers = new Set<string>();
  /** References waiting for a name to be declared, by that name. */
  private readonly waiting = new Map<string, Reference[]>();
  /** References to declared names that do not resolve cleanly (problems, found in `finish`). */
  private readonly unresolved: Reference[] = [];
  /** Whether manifests came in (file, document) order, so the maps need no re-sorting. */
  private inOrder = true;
  private last: ValidManifest | undefined;

  /**
   * Manifests (each name once, in any order, in any number of calls): their nodes are
   * registered first, so references among them never wait; each reference then resolves or
   * waits for what it names, and references that waited for these names are tried again.
   */
  declare(entries: readonly ValidManifest[]): void {
    for (const entry of entries) this.register(entry);
    // Each reference is tried as it is read: none is kept unless it has to wait.
    for (const entry of entries) this.readReferences(entry);
    if (this.waiting.size === 0) return;
    for (const { manifest } of entries) {
      const waiting = this.waiting.get(manifest.name);
      if (!waiting) continue;
      this.waiting.delete(manifest.name);
      for (const { type, name, by, holder, declaration } of waiting) this.attempt(type, name, by, holder, declaration);
    }
  }

  /** The manifest's name and nodes (its outputs' too). */
  private register(entry: ValidManifest): void {
    const { manifest, doc } = entry;
    const name = manifest.name;
    if (this.last && compareEntries(this.last, entry) > 0) this.inOrder = false;
    this.last = entry;
    const number = this.addNode(name, { kind: nodeKind(manifest), name, implicit: false, site: { doc, path: this.paths.of("name") } });
    if (manifest.kind === "Model") {
      this.declaredKind[number] = "model";
      this.models.set(name, { manifest, doc });
      // map, not push: an exact-size list per model (a pushed one keeps 17 slots).
      this.outputNumbers[number] = manifest.outputs.map((output, i) => this.addNode(`${name}/${output.name}`, { kind: "output", name: output.name, model: name, implicit: false, site: { doc, path: this.paths.of("outputs", i, "name") } }));
    } else if (manifest.kind === "Dataset") {
      this.declaredKind[number] = "dataset";
      this.datasets.set(name, { manifest, doc });
    } else {
      this.declaredKind[number] = "service";
      this.services.set(name, { manifest, doc });
    }
  }

  private addNode(id: string, attributes: NodeAttributes): number {
    const number = this.ids.length;
    this.ids.push(id);
    this.nodeAttributes.push(attributes);
    this.numbers.set(id, number);
    return number;
  }

  /** The kind of the manifest that declares `name`, if any. */
  private kindOf(name: string): DeclaredKind | undefined {
    const number = this.numbers.get(name);
    return number === undefined ? undefined : this.declaredKind[number];
  }

  /**
   * Every reference field of the manifest, in field order, each tried at once; and its
   * `produces` edges. A declaration is its own site, and one declaration serves every edge a
   * reference makes (a bare model name reads each of its outputs).
   */
  private readReferences({ manifest, doc }: ValidManifest): void {
    const name = manifest.name;
    const self = this.numbers.get(name)!;
    if (manifest.kind === "Dataset") {
      manifest.derivedFrom.forEach((source, i) => this.attempt("derivedFrom", source, name, self, { doc, path: this.paths.of("derivedFrom", i), side: "owner" }));
    } else if (manifest.kind === "Service") {
      manifest.consumes.forEach((reference, i) => this.attempt("consumes", reference, name, self, { doc, path: this.paths.of("consumes", i), side: "consumer" }));
      this.influences(self, name, manifest.influences, doc, (j) => this.paths.of("influences", j));
    } else {
      manifest.inputs.forEach((input, i) => {
        const path = isShorthandInput(input) ? this.paths.of("inputs", i) : this.paths.of("inputs", i, "from");
        this.attempt("input", input.from, name, self, { doc, path, side: "consumer", use: input.use, version: input.version });
      });
      const outputs = this.outputNumbers[self]!;
      manifest.outputs.forEach((output, i) => {
        const outputNumber = outputs[i]!;
        this.addEdge(self, outputNumber, "produces", { doc, path: this.paths.of("outputs", i, "name"), side: "owner" });
        output.consumers.forEach((consumer, j) => this.attempt("consumer", consumer, name, outputNumber, { doc, path: this.paths.of("outputs", i, "consumers", j), side: "producer" }));
        this.influences(outputNumber, name, output.influences, doc, (j) => this.paths.of("outputs", i, "influences", j));
      });
    }
  }

  private influences(holder: number, by: string, names: string[], doc: Site["doc"], pathOf: (i: number) => FieldPath): void {
    names.forEach((signal, i) => this.attempt("influence", signal, by, holder, { doc, path: pathOf(i), side: "owner" }));
  }

  /** Resolves a reference now if it resolves cleanly; otherwise keeps it for later (only then is a Reference made). */
  private attempt(type: Reference["type"], name: string, by: string, holder: number, declaration: Declaration): void {
    if (this.resolvesCleanly(type, name)) return this.resolve(type, name, by, holder, declaration);
    const reference: Reference = { type, name, by, holder, declaration };
    const named = nameToWaitFor(reference);
    if (this.kindOf(named) !== undefined) this.unresolved.push(reference);
    else {
      const list = this.waiting.get(named);
      if (list) list.push(reference);
      else this.waiting.set(named, [reference]);
    }
  }

  /** True when `resolve` would add edges only (no implicit node, no problem) given what is declared now. */
  private resolvesCleanly(type: Reference["type"], name: string): boolean {
    const number = this.numbers.get(name);
    if (type === "input" || type === "consumes") {
      // `model/output` is a node exactly when that model declares that output.
      if (name.includes("/")) return number !== undefined;
      const kind = number === undefined ? undefined : this.declaredKind[number];
      return kind === "model" || kind === "dataset" || (kind === "service" && type === "input");
    }
    const kind = number === undefined ? undefined : this.declaredKind[number];
    if (type === "consumer") return kind === "model" || kind === "service";
    return kind === "dataset";
  }

  /**
   * Everything has arrived: the references still open become implicit nodes or problems, in
   * FORMAT.md's order; declarations are put in that order. Returns nothing; read the fields.
   */
  finish(): void {
    if (!this.inOrder) {
      this.models = sortedByPlace(this.models);
      this.datasets = sortedByPlace(this.datasets);
      this.services = sortedByPlace(this.services);
    }
    for (const { manifest } of this.models.values()) {
      for (const output of manifest.outputs) for (const consumer of output.consumers) if (this.kindOf(consumer) === undefined) this.undeclaredConsumers.add(consumer);
    }
    const open = [...this.unresolved];
    for (const list of this.waiting.values()) for (const reference of list) open.push(reference);
    open.sort((a, b) => compareSites(a.declaration.doc, a.declaration.path, b.declaration.doc, b.declaration.path));
    for (const { type, name, by, holder, declaration } of open) this.resolve(type, name, by, holder, declaration);
    for (const attributes of this.edgeAttributes) {
      if (attributes.declarations.length > 1) attributes.declarations.sort(compareDeclarations);
      if (attributes.kind === "reads") readsAttributes(attributes);
    }
  }

  private resolve(type: Reference["type"], name: string, by: string, holder: number, declaration: Declaration): void {
    if (type === "input" || type === "consumes") {
      const kind = type === "input" ? "reads" : "consumes";
      for (const source of this.sources(name, declaration, by, type === "input" ? "inputs" : "consumes")) this.addEdge(source, holder, kind, declaration);
    } else if (type === "consumer") {
      const number = this.numbers.get(name);
      const kind = number === undefined ? undefined : this.declaredKind[number];
      if (kind === "model" || kind === "service") this.addEdge(holder, number!, kind === "model" ? "reads" : "consumes", declaration);
      else if (kind === "dataset") this.problem(declaration, by, name, `consumers must name a Model or Service, but "${name}" is a Dataset`);
      else this.addEdge(holder, this.implicitNode(name, "service", declaration, by), "consumes", declaration);
    } else {
      const id = this.dataset(name, declaration, by, type);
      if (id === undefined) return;
      if (type === "influence") this.addEdge(holder, id, "influences", declaration);
      else this.addEdge(id, holder, "derives", declaration);
    }
  }

  /** Resolves a name that must be a dataset (a signal or a lineage parent). */
  private dataset(name: string, site: Site, by: string, type: "influence" | "derivedFrom"): number | undefined {
    const number = this.numbers.get(name);
    const kind = number === undefined ? undefined : this.declaredKind[number];
    if (kind === "dataset") return number;
    // A consumer name makes an implicit Service wherever it sits, as in sources(): which
    // reference came first (by file name) must not decide the node's kind.
    if (kind === undefined && this.undeclaredConsumers.has(name)) {
      this.problem(site, by, name, `${type === "influence" ? "influences" : "derivedFrom"} must name a Dataset, but "${name}" is used as an (undeclared) Service elsewhere`);
      return undefined;
    }
    if (kind === undefined) return this.implicitNode(name, "dataset", site, by);
    this.problem(site, by, name, `${type === "influence" ? "influences" : "derivedFrom"} must name a Dataset, but "${name}" is a ${label(kind)}`);
    return undefined;
  }

  /** Resolves an input or `consumes` reference to the source nodes it stands for. */
  private sources(reference: string, site: Site, by: string, field: "inputs" | "consumes"): readonly number[] {
    const number = this.numbers.get(reference);
    const slash = reference.indexOf("/");
    if (slash !== -1) {
      if (number !== undefined) return [number];
      const model = reference.slice(0, slash);
      const output = reference.slice(slash + 1);
      const declared = this.models.get(model);
      if (!declared) {
        const kind = this.kindOf(model);
        const reason = kind ? `"${model}" is a ${label(kind)}, not a Model, so it has no outputs` : `no Model is named "${model}"`;
        this.problem(site, by, reference, reason, this.nearestOutput(model, output));
        return [];
      }
      const names = declared.manifest.outputs.map((o) => o.name);
      const suggestion = closestName(output, names) ?? (names.length === 1 ? names[0] : undefined);
      this.problem(site, by, reference, names.length === 0 ? `Model "${model}" declares no outputs` : `Model "${model}" has no output "${output}" (it has ${names.join(", ")})`, suggestion ? `${model}/${suggestion}` : undefined);
      return [];
    }
    const kind = number === undefined ? undefined : this.declaredKind[number];
    if (kind === "model") {
      const outputs = this.outputNumbers[number!]!;
      return outputs.length === 0 ? [number!] : outputs;
    }
    if (kind === "dataset") return [number!];
    if (kind === "service") {
      if (field === "inputs") return [number!];
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

  private implicitNode(name: string, kind: "dataset" | "service", site: Site, by: string): number {
    let node = this.implicit.get(name);
    if (!node) {
      node = { id: name, kind, references: [] };
      this.implicit.set(name, node);
      this.addNode(name, { kind, name, implicit: true, site });
    }
    node.references.push({ site, by });
    return this.numbers.get(name)!;
  }

  private addEdge(source: number, target: number, kind: EdgeKind, declaration: Declaration): void {
    const existing = this.findEdge(source, target);
    if (existing !== -1) {
      // Most edges are declared once or twice, and live to the end: a short list is copied at
      // its exact size rather than grown by push (17 slots for the second declaration).
      const attributes = this.edgeAttributes[existing]!;
      if (attributes.declarations.length < 8) attributes.declarations = attributes.declarations.concat(declaration);
      else attributes.declarations.push(declaration);
      return;
    }
    // `reads` edges get their use and pin once every declaration is in (finish); the keys are there from the start so every reads edge has one shape.
    const number = this.edgeCount++;
    this.edgeAttributes.push(kind === "reads" ? { kind, use: undefined, version: undefined, declarations: [declaration] } : { kind, declarations: [declaration] });
    if (number >= this.edgeSources.length) {
      this.edgeSources = grown(this.edgeSources, number, 0);
      this.edgeTargets = grown(this.edgeTargets, number, 0);
    }
    this.edgeSources[number] = source;
    this.edgeTargets[number] = target;
    if (number >= this.nextOut.length) this.nextOut = grown(this.nextOut, number, 0);
    if (source >= this.firstOut.length) {
      this.firstOut = grown(this.firstOut, source, -1);
      this.outCount = grown(this.outCount, source, 0);
    }
    this.nextOut[number] = this.firstOut[source]!;
    this.firstOut[source] = number;
    const map = this.outMaps[source];
    if (map) map.set(target, number);
    else if (++this.outCount[source]! > SCANNED_TARGETS) {
      const byTarget = new Map<number, number>();
      for (let e = this.firstOut[source]!; e !== -1; e = this.nextOut[e]!) byTarget.set(this.edgeTargets[e]!, e);
      this.outMaps[source] = byTarget;
    }
  }

  /** The number of the edge source → target, -1 when not found yet: a scan of a few targets, a Map lookup for a node with many. */
  private findEdge(source: number, target: number): number {
    const map = this.outMaps[source];
    if (map) return map.get(target) ?? -1;
    if (source >= this.firstOut.length) return -1;
    for (let e = this.firstOut[source]!; e !== -1; e = this.nextOut[e]!) if (this.edgeTargets[e] === target) return e;
    return -1;
  }

  /**
   * A reference that exists, for `model/output` whose model does not: the model with the
   * nearest name, with that output if it has it, else its nearest output (or its only one),
   * else the model itself when it declares none. The
   * model's name with the output as typed was suggested whether or not it had that output, and
   * taking the suggestion gave the next error.
   */
  private nearestOutput(model: string, output: string): string | undefined {
    const near = closestName(model, this.models.keys());
    if (near === undefined) return undefined;
    const names = this.models.get(near)!.manifest.outputs.map((o) => o.name);
    if (names.length === 0) return near;
    const named = names.includes(output) ? output : (closestName(output, names) ?? (names.length === 1 ? names[0] : undefined));
    return named === undefined ? undefined : `${near}/${named}`;
  }

  private problem(site: Site, by: string, reference: string, reason: string, suggestion?: string): void {
    this.problems.push({ site, by, reference, reason, suggestion });
  }
}

/** `column` with room for index `at`, at least doubled; new slots hold `fill`. */
function grown(column: Int32Array, at: number, fill: number): Int32Array {
  const next = new Int32Array(Math.max(column.length * 2, at + 1));
  next.set(column);
  if (fill !== 0) next.fill(fill, column.length);
  return next;
}

/**
 * A `reads` edge's use and pin: one consumer-side use wins when every consumer-side declaration
 * agrees; otherwise (or with none) `both`. The read is pinned only when every consumer-side
 * declaration pins it (the first pin given): `inputs: [p, {from: p/o, version: "2"}]` still
 * reads p/o unpinned through the bare `p`, and was taken as pinned.
 */
function readsAttributes(attributes: EdgeAttributes): void {
  let use: InputUse | undefined;
  let version: string | undefined;
  let unpinned = false;
  let agreed = true;
  for (const d of attributes.declarations) {
    if (d.side !== "consumer") continue;
    const declared = d.use ?? "both";
    if (use !== undefined && use !== declared) agreed = false;
    use ??= declared;
    if (d.version === undefined) unpinned = true;
    version ??= d.version;
  }
  attributes.use = agreed && use !== undefined ? use : "both";
  attributes.version = unpinned ? undefined : version;
}

/** The name a reference needs declared: the model of `model/output`, else the name itself. */
function nameToWaitFor({ type, name }: Reference): string {
  if (type !== "input" && type !== "consumes") return name;
  const slash = name.indexOf("/");
  return slash === -1 ? name : name.slice(0, slash);
}

function nodeKind(manifest: Manifest): "model" | "dataset" | "service" {
  return manifest.kind === "Model" ? "model" : manifest.kind === "Dataset" ? "dataset" : "service";
}

export function compareEntries(a: ValidManifest, b: ValidManifest): number {
  return a.doc.file < b.doc.file ? -1 : a.doc.file > b.doc.file ? 1 : a.doc.index - b.doc.index;
}

function sortedByPlace<M extends Manifest>(map: Map<string, Declared<M>>): Map<string, Declared<M>> {
  return new Map([...map].sort(([, a], [, b]) => compareEntries(a, b)));
}

function label(kind: string): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}
