import type { FieldPath } from "../parse/parsed-document.js";

interface Trie {
  readonly path: FieldPath;
  named?: Map<string, Trie> | undefined;
  indexed?: Trie[] | undefined;
}

/**
 * One frozen array per distinct field path. Every manifest repeats the same few paths
 * (`["inputs", 0]`, `["outputs", 1, "consumers", 0]`), and each edge's declaration names one:
 * at 10,000 models that was 160,000 small arrays living to the end of the run, which the
 * garbage collector copied and the kernel had to map. Shared paths are never changed
 * (FieldPath is readonly; frozen, a stray write throws). One table per analysis, so that a
 * hostile list of a million items leaves nothing behind once the analysis is dropped.
 */
export class FieldPaths {
  private readonly top: Trie = { path: Object.freeze([]) };

  /** The shared path of up to four segments (a fixed arity: no array is made per call). */
  of(a: string | number, b?: string | number, c?: string | number, d?: string | number): FieldPath {
    let node = child(this.top, a);
    if (b !== undefined) node = child(node, b);
    if (c !== undefined) node = child(node, c);
    if (d !== undefined) node = child(node, d);
    return node.path;
  }
}

function child(node: Trie, segment: string | number): Trie {
  if (typeof segment === "number") {
    const list = (node.indexed ??= []);
    return (list[segment] ??= { path: Object.freeze([...node.path, segment]) });
  }
  const named = (node.named ??= new Map());
  let next = named.get(segment);
  if (!next) named.set(segment, (next = { path: Object.freeze([...node.path, segment]) }));
  return next;
}
