import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import { applyBaseline, createBaseline } from "../../analyzer/engine/baseline.js";
import type { SourceFile } from "../../analyzer/types.js";
import { estateArbitrary } from "../helpers/random-estate.js";
import type { Doc } from "../helpers/estate.js";

const TODAY = "2026-11-28";
const run = (sources: SourceFile[]) => analyze(sources, { today: TODAY }).report;

/** Every array reversed and every object's keys reversed: same estate, different text. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered).reverse();
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reordered(v)]).reverse());
  return value;
}

// Whatever rules the catalogue holds, a baseline of an estate must match the same estate
// written differently: every entry still present, nothing new, nothing stale.
describe("fingerprints on random estates (every kind of edge)", () => {
  it("survive moves, one-file merges, JSON rewrites and reordering", () => {
    let entries = 0;
    fc.assert(
      fc.property(estateArbitrary, fc.nat(3), (docs: Doc[], variant) => {
        const base = run(docs.map((doc, i) => ({ path: `a/${i}-${String(doc["name"])}.yaml`, text: stringify(doc) })));
        const baseline = createBaseline(base);
        entries += baseline.entries.length;
        const rewritten: SourceFile[][] = [
          docs.map((doc, i) => ({ path: `moved/deeper/x${docs.length - i}.yml`, text: stringify(doc) })),
          [{ path: "all.yaml", text: docs.map((doc) => stringify(doc)).join("---\n") }],
          docs.map((doc, i) => ({ path: `json/${i}.json`, text: JSON.stringify(doc, null, 3) })),
          [...docs].reverse().map((doc, i) => ({ path: `r/${i}.yaml`, text: stringify(reordered(doc), { collectionStyle: "flow" }) })),
        ];
        const { comparison } = applyBaseline(run(rewritten[variant]!), baseline);
        expect(comparison.stale).toEqual([]);
        expect(comparison.new).toBe(0);
        expect(comparison.stillPresent).toBe(baseline.entries.length);
      }),
      { numRuns: 60, seed: 20261128 },
    );
    expect(entries).toBeGreaterThan(200); // the estates do have findings to lose

  });
});
