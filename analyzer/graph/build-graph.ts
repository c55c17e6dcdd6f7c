import { LoopGraph } from "./loop-graph.js";
import { indexGraph } from "./graph-index.js";
import type { Manifest } from "../schema/manifest.js";
import type { ValidManifest } from "../validate/validate.js";
import type { Declared, DuplicateName, Estate, NodeAttributes } from "./attributes.js";
import { compareEntries, Resolver } from "./resolver.js";

/**
 * Resolves references and builds the estate graph of FORMAT.md ("The graph") from every
 * valid manifest at once. Manifests are taken in (file, document) order; the first
 * declaration of a name wins and later ones are duplicates. The graph is built in sorted
 * order so everything downstream is stable.
 */
export function buildEstate(valid: ValidManifest[]): Estate {
  const ordered = [...valid].sort(compareEntries);
  const first = new Map<string, ValidManifest>();
  const duplicateMap = new Map<string, Declared<Manifest>[]>();
  for (const entry of ordered) {
    const name = entry.manifest.name;
    const existing = first.get(name);
    if (!existing) {
      first.set(name, entry);
      continue;
    }
    const list = duplicateMap.get(name) ?? [{ manifest: existing.manifest, doc: existing.doc }];
    list.push({ manifest: entry.manifest, doc: entry.doc });
    duplicateMap.set(name, list);
  }
  const duplicates: DuplicateName[] = [...duplicateMap].sort(([a], [b]) => compare(a, b)).map(([name, declarations]) => ({ name, declarations }));
  const resolver = new Resolver();
  resolver.declare([...first.values()]);
  return assemble(resolver, duplicates);
}

/**
 * Collects valid manifests and builds the estate of `buildEstate` from them. With `early`,
 * the caller may have references resolved before `finish`, a batch at a time, whenever it
 * has nothing better to do (`resolveSome`: the browser's worker, between chunks of files the
 * page is still reading); the estate is the same whatever the order and the batches. A name
 * declared twice makes `finish` fall back to `buildEstate`, since which declaration wins
 * depends on file order. Without `early` (the CLI) everything is resolved in `finish`.
 */
export class EstateBuilder {
  private readonly valid: ValidManifest[] = [];
  private readonly names = new Set<string>();
  /** Added manifests; those from `next` on are not yet handed to the resolver. */
  private queue: ValidManifest[] = [];
  private next = 0;
  /** True when everything is resolved in `finish`: not `early`, or a name came twice. */
  private atFinish: boolean;
  private readonly resolver = new Resolver();

  constructor(early = false) {
    this.atFinish = !early;
  }

  add(entry: ValidManifest): void {
    this.valid.push(entry);
    if (this.atFinish) return;
    if (this.names.has(entry.manifest.name)) {
      this.atFinish = true;
      this.queue = [];
      this.next = 0;
      return;
    }
    this.names.add(entry.manifest.name);
    this.queue.push(entry);
  }

  /** Resolves the references of up to `limit` added manifests; false once none is left. */
  resolveSome(limit: number): boolean {
    if (this.atFinish || this.next === this.queue.length) return false;
    const batch = this.queue.slice(this.next, this.next + limit);
    this.next += batch.length;
    this.resolver.declare(batch);
    if (this.next < this.queue.length) return true;
    this.queue = [];
    this.next = 0;
    return false;
  }

  finish(): Estate {
    if (this.atFinish) return buildEstate(this.valid);
    this.resolver.declare(this.queue.slice(this.next));
    return assemble(this.resolver, []);
  }
}

function assemble(resolver: Resolver, duplicates: DuplicateName[]): Estate {
  resolver.finish();
  // The default sort orders strings by UTF-16 code units, as `compare` does, without a JS callback.
  const ids = resolver.ids.slice().sort();
  const indexOf = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) indexOf.set(ids[i]!, i);
  // Resolver numbers (order met) to index positions (id order): one lookup per node, none per edge.
  const rank = new Int32Array(ids.length);
  const nodes = new Array<NodeAttributes>(ids.length);
  resolver.ids.forEach((id, number) => {
    const at = indexOf.get(id)!;
    rank[number] = at;
    nodes[at] = resolver.nodeAttributes[number]!;
  });
  const m = resolver.edgeCount;
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    sources[e] = rank[resolver.edgeSources[e]!]!;
    targets[e] = rank[resolver.edgeTargets[e]!]!;
  }
  const attributes = resolver.edgeAttributes;
  const graph = new LoopGraph(indexGraph(ids, indexOf, nodes, { sources, targets, attributes }), nodes);
  const { models, datasets, services } = resolver;
  return { graph, models, datasets, services, duplicates, referenceProblems: resolver.problems, implicit: resolver.implicit };
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
