import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileGlob, GlobError, matchesAny } from "../../src/io/match-glob.js";
import { filterSources } from "../../src/io/filter-sources.js";
import { runCli } from "../helpers/run-cli.js";

describe("include/exclude globs", () => {
  it("matches ** across folders, * and ? within one, {a,b} and [..]", () => {
    expect(matchesAny("a.yaml", ["**/*.yaml"])).toBe(true);
    expect(matchesAny("models/x/a.yaml", ["**/*.yaml"])).toBe(true);
    expect(matchesAny("models/a.yaml", ["*.yaml"])).toBe(false);
    expect(matchesAny("legacy/a/b.yaml", ["legacy/**"])).toBe(true);
    expect(matchesAny("legacy.yaml", ["legacy/**"])).toBe(false);
    expect(matchesAny("legacy", ["legacy/**"])).toBe(false); // inside the folder, not the folder
    expect(matchesAny("m/a.yml", ["m/*.{yaml,yml}"])).toBe(true);
    expect(matchesAny("m/a.yaml", ["m/a{,-old}.yaml"])).toBe(true);
    expect(matchesAny("m/a-old.yaml", ["m/a{,-old}.yaml"])).toBe(true);
    expect(matchesAny("m/a1.json", ["m/a?.json"])).toBe(true);
    expect(matchesAny("m/b1.json", ["m/[a]?.json"])).toBe(false);
    expect(matchesAny("m/c1.json", ["m/[!ab]?.json"])).toBe(true);
    expect(matchesAny("m/k.json", ["m/[a-m].json"])).toBe(true);
    expect(matchesAny("m/a+b.yaml", ["./m/a+b.yaml"])).toBe(true);
    expect(matchesAny("a/b/c/x.yaml", ["a/{b/c,d}/*.yaml"])).toBe(true);
    expect(matchesAny("a/x.yaml", ["a/x**.yaml"])).toBe(true); // `**` inside a segment is a `*`
    expect(matchesAny("a/b/x.yaml", ["a/x**.yaml"])).toBe(false);
    expect(matchesAny("legacy/a/b.yaml", ["legacy/"])).toBe(true); // a folder: everything inside, as in .gitignore
    expect(matchesAny("legacy.yaml", ["legacy/"])).toBe(false);
  });

  it("reads other tools' habits as they mean, or refuses them: they matched nothing and the files were linted anyway", () => {
    // A glob without wildcards names a folder too (as in .gitignore); a leading "/" is the config's folder.
    expect(matchesAny("m/legacy/a.yaml", ["m/legacy"])).toBe(true);
    expect(matchesAny("m/legacy/deep/a.yaml", ["m/legacy"])).toBe(true);
    expect(matchesAny("m/legacy-2/a.yaml", ["m/legacy"])).toBe(false);
    expect(matchesAny("m/legacy/a.yaml", ["/m/legacy/**"])).toBe(true);
    expect(matchesAny("m/a.yaml", ["*"])).toBe(false); // a wildcard keeps its meaning: one name, not everything
    expect(matchesAny("old/a.yaml", ["{legacy,old}"])).toBe(true); // each {…} alternative on its own
    expect(() => compileGlob("!m/legacy/**")).toThrow(new GlobError('a leading "!" is not a negation here (it would match a name starting with "!"): put the glob in exclude, without the "!"'));
    expect(() => compileGlob("m\\legacy\\**")).toThrow(new GlobError('"\\" is not a folder separator in a glob (paths are matched with "/"); write "/" between folders, on Windows too'));
  });

  it("never lets a wildcard match a `..` segment: files outside the config's folder match only globs that spell it", () => {
    expect(matchesAny("../x.yaml", ["**/*.yaml"])).toBe(false);
    expect(matchesAny("../x.yaml", ["*/x.yaml"])).toBe(false);
    expect(matchesAny("../x.yaml", ["??/x.yaml"])).toBe(false);
    expect(matchesAny("../x.yaml", ["../*.yaml"])).toBe(true);
  });

  it("filters sources relative to the config folder, not the cwd", () => {
    const sources = ["models/a.yaml", "legacy/b.yaml", "models/c.json"].map((path) => ({ path, text: "" }));
    const loaded = { config: { failOn: "error" as const, include: ["repo/models/**"], exclude: ["**/*.json"], rules: {} }, directory: "/w" };
    const { sources: kept, excluded } = filterSources(sources, loaded, "/w/repo");
    expect(kept.map((s) => s.path)).toEqual(["models/a.yaml"]);
    expect(excluded).toBe(2);
  });

  it("matches globs that made the regular expression it replaced backtrack for hours, at once", () => {
    // Eight `**` and 25 folders took 1 s as a regular expression, each more folder doubling it; `*a` twenty times over a 250-character name, longer still.
    expect(compileGlob("**/".repeat(30) + "z.yaml")("a/".repeat(60) + "b.yaml")).toBe(false);
    expect(compileGlob(`${"*a".repeat(20)}*b.yaml`)(`${"a".repeat(250)}.yaml`)).toBe(false);
    expect(compileGlob(`**/${"*a".repeat(20)}*.yaml`)(`${"x/".repeat(40)}${"a".repeat(200)}.yaml`)).toBe(true);
  });

  it("rejects a malformed glob with what is wrong", () => {
    expect(() => compileGlob("a{b")).toThrow(new GlobError('"{" at character 2 is never closed'));
    expect(() => compileGlob("[z-a].yaml")).toThrow(new GlobError("the range z-a in [z-a] runs backwards"));
    expect(() => compileGlob("{a,b}".repeat(11))).toThrow(new GlobError("its {…} alternatives stand for more than 1024 globs"));
    expect(compileGlob("{a,b}".repeat(10))("abababab" + "ab")).toBe(true);
  });

  it("a malformed glob in the config is a usage error at its position, not a crash", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-glob-"));
    try {
      writeFileSync(join(dir, "d.yaml"), "apiVersion: loopscope/v1\nkind: Dataset\nname: d\n");
      writeFileSync(join(dir, "loopscope.config.yaml"), 'include: ["**/*.yaml"]\nexclude:\n  - "a{b"\n  - "[z-a]"\n');
      const result = runCli(["lint", "."], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        'loopscope lint: loopscope.config.yaml:3:5: not a glob: "{" at character 2 is never closed (exclude[0])\n' +
          "loopscope.config.yaml:4:5: not a glob: the range z-a in [z-a] runs backwards (exclude[1])\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Where they differ on purpose (`**` inside a segment, `..` segments, a trailing `**` on the folder itself, a glob ending in `/`), the generator does not go.
  it("agrees with the regular expression it replaced on every glob that one read safely", () => {
    const segment = fc.array(fc.constantFrom("a", "b", ".", "-"), { minLength: 1, maxLength: 4 }).map((c) => c.join(""));
    const path = fc.array(segment.filter((s) => s !== ".." && s !== "."), { minLength: 1, maxLength: 5 }).map((s) => s.join("/"));
    const globPart = fc.oneof(
      fc.constantFrom("a", "b", ".", "-", "*", "?", "[ab]", "[!a]", "{a,b.}", "{-,a}"),
      fc.constant("*"),
    );
    const globSegment = fc.oneof({ weight: 4, arbitrary: fc.array(globPart, { minLength: 1, maxLength: 4 }).map((p) => p.join("")).filter((p) => !p.includes("**")) }, { weight: 1, arbitrary: fc.constant("**") });
    const glob = fc.array(globSegment, { minLength: 1, maxLength: 4 }).map((s) => s.join("/"));
    fc.assert(
      fc.property(glob, fc.array(path, { minLength: 1, maxLength: 8 }), (g, paths) => {
        const matches = compileGlob(g);
        // Plus .gitignore's rule for each {…} alternative without wildcards: it names a folder too, and all inside it.
        const folders = (p: string) => p.split("/").slice(0, -1).map((_, i) => p.split("/").slice(0, i + 1).join("/"));
        const oracle = (p: string) =>
          expanded(g.replace(/^\.\//, "")).some((alternative) => regexOracle(alternative).test(p) || (!/[*?[\]]/.test(alternative) && folders(p).some((f) => regexOracle(alternative).test(f))));
        for (const p of paths) expect(matches(p), `${g} on ${p}`).toBe(oracle(p));
      }),
      { numRuns: 2000 },
    );
  });
});

/** The generator's braces (never nested) spelt out: `a{b,c}d{e,f}` → `abde`, `abdf`, `acde`, `acdf`. */
function expanded(glob: string): string[] {
  const open = glob.indexOf("{");
  if (open === -1) return [glob];
  const close = glob.indexOf("}", open);
  return glob.slice(open + 1, close).split(",").flatMap((choice) => expanded(glob.slice(0, open) + choice + glob.slice(close + 1)));
}

/** The regular-expression translation that match-glob.ts used before (without its exponential cases, which the generator avoids: short paths). */
function regexOracle(glob: string): RegExp {
  let out = "";
  let i = 0;
  let braces = 0;
  while (i < glob.length) {
    const c = glob[i]!;
    if (c === "*") {
      if (glob[i + 1] === "*") {
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
        // (It let `[!a]` match a "/"; the oracle keeps classes within a segment, as documented.)
        out += `[${body.startsWith("!") ? `^/${body.slice(1)}` : body}]`;
        i = end;
      }
    } else out += /[.+^$()|\\/]/.test(c) ? `\\${c}` : c;
    i++;
  }
  return new RegExp(`^${out}$`);
}
