import { alternativesOverlap } from "./regex-alternatives.js";

/**
 * Why a regular expression could take exponential time, or undefined. Import patterns (the
 * `--models` flag, a mapping file) run against job names from event files that another
 * system wrote, and JavaScript has no time limit on a match: `^(\w+-)*model$` against a
 * long name that does not match backtracks for hours. The classic test, as safe-regex
 * does it: a repeated group that holds a repetition itself ("star height" above one), and
 * a repeated group whose alternatives can start with the same character (`(\w|\d)+`,
 * `(a|ab)*`): on a name that does not match, both try every way to split it. And more than
 * two unbounded repetitions in all, which backtrack polynomially.
 * It reads only the pattern's text, so it refuses some patterns that are in fact quick.
 */
export function nestedRepetition(pattern: string): string | undefined {
  // For each open group: whether it holds an unbounded repetition so far, and where it opened.
  const groups: boolean[] = [false];
  const opened: number[] = [-1];
  let i = 0;
  let repeats = 0;
  const unboundedAt = (at: number): number => {
    const c = pattern[at];
    if (c === "*" || c === "+") return ++repeats, 1;
    if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
      if (m && m[2] !== undefined && (m[3] === "" || Number(m[3]) > 16)) return ++repeats, m[0].length;
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
  // Each unbounded repetition may take any share of the name: with k of them a name that does
  // not match is split every way, about n^k tries (`^.*-.*-.*-.*-model$` took 18.6 s on an
  // 800-character name). Two keep that quadratic.
  if (repeats > MAX_UNBOUNDED) {
    return `it has ${repeats} unbounded repetitions (*, + or {n,}), and each more multiplies the time on a long name that does not match by its length (polynomial backtracking); use at most ${MAX_UNBOUNDED}, or bound the others ({0,16})`;
  }
  return undefined;
}

const MAX_UNBOUNDED = 2;
