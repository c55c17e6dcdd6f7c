import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import { generateEstate } from "../../bench/generate.js";

/** The benchmark's estates must be valid manifests, reproducible, and shaped as asked. */
describe("bench estate generator", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = generateEstate({ models: 120, seed: 3 });
    expect(generateEstate({ models: 120, seed: 3 })).toEqual(a);
    expect(generateEstate({ models: 120, seed: 4 })).not.toEqual(a);
  });

  it("writes valid YAML and JSON manifests: no parse or schema problem, no unknown reference", () => {
    const files = generateEstate({ models: 200, seed: 1 });
    expect(files.some((f) => f.path.endsWith(".json"))).toBe(true);
    expect(files.some((f) => f.path.endsWith(".yaml"))).toBe(true);
    const { report } = analyze(files, { today: "2026-11-28" });
    expect(report.notices).toEqual([]);
    expect(report.findings.filter((f) => f.rule === "invalid-manifest" || f.rule === "unknown-reference" || f.rule === "duplicate-name")).toEqual([]);
    expect(report.summary.models).toBe(200);
    expect(report.summary.edges).toBeGreaterThan(1500);
  });

  it("has feedback loops only when asked for, and one SCC with every model when giantScc is set", () => {
    const loopKinds = (options: Parameters<typeof generateEstate>[0]) =>
      new Set(analyze(generateEstate(options), { today: "2026-11-28" }).graph.loops.map((l) => l.kind));
    expect(loopKinds({ models: 150, seed: 1, loopShare: 0 })).toEqual(new Set());
    expect(loopKinds({ models: 150, seed: 1, loopShare: 0.2 })).toContain("hidden");
    const { graph } = analyze(generateEstate({ models: 150, seed: 1, loopShare: 0, giantScc: true }), { today: "2026-11-28" });
    const biggest = Math.max(...graph.loops.filter((l) => l.kind !== "direct").map((l) => l.models.length));
    expect(biggest).toBe(150);
  });
});
