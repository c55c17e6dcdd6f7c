/**
 * Why a regular expression could take exponential time, or undefined. Import patterns (the
 * `--models` flag, a mapping file) run against job names from event files that another
 * system wrote, and JavaScript has no time limit on a match: `^(\w+-)*model$` against a
 * long name that does not match backtracks for hours. The classic test, as safe-regex
 * does it: a repeated group that holds a repetition itself ("star height" above one), and
 * a repeated group whose alternatives can start with the same character (`(\w|\d)+`,
 * `(a|ab)*`): on a name that does not match, both try every way to split it.
 * It reads only the pattern's text, so it refuses some patterns that are in fact quick.
 */
export function nestedRepetition(pattern: string): string | undefined {
  // For each open group: whether it holds an unbounded repetition so far, and where it opened.
  const groups: boolean[] = [false];
  const opened: number[] = [-1];
  let i = 0;
  const unboundedAt = (at: number): number => {
    const c = pattern[at];
    if (c === "*" || c === "+") return 1;
    if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
      if (m && m[2] !== undefined && (m[3] === "" || Number(m[3]) > 16)) return m[0].length;
    }
    return 0;
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\") {
      i += 2;
      if (unboundedAt(i)) groups[groups.length - 1] = true;
      continue;
    }
    if (c === "[") {
      // A class is one character: skip to its closing bracket (a "]" first inside is literal).
      let j = i + 1;
      if (pattern[j] === "^") j++;
      if (pattern[j] === "]") j++;
      while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
      i = j + 1;
      if (unboundedAt(i)) groups[groups.length - 1] = true;
      continue;
    }
    if (c === "(") {
      groups.push(false);
      opened.push(i);
      i++;
      continue;
    }
    if (c === ")") {
      const inner = groups.length > 1 ? groups.pop()! : false;
      const start = opened.length > 1 ? opened.pop()! : -1;
      i++;
      if (unboundedAt(i)) {
        if (inner) return `a repeated group holds a repetition itself (near character ${i}), which can take exponential time on a long name that does not match; repeat one of them only`;
        if (start >= 0 && alternativesOverlap(pattern.slice(start + 1, i - 1))) {
          return `a repeated group has alternatives that can start with the same character (near character ${i}), which can take exponential time on a long name that does not match; make the alternatives exclusive, or use a character class`;
        }
        groups[groups.length - 1] = true;
      } else if (inner) groups[groups.length - 1] = true;
      continue;
    }
    i++;
    if (unboundedAt(i)) groups[groups.length - 1] = true;
  }
  return undefined;
}

/** Characters an alternative can start with: ASCII as 128 flags, and whether any other character can. */
interface FirstChars {
  ascii: boolean[];
  other: boolean;
}

/** `\n`, `\t` and the like: one control character each. */
const CONTROL: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11 };
const WORD = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const DIGIT = (code: number) => code >= 48 && code <= 57;
const SPACE = (code: number) => (code >= 9 && code <= 13) || code === 32;
const chars = (test: (code: number) => boolean, other: boolean): FirstChars => ({ ascii: Array.from({ length: 128 }, (_, code) => test(code)), other });

/** True when two top-level alternatives of a group's text can start with the same character. */
function alternativesOverlap(group: string): boolean {
  // Lookarounds and named or non-capturing groups: the alternatives start after the prefix.
  const body = group.replace(/^\?(?::|=|!|<=|<!|<[^>]*>)/, "");
  const alternatives = splitAlternatives(body);
  if (alternatives.length < 2) return false;
  const firsts = alternatives.filter((alternative) => alternative !== "").map(firstChars);
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
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "[") {
      for (i++; i < text.length && text[i] !== "]"; i++) if (text[i] === "\\") i++;
    } else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/**
 * What an alternative's first character can be. Anything not read exactly (a group, an
 * anchor, a first atom that may repeat zero times) counts as any character, which can only
 * refuse a pattern, never let a risky one through.
 */
function firstChars(alternative: string): FirstChars {
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
  } else if (c === ".") atom = chars((code) => code !== 10 && code !== 13, true);
  else if ("()^$|*+?{".includes(c)) return any;
  else atom = literal(c);
  // An atom that may be absent lets the next one start the alternative: count it as anything.
  return /^[*?]|^\{0/.test(alternative.slice(length)) ? any : atom;
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
