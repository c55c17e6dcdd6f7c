/**
 * Minimal glob matching for the config's include/exclude (Node 20 has no stable
 * path.matchesGlob). Supports `**` (any number of folders), `*` and `?` (within one path
 * segment), `{a,b}` alternatives and `[abc]` classes. Paths are POSIX and relative.
 */
export function globToRegExp(glob: string): RegExp {
  let out = "";
  let i = 0;
  let braces = 0;
  while (i < glob.length) {
    const c = glob[i]!;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        // `**/` matches zero or more whole folders; a trailing `**` matches everything below.
        const slash = glob[i + 2] === "/";
        out += slash ? "(?:[^/]*(?:/|$))*" : ".*";
        i += slash ? 3 : 2;
        continue;
      }
      out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "{") {
      braces++;
      out += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      out += ")";
    } else if (c === "," && braces > 0) out += "|";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end === -1) out += "\\[";
      else {
        const body = glob.slice(i + 1, end).replace(/\\/g, "\\\\");
        out += `[${body.startsWith("!") ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else out += /[.+^$()|\\/]/.test(c) ? `\\${c}` : c;
    i++;
  }
  return new RegExp(`^${out}$`);
}

/** True when `path` (POSIX, relative, no leading `./`) matches any of the globs. */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => globToRegExp(glob.replace(/^\.\//, "")).test(path));
}
