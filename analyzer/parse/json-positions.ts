import { MAPPING, SCALAR, SEQUENCE, type FlatTree } from "./flat-tree.js";

const KEY = 3;
/** Stands in for the per-object key set when duplicates are not being looked for. */
const NO_KEYS: Set<string> = new Set();

export type JsonScan =
  /** `nearLimits`: some string may be over the length limit or the nesting over the depth limit. */
  | { ok: true; tree: FlatTree; duplicateKeys: { key: string; offset: number }[]; nearLimits: boolean; keyCount: number }
  | { ok: false; offset: number; message: string };

/**
 * One pass over JSON text that records where every key and value starts (a flat tree,
 * flat-tree.ts), counts the keys and, for broken text, finds the offset of the first error
 * (Node's JSON.parse messages do not always say where). With `findDuplicates` it also
 * lists duplicate keys, which JSON.parse silently resolves to the last; that costs a set
 * per object, so callers first compare `keyCount` with the keys JSON.parse kept.
 * Iterative, so nesting depth cannot overflow the stack; values are not built.
 */
export function scanJson(text: string, limits: { maxDepth: number; maxStringLength: number }, findDuplicates = false, isValid = false): JsonScan {
  let nearLimits = false;
  let keyCount = 0;
  const starts: number[] = [];
  const ends: number[] = [];
  const kinds: number[] = [];
  const duplicateKeys: { key: string; offset: number }[] = [];
  // Open containers: node number, and for objects the keys seen so far.
  const stack: { node: number; keys: Set<string> | undefined }[] = [];
  const fail = (message: string, at: number): JsonScan => ({ ok: false, offset: Math.min(at, text.length), message });
  const add = (start: number, kind: number): number => {
    starts.push(start);
    ends.push(starts.length);
    kinds.push(kind);
    return starts.length - 1;
  };
  /** Reads `"key" :` at i, records the key node; returns the offset of the value, or a failure. */
  const readKey = (i: number, keys: Set<string>): number | JsonScan => {
    if (text.charCodeAt(i) !== 0x22) return fail("expected a double-quoted property name", i);
    const end = stringEnd(text, i, isValid);
    if (end < 0) return fail("unterminated property name", -end - 1);
    if (end - i - 2 > limits.maxStringLength) nearLimits = true;
    if (findDuplicates) {
      const key = decodeString(text, i, end);
      if (key === undefined) return fail("bad escape sequence in a property name", i);
      if (keys.has(key)) duplicateKeys.push({ key, offset: i });
      keys.add(key);
    }
    keyCount++;
    add(i, KEY);
    const colon = skipSpace(text, end);
    if (text.charCodeAt(colon) !== 0x3a /* : */) return fail("expected ':' after a property name", colon);
    return skipSpace(text, colon + 1);
  };

  let i = skipSpace(text, 0);
  for (;;) {
    // A value starts at i.
    if (i >= text.length) return fail("unexpected end of JSON text", i);
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const isObject = c === 0x7b;
      const node = add(i, isObject ? MAPPING : SEQUENCE);
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) === (isObject ? 0x7d : 0x5d)) {
        i++; // empty: closed at once
      } else {
        const keys = isObject ? (findDuplicates ? new Set<string>() : NO_KEYS) : undefined;
        stack.push({ node, keys });
        if (stack.length > limits.maxDepth) nearLimits = true;
        if (keys) {
          const next = readKey(i, keys);
          if (typeof next !== "number") return next;
          i = next;
        }
        continue;
      }
    } else if (c === 0x22 /* " */) {
      const end = stringEnd(text, i, isValid);
      if (end < 0) return fail("unterminated string or a control character in a string", -end - 1);
      if (end - i - 2 > limits.maxStringLength) nearLimits = true;
      add(i, SCALAR);
      i = end;
    } else {
      const end = literalEnd(text, i);
      if (end === i) return fail(`unexpected character ${JSON.stringify(text[i])}`, i);
      add(i, SCALAR);
      i = end;
    }
    // After a value: close containers, or move on to the next item or key.
    for (;;) {
      i = skipSpace(text, i);
      const top = stack[stack.length - 1];
      if (!top) {
        if (i < text.length) return fail("unexpected text after the JSON value", i);
        return { ok: true, tree: jsonTree(text, starts, ends, kinds), duplicateKeys, nearLimits, keyCount };
      }
      const ch = text.charCodeAt(i);
      if (ch === 0x2c /* , */) {
        i = skipSpace(text, i + 1);
        if (top.keys) {
          const next = readKey(i, top.keys);
          if (typeof next !== "number") return next;
          i = next;
        }
        break;
      }
      if (ch === (top.keys ? 0x7d : 0x5d)) {
        stack.pop();
        ends[top.node] = starts.length;
        i++;
        continue;
      }
      return fail(top.keys ? "expected ',' or '}' after a property value" : "expected ',' or ']' after an array item", i);
    }
  }
}

function jsonTree(text: string, startList: number[], endList: number[], kindList: number[]): FlatTree {
  // Kept for the life of the analysis: exact-size typed arrays, not growable lists the
  // garbage collector would trace (15 MB less heap on 3,300 JSON files).
  const both = new Int32Array(2 * startList.length);
  both.set(startList);
  both.set(endList, startList.length);
  const starts = both.subarray(0, startList.length);
  const ends = both.subarray(startList.length);
  const kinds = Uint8Array.from(kindList);
  return {
    starts,
    ends,
    kindOf: (node) => kinds[node]!,
    keyIs: (node, key) => decodeString(text, starts[node]!, stringEnd(text, starts[node]!, true)) === key,
    unwrap: (node) => node,
    expectedItems: () => undefined,
    isEmpty: () => false,
    isNull: () => false,
    isBlankScalar: () => false,
  };
}

/** The value of the JSON string at start..end, or undefined when its escapes are broken. */
function decodeString(text: string, start: number, end: number): string | undefined {
  const inner = text.slice(start + 1, end - 1);
  if (!inner.includes("\\")) return inner;
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch {
    return undefined;
  }
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

/** Offset just past the closing quote, or -(offset of the problem) - 1. */
function stringEnd(text: string, start: number, validated = false): number {
  // Fast path: the next quote not escaped by a backslash. Text that JSON.parse accepted
  // has no control characters in strings, so only broken text needs the careful loop.
  let quote = text.indexOf('"', start + 1);
  while (quote > 0 && text.charCodeAt(quote - 1) === 0x5c /* \ */) {
    let backslashes = 1;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) break;
    quote = text.indexOf('"', quote + 1);
  }
  if (quote > 0 && (validated || isPlainRun(text, start + 1, quote))) return quote + 1;
  let i = start + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if (Number.isNaN(c) || c < 0x20) return -i - 1;
    if (c === 0x22) return i + 1;
    i += c === 0x5c /* \ */ ? 2 : 1;
  }
}

/** True when text[from..to) has no backslash and no control character. */
function isPlainRun(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c || c < 0x20) return false;
  }
  return true;
}

/** Offset just past a number, true, false or null at i (their exact syntax is JSON.parse's job). */
function literalEnd(text: string, i: number): number {
  let j = i;
  for (;;) {
    const c = text.charCodeAt(j);
    const isLiteralChar = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45;
    if (!isLiteralChar) return j;
    j++;
  }
}
