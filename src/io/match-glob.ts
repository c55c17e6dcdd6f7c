/**
 * Glob matching for the config's include/exclude (Node 20 has no stable path.matchesGlob).
 * Supports `**` (a whole path segment: any number of folders), `*` and `?` (within one
 * segment; `**` inside a segment is a plain `*`, as in .gitignore), `{a,b}` alternatives and
 * `[abc]`, `[a-z]`, `[!abc]` classes; `dir/` and `dir/**` are everything inside `dir`. Paths
 * are POSIX and relative; a wildcard never matches
 * a `..` segment, so a file outside the config's folder matches only a glob that spells `..`.
 *
 * Not a regular expression: globs come from a config file in the repository, and a regular
 * expression made from `**` / `**` / … or `*a*a*a*a*b` backtracks exponentially on a long
 * path that does not match (a second for 8 `**` and 25 folders, hours for a few more). Here
 * `**` and `*` are matched by the two-pointer algorithm for wildcards, which revisits only
 * the last star: time is at most the product of the glob's and the path's lengths.
 */

/** `{a,b}{c,d}…` twenty times over stands for a million globs; a config needs a handful. */
const MAX_ALTERNATIVES = 1024;

/** A glob that cannot be read: the config loader reports it with its position. */
export class GlobError extends Error {}

/** `*`, `?`, or one character that passes `test` (a literal or a class). */
type Token = { kind: "star" } | { kind: "any" } | { kind: "one"; test: (c: string) => boolean };
/** One segment of a glob: `**`, or its tokens. */
type Segment = "**" | Token[];

/**
 * The glob as a predicate on POSIX relative paths; throws GlobError when it is malformed or
 * reads as another tool's syntax that would silently match nothing here.
 */
export function compileGlob(glob: string): (path: string) => boolean {
  // Each of these was accepted and matched nothing, so the files it meant were linted anyway.
  if (glob.startsWith("!")) throw new GlobError(`a leading "!" is not a negation here (it would match a name starting with "!"): put the glob in exclude, without the "!"`);
  if (glob.includes("\\")) throw new GlobError(`"\\" is not a folder separator in a glob (paths are matched with "/"); write "/" between folders, on Windows too`);
  // A leading `/` is the config's folder, as in .gitignore (the paths matched are relative to it).
  const anchored = glob.replace(/^\.\//, "").replace(/^\/+/, "");
  const alternatives = expandBraces(anchored).map((text) => {
    // `legacy/` names a folder: everything inside it, as in .gitignore.
    const segments = (text.endsWith("/") ? `${text}**` : text).split("/").map(parseSegment);
    // A trailing `**` is everything inside the folder, not the folder itself: one segment or more.
    if (segments[segments.length - 1] === "**") segments.push([{ kind: "star" }]);
    // Without wildcards it names a file or, as in .gitignore, a folder and all inside it
    // (`legacy` left `legacy/a.yaml` in); one with wildcards keeps its meaning (`*` is not everything).
    return { segments, literal: !/[*?[\]]/.test(text) };
  });
  return (path) => {
    const segments = path.split("/");
    for (const { segments: pattern, literal } of alternatives) {
      if (matchSegments(pattern, segments)) return true;
      if (literal) for (let end = segments.length - 1; end > 0; end--) if (matchSegments(pattern, segments.slice(0, end))) return true;
    }
    return false;
  };
}

/** True when `path` (POSIX, relative, no leading `./`) matches any of the globs. */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => compileGlob(glob)(path));
}

/** A reusable predicate for many paths: each glob compiled once. */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const compiled = globs.map(compileGlob);
  return (path) => compiled.some((matches) => matches(path));
}

/** `a/{b,c/d}.yaml` → `a/b.yaml`, `a/c/d.yaml`; nested braces too. */
function expandBraces(glob: string): string[] {
  const open = glob.indexOf("{");
  if (open === -1) return [glob];
  // The matching close brace and the top-level commas between.
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < glob.length && close === -1; i++) {
    const c = glob[i];
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) close = i;
    else if (c === "," && depth === 1) commas.push(i);
  }
  if (close === -1) throw new GlobError(`"{" at character ${open + 1} is never closed`);
  const bounds = [open, ...commas, close];
  const choices = bounds.slice(1).map((end, k) => glob.slice(bounds[k]! + 1, end));
  const rest = expandBraces(glob.slice(close + 1));
  const out: string[] = [];
  for (const choice of choices) {
    for (const head of expandBraces(glob.slice(0, open) + choice)) {
      for (const tail of rest) {
        out.push(head + tail);
        if (out.length > MAX_ALTERNATIVES) throw new GlobError(`its {…} alternatives stand for more than ${MAX_ALTERNATIVES} globs`);
      }
    }
  }
  return out;
}

function parseSegment(text: string): Segment {
  if (text === "**") return "**";
  const tokens: Token[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "*") {
      if (tokens[tokens.length - 1]?.kind !== "star") tokens.push({ kind: "star" });
    } else if (c === "?") tokens.push({ kind: "any" });
    else if (c === "[" && text.indexOf("]", i + 2) !== -1) {
      const end = text.indexOf("]", i + 2);
      tokens.push({ kind: "one", test: characterClass(text.slice(i + 1, end)) });
      i = end;
    } else tokens.push({ kind: "one", test: (d) => d === c });
  }
  return tokens;
}

/** `abc`, `a-z`, `!abc` (or `^abc`): one character's test. */
function characterClass(body: string): (c: string) => boolean {
  const negated = body[0] === "!" || body[0] === "^";
  const members = negated ? body.slice(1) : body;
  const ranges: [number, number][] = [];
  for (let i = 0; i < members.length; i++) {
    const from = members.codePointAt(i)!;
    if (members[i + 1] === "-" && i + 2 < members.length) {
      const to = members.codePointAt(i + 2)!;
      if (to < from) throw new GlobError(`the range ${members[i]}-${members[i + 2]} in [${body}] runs backwards`);
      ranges.push([from, to]);
      i += 2;
    } else ranges.push([from, from]);
  }
  return (c) => {
    const code = c.codePointAt(0)!;
    return ranges.some(([from, to]) => code >= from && code <= to) !== negated;
  };
}

/** Path segments against glob segments, `**` standing for any number of segments but `..`. */
function matchSegments(pattern: readonly Segment[], segments: readonly string[]): boolean {
  return wildcardMatch(
    pattern,
    segments,
    (part) => part === "**",
    (part, segment) => part !== "**" && matchSegment(part, segment),
    (segment) => segment !== "..",
  );
}

/** One segment against one glob segment's tokens, `*` standing for any run of characters. */
function matchSegment(tokens: readonly Token[], segment: string): boolean {
  if (segment === ".." && tokens.some((t) => t.kind !== "one")) return false;
  return wildcardMatch(
    tokens,
    Array.from(segment),
    (token) => token.kind === "star",
    (token, c) => token.kind === "any" || (token.kind === "one" && token.test(c)),
    () => true,
  );
}

/**
 * Whether `items` match `pattern`, where a star stands for any run of items that `starTakes`
 * and every other element for one item. When an element fails, only the last star takes one
 * more item and the rest is tried again: an earlier star could only take what the last one
 * can, so at most pattern × items steps.
 */
function wildcardMatch<P, I>(pattern: readonly P[], items: readonly I[], isStar: (p: P) => boolean, matchesOne: (p: P, item: I) => boolean, starTakes: (item: I) => boolean): boolean {
  let p = 0;
  let i = 0;
  let star = -1;
  let starFrom = 0;
  while (i < items.length) {
    const element = pattern[p];
    if (element !== undefined && isStar(element)) {
      star = p++;
      starFrom = i;
    } else if (element !== undefined && matchesOne(element, items[i]!)) {
      p++;
      i++;
    } else if (star !== -1 && starTakes(items[starFrom]!)) {
      p = star + 1;
      i = ++starFrom;
    } else return false;
  }
  while (p < pattern.length && isStar(pattern[p]!)) p++;
  return p === pattern.length;
}
