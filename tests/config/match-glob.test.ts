import { describe, expect, it } from "vitest";
import { matchesAny } from "../../src/io/match-glob.js";
import { filterSources } from "../../src/io/filter-sources.js";

describe("include/exclude globs", () => {
  it("matches ** across folders, * and ? within one, {a,b} and [..]", () => {
    expect(matchesAny("a.yaml", ["**/*.yaml"])).toBe(true);
    expect(matchesAny("models/x/a.yaml", ["**/*.yaml"])).toBe(true);
    expect(matchesAny("models/a.yaml", ["*.yaml"])).toBe(false);
    expect(matchesAny("legacy/a/b.yaml", ["legacy/**"])).toBe(true);
    expect(matchesAny("legacy.yaml", ["legacy/**"])).toBe(false);
    expect(matchesAny("m/a.yml", ["m/*.{yaml,yml}"])).toBe(true);
    expect(matchesAny("m/a1.json", ["m/a?.json"])).toBe(true);
    expect(matchesAny("m/b1.json", ["m/[a]?.json"])).toBe(false);
    expect(matchesAny("m/a+b.yaml", ["./m/a+b.yaml"])).toBe(true);
  });

  it("filters sources relative to the config folder, not the cwd", () => {
    const sources = ["models/a.yaml", "legacy/b.yaml", "models/c.json"].map((path) => ({ path, text: "" }));
    const loaded = { config: { failOn: "error" as const, include: ["repo/models/**"], exclude: ["**/*.json"], rules: {} }, directory: "/w" };
    const { sources: kept, excluded } = filterSources(sources, loaded, "/w/repo");
    expect(kept.map((s) => s.path)).toEqual(["models/a.yaml"]);
    expect(excluded).toBe(2);
  });
});
