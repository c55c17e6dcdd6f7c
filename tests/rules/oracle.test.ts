import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import { filesOf, type Doc } from "../helpers/estate.js";
import { estateArbitrary } from "../helpers/random-estate.js";
import { oracleRules } from "../helpers/rules-oracle.js";

const RULES = [
  "undeclared-consumer",
  "phantom-consumer",
  "correction-cascade",
  "shared-outcome",
  "input-entanglement",
  "unstable-data-dependency",
  "unused-output",
  "unmonitored-loop",
  "loop-without-holdout",
  "missing-owner",
];
const runs = Number(process.env["FUZZ_RUNS"] ?? 150);

/** The random estates, plus the fields these rules read: owners, targets, pins, monitoring, deployment. */
const richEstate = fc.tuple(estateArbitrary, fc.array(fc.nat(99), { minLength: 64, maxLength: 64 })).map(([docs, dice]) => {
  let i = 0;
  const roll = (n: number) => dice[i++ % dice.length]! % n;
  return docs.map((doc): Doc => {
    if (doc["kind"] !== "Model") return roll(3) === 0 ? { ...doc, owner: ["team-a", "team-b"][roll(2)] } : doc;
    const rich: Doc = { ...doc };
    const owner = [undefined, "team-a", "team-b"][roll(3)];
    if (owner) rich["owner"] = owner;
    const target = [undefined, "click", "buy"][roll(3)];
    if (target) rich["target"] = target;
    if (roll(2)) rich["monitoring"] = { drift: roll(2) === 0 };
    const deployment = [undefined, { strategy: "bandit" }, { strategy: "canary", holdout: 0 }, { holdout: 0.05 }, { strategy: "full" }][roll(5)];
    if (deployment) rich["deployment"] = deployment;
    rich["inputs"] = ((doc["inputs"] as (string | Doc)[] | undefined) ?? []).map((input) =>
      typeof input === "object" && String(input["from"]).includes("/") && roll(3) === 0 ? { ...input, version: "2" } : input,
    );
    return rich;
  });
});

describe("rules agree with an independent naive implementation of RULES.md", () => {
  it.each([
    ["defaults", { maxDepth: 4, minShared: 3, minJaccard: 0.5 }],
    ["loose thresholds", { maxDepth: 3, minShared: 2, minJaccard: 0.3 }],
  ] as const)("findings (rule, models) on generated estates, %s", (_label, options) => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(richEstate, (docs) => {
        const config = { rules: { "input-entanglement": { minShared: options.minShared, minJaccard: options.minJaccard }, "deep-model-chain": { maxDepth: options.maxDepth } } };
        const { report } = analyze(filesOf(docs), { today: "2026-11-28", config });
        const expected = oracleRules(docs, options);
        for (const rule of RULES) {
          const actual = report.findings.filter((f) => f.rule === rule).map((f) => f.models).sort((a, b) => (a.join() < b.join() ? -1 : a.join() > b.join() ? 1 : 0));
          expect([rule, actual]).toEqual([rule, expected[rule] ?? []]);
          seen.set(rule, (seen.get(rule) ?? 0) + actual.length);
        }
      }),
      { numRuns: runs },
    );
    // The generated estates exercise every rule (the agreement above is not vacuous).
    for (const rule of RULES) expect([rule, (seen.get(rule) ?? 0) > 0]).toEqual([rule, true]);
  });

  it("deep-model-chain: one finding per end, each a real chain as long as the longest ending there", () => {
    fc.assert(
      fc.property(richEstate, (docs) => {
        const { report } = analyze(filesOf(docs), { today: "2026-11-28", config: { rules: { "deep-model-chain": { maxDepth: 2 } } } });
        // Model-to-model reads, either side declared, from the report-independent manifests.
        const next = new Map<string, Set<string>>();
        const names = docs.filter((d) => d["kind"] === "Model").map((d) => d["name"] as string);
        const byName = new Map(docs.map((d) => [d["name"] as string, d]));
        const outputs = (m: string) => ((byName.get(m)!["outputs"] as Doc[] | undefined) ?? []).map((o) => o["name"] as string);
        for (const m of names) next.set(m, new Set());
        for (const m of names) {
          for (const o of (byName.get(m)!["outputs"] as Doc[] | undefined) ?? []) for (const c of (o["consumers"] as string[] | undefined) ?? []) if (next.has(c)) next.get(m)!.add(c);
          for (const input of (byName.get(m)!["inputs"] as (string | Doc)[] | undefined) ?? []) {
            const from = typeof input === "string" ? input : (input["from"] as string);
            const producer = from.split("/")[0]!;
            if (next.has(producer) && (from.includes("/") || outputs(producer).length > 0)) next.get(producer)!.add(m);
          }
        }
        // Only acyclic model graphs have one obvious "longest chain": compare there.
        const longest = new Map<string, number>(); // longest chain ending at each model
        const visiting = new Set<string>();
        let cyclic = false;
        const depth = (m: string): number => {
          if (longest.has(m)) return longest.get(m)!;
          if (visiting.has(m)) { cyclic = true; return 0; }
          visiting.add(m);
          let best = 0;
          for (const p of names) if (next.get(p)!.has(m)) best = Math.max(best, depth(p));
          visiting.delete(m);
          longest.set(m, best + 1);
          return best + 1;
        };
        names.forEach(depth);
        if (cyclic) return;
        const expected = names.filter((m) => next.get(m)!.size === 0 && longest.get(m)! >= 2).map((m) => [m, longest.get(m)!]).sort();
        const findings = report.findings.filter((f) => f.rule === "deep-model-chain");
        const actual = findings.map((f) => {
          const chain = f.data!["chain"] as string[];
          for (let k = 0; k + 1 < chain.length; k++) expect(next.get(chain[k]!)!.has(chain[k + 1]!)).toBe(true);
          return [chain[chain.length - 1]!, chain.length];
        }).sort();
        expect(actual).toEqual(expected);
      }),
      { numRuns: runs },
    );
  });
});
