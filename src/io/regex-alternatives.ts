/**
 * Whether a repeated group's alternatives can start with the same character, the second
 * test of regex-risk.ts: `(\w|\d)+` tries every way to split a long name between them.
 * Read from the pattern's text, approximately, and only ever towards refusing.
 */
/** Characters an alternative can start with: ASCII as 128 flags, and whether any other character can. */
interface FirstChars {
  ascii: boolean[];
  other: boolean;
}

/**
 * Groups at the start of an alternative are read this deep; deeper counts as any character.
 * Each level rescans its group's text, and the reading recurses: a pattern of 5,000 nested
 * groups overflowed the stack.
 */
const MAX_GROUP_DEPTH = 16;

/** `\n`, `\t` and the like: one control character each. */
const CONTROL: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11 };
const WORD = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const DIGIT = (code: number) => code >= 48 && code <= 57;
const SPACE = (code: number) => (code >= 9 && code <= 13) || code === 32;
const chars = (test: (code: number) => boolean, other: boolean): FirstChars => ({ ascii: Array.from({ length: 128 }, (_, code) => test(code)), other });

/** True when two top-level alternatives of a group's text can start with the same character. */
export function alternativesOverlap(group: string): boolean {
  // Lookarounds and named or non-capturing groups: the alternatives start after the prefix.
  const body = group.replace(/^\?(?::|=|!|<=|<!|<[^>]*>)/, "");
  const alternatives = splitAlternatives(body);
  if (alternatives.length < 2) return false;
  const firsts = alternatives.filter((alternative) => alternative !== "").map((alternative) => firstChars(alternative, 0));
  for (let a = 0; a < firsts.length; a++) {
    for (let b = a + 1; b < firsts.length; b++) {
      if (firsts[a]!.other && firsts[b]!.other) return true;
      if (firsts[a]!.ascii.some((on, code) => on && firsts[b]!.ascii[code])) return true;
    }
  }
  return false;
}

/** A group's text split at its own `|`, not those inside nested groups or classes. */
function splitAlternatives(text: string): string[] {
  const parts: string[] = [];
  let from = 0;
  scan(text, (i, c, depth) => {
    if (c === "|" && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
    return false;
  });
  parts.push(text.slice(from));
  return parts;
}

/** Where the group opened at `text[0]` closes, or -1. */
function groupEnd(text: string): number {
  return scan(text, (_i, c, depth) => c === ")" && depth === 0);
}

/**
 * Visits the characters of a pattern's text outside escapes and character classes, with the
 * group depth after each; stops at, and returns, the first index `stop` is true for (else -1).
 */
function scan(text: string, stop: (i: number, c: string, depth: number) => boolean): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "[") {
      for (i++; i < text.length && text[i] !== "]"; i++) if (text[i] === "\\") i++;
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")") depth--;
    if (stop(i, c, depth)) return i;
  }
  return -1;
}

/**
 * What an alternative's first character can be. Anything not read exactly (a lookaround, an
 * anchor, a back reference, a first atom that may repeat zero times) counts as any character,
 * which can only refuse a pattern, never let a risky one through. A group starts with what
 * its alternatives start with.
 */
function firstChars(alternative: string, depth: number): FirstChars {
  const any = chars(() => true, true);
  const c = alternative[0]!;
  let atom: FirstChars;
  let length = 1;
  if (c === "\\") {
    const e = alternative[1] ?? "";
    length = 2;
    if (e === "d") atom = chars(DIGIT, false);
    else if (e === "w") atom = chars(WORD, false);
    else if (e === "s") atom = chars(SPACE, true);
    else if (e === "D") atom = chars((code) => !DIGIT(code), true);
    else if (e === "W") atom = chars((code) => !WORD(code), true);
    else if (e === "S") atom = chars((code) => !SPACE(code), true);
    else if (e in CONTROL) atom = literal(String.fromCharCode(CONTROL[e]!));
    else if (/[A-Za-z0-9]/.test(e)) return any; // \b, \u…, \x…, back references: not read here
    else atom = literal(e);
  } else if (c === "[") {
    const end = classEnd(alternative);
    if (end < 0) return any;
    length = end + 1;
    atom = classChars(alternative.slice(1, end));
  } else if (c === "(") {
    if (depth >= MAX_GROUP_DEPTH) return any;
    const end = groupEnd(alternative);
    if (end < 0) return any;
    length = end + 1;
    const inner = groupFirstChars(alternative.slice(1, end), depth + 1);
    if (!inner) return any;
    atom = inner;
  } else if (c === ".") atom = chars((code) => code !== 10 && code !== 13, true);
  else if (")^$|*+?{".includes(c)) return any;
  else atom = literal(c);
  // An atom that may be absent lets the next one start the alternative: count it as anything.
  return /^[*?]|^\{0/.test(alternative.slice(length)) ? any : atom;
}

/** The first characters of a group's text (between its parentheses), or undefined when not read here. */
function groupFirstChars(text: string, depth: number): FirstChars | undefined {
  // A lookaround does not consume its characters; what follows it starts the alternative.
  if (/^\?(?:=|!|<=|<!)/.test(text)) return undefined;
  const body = text.replace(/^\?(?::|<[^>]*>)/, "");
  const result = chars(() => false, false);
  for (const alternative of splitAlternatives(body)) {
    if (alternative === "") return undefined; // the group may match nothing
    const first = firstChars(alternative, depth);
    first.ascii.forEach((on, code) => on && (result.ascii[code] = true));
    if (first.other) result.other = true;
  }
  return result;
}

function literal(c: string): FirstChars {
  const code = c.charCodeAt(0);
  return code < 128 ? chars((x) => x === code, false) : chars(() => false, true);
}

function classEnd(text: string): number {
  let i = 1;
  if (text[i] === "^") i++;
  if (text[i] === "]") i++;
  for (; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === "]") return i;
  }
  return -1;
}

/** A character class's characters; escapes other than \d \w \s and single characters count as anything. */
function classChars(body: string): FirstChars {
  if (body.startsWith("^")) return chars(() => true, true);
  const result = chars(() => false, false);
  const add = (set: FirstChars) => {
    set.ascii.forEach((on, code) => on && (result.ascii[code] = true));
    if (set.other) result.other = true;
  };
  for (let i = 0; i < body.length; i++) {
    let from = body.charCodeAt(i);
    if (body[i] === "\\") {
      const e = body[++i] ?? "";
      if (e === "d") add(chars(DIGIT, false));
      else if (e === "w") add(chars(WORD, false));
      else if (e === "s") add(chars(SPACE, true));
      else if (e in CONTROL) add(literal(String.fromCharCode(CONTROL[e]!)));
      else if (/[A-Za-z0-9]/.test(e)) add(chars(() => true, true));
      else add(literal(e));
      continue;
    }
    if (body[i + 1] === "-" && i + 2 < body.length && body[i + 2] !== "\\") {
      const to = body.charCodeAt(i + 2);
      for (let code = from; code <= to; code++) {
        if (code < 128) result.ascii[code] = true;
        else result.other = true;
      }
      i += 2;
      continue;
    }
    if (from < 128) result.ascii[from] = true;
    else result.other = true;
  }
  return result;
}
