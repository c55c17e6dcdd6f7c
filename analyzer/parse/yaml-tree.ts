import { contentStart, MAPPING, SCALAR, SEQUENCE, type FlatTree } from "./flat-tree.js";

const KIND_BITS = 0b11;
const NULL_BIT = 0b100;
const WRAPPER_BIT = 0b1000;
const EMPTY_STRING_BIT = 0b10000;
/** A sequence's length is kept above the flag bits (2^27; a 100 MB file holds at most 50 million items). */
const ITEMS_SHIFT = 5;

/**
 * A YAML file's positions as numbers only: where each of js-yaml's frames starts and ends
 * (see yaml-frames.ts) and, in one more number per frame, its kind, whether it is null or
 * the empty string, whether it merely wraps the next frame, and a sequence's length. Keys are
 * read back from the text; the few that the text does not spell plainly (quoted, numbers
 * written another way, complex keys) are kept as strings.
 *
 * Keeping the parsed values out of it is the point: a document's values are needed until
 * validation copies them, and when nothing else holds them they die young, where the
 * garbage collector never copies them (a quarter of a second and 10,000 page faults less at
 * 10,000 models, bench/RESULTS.md).
 */
export class YamlTree implements FlatTree {
  private constructor(
    private readonly text: string,
    readonly starts: Int32Array,
    readonly ends: Int32Array,
    private readonly info: Uint32Array,
    /** Key frames whose text is not the key written plainly, with the key. */
    private readonly keys: Map<number, string> | undefined,
  ) {}

  /** Builds the tree from the recorder's frames and the value each frame built. */
  static fromFrames(text: string, frameStarts: Int32Array, frameEnds: Int32Array, results: readonly unknown[]): YamlTree {
    const count = frameStarts.length;
    // One buffer for the three columns: a file costs one allocation that lives on.
    const buffer = new ArrayBuffer(12 * count);
    const starts = new Int32Array(buffer, 0, count);
    const ends = new Int32Array(buffer, 4 * count, count);
    const info = new Uint32Array(buffer, 8 * count, count);
    starts.set(frameStarts);
    ends.set(frameEnds);
    for (let i = 0; i < count; i++) {
      const result = results[i];
      const kind = typeof result !== "object" || result === null ? SCALAR : Array.isArray(result) ? SEQUENCE : MAPPING;
      let flags = kind;
      if (result === null) flags |= NULL_BIT;
      else if (result === "") flags |= EMPTY_STRING_BIT;
      // One child that spans the rest of the frame and holds the same value: a wrapper.
      if (ends[i]! > i + 1 && ends[i + 1] === ends[i] && results[i + 1] === result) flags |= WRAPPER_BIT;
      info[i] = (flags | ((kind === SEQUENCE ? (result as unknown[]).length : 0) << ITEMS_SHIFT)) >>> 0;
    }
    const tree = new YamlTree(text, starts, ends, info, undefined);
    let keys: Map<number, string> | undefined;
    for (let i = 0; i < count; i++) {
      if ((info[i]! & (KIND_BITS | WRAPPER_BIT)) !== MAPPING) continue;
      // A mapping's children are its keys and values in turn (flat-tree.ts).
      let isKey = true;
      for (let c = i + 1; c < ends[i]!; c = ends[c]!, isKey = !isKey) {
        if (!isKey) continue;
        const node = tree.unwrap(c);
        const key = String(results[node]);
        if (!plainKeyIs(text, starts[node]!, key)) (keys ??= new Map()).set(node, key);
      }
    }
    return keys ? new YamlTree(text, starts, ends, info, keys) : tree;
  }

  kindOf(node: number): number {
    return this.info[node]! & KIND_BITS;
  }

  keyIs(node: number, key: string): boolean {
    const kept = this.keys?.get(node);
    return kept !== undefined ? kept === key : plainKeyIs(this.text, this.starts[node]!, key);
  }

  unwrap(node: number): number {
    let current = node;
    while (this.info[current]! & WRAPPER_BIT) current++;
    return current;
  }

  expectedItems(node: number): number | undefined {
    return this.kindOf(node) === SEQUENCE ? this.info[node]! >>> ITEMS_SHIFT : undefined;
  }

  isNull(node: number): boolean {
    return (this.info[node]! & NULL_BIT) !== 0;
  }

  isBlankScalar(node: number): boolean {
    return (this.info[node]! & (NULL_BIT | EMPTY_STRING_BIT)) !== 0;
  }

  isEmpty(node: number): boolean {
    if (!this.isNull(node)) return false;
    const text = this.text;
    const start = this.starts[node]!;
    const content = contentStart(text, start);
    if (content === start || !/[\n\r]/.test(text.slice(start, content))) return false;
    return !/^(?:~|null|Null|NULL|!|&|\*)/.test(text.slice(content, content + 4));
  }
}

/**
 * True when the text at `offset` spells `key` as a plain scalar key: the key's characters,
 * then (after blanks) the `:` or flow punctuation that ends it. Anything it does not
 * recognise is false, and `fromFrames` then keeps that key as a string: the answer for any
 * key frame equals comparing with the parsed key.
 */
function plainKeyIs(text: string, offset: number, key: string): boolean {
  const start = contentStart(text, offset);
  if (key.length === 0 || !text.startsWith(key, start)) return false;
  const first = text.charCodeAt(start);
  // Quotes, flow brackets, tags, anchors, aliases, explicit keys, block scalars, comments.
  if (first === 0x22 || first === 0x27 || first === 0x7b || first === 0x5b || first === 0x21 || first === 0x26 || first === 0x2a || first === 0x3f || first === 0x7c || first === 0x3e || first === 0x23 || first === 0x25 || first === 0x40 || first === 0x60) return false;
  // The key's own characters must not hold what would have ended or changed a plain scalar.
  for (let i = start; i < start + key.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) return false;
    if (c === 0x3a /* : */ && isEnd(text.charCodeAt(i + 1))) return false;
    if (c === 0x23 /* # */ && (text.charCodeAt(i - 1) === 0x20 || text.charCodeAt(i - 1) === 0x09)) return false;
    if (c === 0x5c /* \ */) return false;
  }
  if (text.charCodeAt(start + key.length - 1) === 0x20 || text.charCodeAt(start + key.length - 1) === 0x09) return false;
  let after = start + key.length;
  while (text.charCodeAt(after) === 0x20 || text.charCodeAt(after) === 0x09) after++;
  const next = text.charCodeAt(after);
  return (next === 0x3a /* : */ && isEnd(text.charCodeAt(after + 1))) || next === 0x2c || next === 0x7d || next === 0x5d;
}

/** After a `:`: a blank, a line end, the end of the text, or flow punctuation. */
function isEnd(c: number): boolean {
  return Number.isNaN(c) || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2c || c === 0x7d || c === 0x5d;
}
