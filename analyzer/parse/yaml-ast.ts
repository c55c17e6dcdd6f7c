import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from "yaml";
import type { FieldPath } from "./parsed-document.js";

interface Located {
  /** Offset where the deepest existing node on the path starts. */
  valueOffset: number;
  /** Offset of the key of the last path segment, when that key exists. */
  keyOffset?: number | undefined;
}

/**
 * Walks a YAML AST along a field path and returns offsets. A path that leaves the document
 * (a missing field) stops at the closest ancestor, which is where a user would add it. A
 * path that goes on inside an alias (`consumers: *c`) stops at the alias: the anchored text
 * may belong to another field, and the alias is where this field's value is written.
 */
export function locateInYaml(doc: Document, path: FieldPath): Located {
  let node: unknown = doc.contents;
  let result: Located = { valueOffset: rangeStart(node) ?? 0 };
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isAlias(node)) break;
    let next: unknown;
    let keyOffset: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment || String(isScalar(p.key) ? p.key.value : p.key) === String(segment));
      if (!pair) break;
      keyOffset = rangeStart(pair.key);
      next = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      next = node.items[segment];
      if (next === undefined) break;
    } else break;
    const start = rangeStart(next) ?? keyOffset ?? result.valueOffset;
    result = { valueOffset: start, keyOffset: i === path.length - 1 ? keyOffset : undefined };
    node = next;
  }
  return result;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
