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
