import type { FieldPath } from "./parsed-document.js";

export const SCALAR = 0;
export const MAPPING = 1;
export const SEQUENCE = 2;

/**
 * Where each node of a parsed file starts, stored flat: node i's text starts at
 * `starts[i]`, its descendants are the nodes i+1 .. ends[i]-1 (pre-order), so the
 * children of i are found by hopping from subtree to subtree. A mapping's children are
 * its keys and values in turn. Flat number arrays cost the parser almost nothing to fill
 * (no object per node, 8 bytes per node in typed arrays), and a lookup walks only the
 * nodes along one path.
 */
export interface FlatTree {
  readonly starts: ArrayLike<number>;
  readonly ends: ArrayLike<number>;
  /** SCALAR, MAPPING or SEQUENCE (JSON also has key nodes). */
  kindOf(node: number): number;
  /** True when key node i is the key `key`. */
  keyIs(node: number, key: string): boolean;
  /** The node that really holds node i's value (the YAML reader nests some nodes twice). */
  unwrap(node: number): number;
  /** For a sequence, how many children it must have; undefined when any count is fine. */
  expectedItems(node: number): number | undefined;
  /** True for a YAML value that is empty (`key:` and nothing after it). */
  isEmpty(node: number): boolean;
  /** True when node i's value is null. */
  isNull(node: number): boolean;
  /** True for a scalar with no content: null or the empty string (`key: !!str`, `- &a`). */
  isBlankScalar(node: number): boolean;
}

export interface Located {
  /** Offset where the deepest existing node on the path starts. */
  valueOffset: number;
  /** Offset of the key of the last path segment, when that key exists. */
  keyOffset?: number | undefined;
}

/**
 * Walks a flat tree along a field path from `root`. A path that leaves the document (a
 * missing field) stops at the closest ancestor, which is where a user would add it.
 * Returns undefined when the tree's shape does not match the value (the caller then
 * finds the position another way).
 */
export function locateFlat(text: string, tree: FlatTree, root: number, path: FieldPath): Located | undefined {
  let node = tree.unwrap(root);
  let result: Located = { valueOffset: nodeStart(text, tree.starts[node]!, tree.isBlankScalar(node)) };
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const kind = tree.kindOf(node);
    let next = -1;
    let keyOffset: number | undefined;
    if (kind === MAPPING) {
      const children = childrenOf(tree, node);
      // A block mapping that ends at `---` or `...` leaves one empty key attempt behind.
      let count = children.length;
      if (count % 2 === 1 && tree.isNull(children[count - 1]!)) count--;
      if (count % 2 === 1) return undefined;
      const key = String(segment);
      for (let c = count - 2; c >= 0; c -= 2) {
        // The last entry wins, as it does in the parsed value.
        const keyNode = tree.unwrap(children[c]!);
        if (tree.keyIs(keyNode, key)) {
          next = children[c + 1]!;
          keyOffset = nodeStart(text, tree.starts[keyNode]!, tree.isBlankScalar(keyNode));
          break;
        }
      }
    } else if (kind === SEQUENCE && typeof segment === "number") {
      const children = childrenOf(tree, node);
      const expected = tree.expectedItems(node);
      if (expected !== undefined && expected !== children.length) return undefined;
      next = children[segment] ?? -1;
    }
    if (next < 0) break;
    const empty = tree.isEmpty(next);
    next = tree.unwrap(next);
    const valueOffset = empty && keyOffset !== undefined ? keyOffset : nodeStart(text, tree.starts[next]!, tree.isBlankScalar(next));
    result = { valueOffset, keyOffset: i === path.length - 1 ? keyOffset : undefined };
    node = next;
    // An alias (`*name`, a frame without children) holds a value written elsewhere, maybe
    // for another field or model: what lies inside it is located at the alias, where this
    // document uses it, as an editor would show it.
    if (text.charCodeAt(valueOffset) === 0x2a /* * */ && tree.ends[next] === next + 1) break;
  }
  return result;
}

/**
 * Where a node's content starts, as the `yaml` package places nodes: after blanks, comments
 * and the node's properties (a `!tag` and an `&anchor`, in either order). A blank scalar
 * (`key: &a` with no value) starts right after its properties and the blanks behind them;
 * any other node whose properties end their line starts on the next line (a block
 * collection, a scalar written below its tag).
 */
export function nodeStart(text: string, offset: number, isBlankScalar: boolean): number {
  let i = contentStart(text, offset);
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x21 /* ! */ && c !== 0x26 /* & */) return i;
    let end = i + 1;
    if (c === 0x21 && text.charCodeAt(end) === 0x3c /* < */) end = text.indexOf(">", end) + 1 || text.length;
    else while (end < text.length && !isPropertyEnd(text.charCodeAt(end))) end++;
    while (text.charCodeAt(end) === 0x20 || text.charCodeAt(end) === 0x09) end++;
    const next = text.charCodeAt(end);
    if (end >= text.length || (isBlankScalar && (next === 0x0a || next === 0x0d || next === 0x23))) return end;
    i = contentStart(text, end);
  }
}

/** A property (tag or anchor name) ends at a blank, a line break or a flow indicator. */
function isPropertyEnd(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}

/** Collections with at least this many children keep their child list once it is made. */
const KEEP_CHILDREN = 64;
const keptChildren = new WeakMap<FlatTree, Map<number, readonly number[]>>();

/**
 * A node's children, in order. Each finding located in a list of 20,000 consumers walked the
 * whole list again (lint took 25 s on one 190 KB file, 282 s at 40,000): long lists keep
 * their children, per tree, so each look-up after the first is one index.
 */
function childrenOf(tree: FlatTree, node: number): readonly number[] {
  const end = tree.ends[node]!;
  // Most collections are small: only a subtree big enough to hold that many children is looked up.
  const big = end - node > KEEP_CHILDREN;
  const kept = big ? keptChildren.get(tree)?.get(node) : undefined;
  if (kept) return kept;
  const children: number[] = [];
  for (let c = node + 1; c < end; c = tree.ends[c]!) children.push(c);
  if (children.length >= KEEP_CHILDREN) {
    let byNode = keptChildren.get(tree);
    if (!byNode) keptChildren.set(tree, (byNode = new Map()));
    byNode.set(node, children);
  }
  return children;
}

/** Skips blanks, line breaks and `#` comments: a YAML value's recorded start can precede them. */
export function contentStart(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
    else if (c === 0x23 /* # */ && (i === 0 || isBlank(text.charCodeAt(i - 1)))) {
      // A comment ends at the line's end: LF, or CR alone (line-index.ts).
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== 0x0a && text.charCodeAt(end) !== 0x0d) end++;
      if (end >= text.length) return offset;
      i = end + 1;
    } else return i < text.length ? i : offset;
  }
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
