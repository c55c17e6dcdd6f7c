import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareFindings, sortedUniqueLocations, sortFindings, sortInPlace } from "../../analyzer/engine/sort.js";
import type { Finding, Location } from "../../analyzer/types.js";

// Report order must not depend on which sort ran: short arrays are sorted by insertion,
// long ones by Array.prototype.sort, and both must give the same, stable order.
describe("sortInPlace", () => {
  it("orders like Array.prototype.sort, ties kept in their original order, at every length", () => {
    const item = fc.record({ key: fc.integer({ min: 0, max: 5 }), tag: fc.nat() });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), (items) => {
        const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
        const expected = items.slice().sort(byKey);
        const copy = items.slice();
        expect(sortInPlace(copy, byKey)).toBe(copy);
        expect(copy).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("sortedUniqueLocations", () => {
  it("sorts by file, line, column and keeps each place once", () => {
    const location = fc.record({ file: fc.constantFrom("a.yaml", "b.json", "m/a.yaml"), line: fc.integer({ min: 1, max: 4 }), column: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(fc.array(location, { maxLength: 40 }), (locations: Location[]) => {
        const key = (l: Location) => `${l.file}\u0000${String(l.line).padStart(3, "0")}\u0000${String(l.column).padStart(3, "0")}`;
        const expected = [...new Map(locations.map((l) => [key(l), l])).values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
        const input = locations.slice();
        expect(sortedUniqueLocations(input).map(key)).toEqual(expected.map(key));
        expect(input).toEqual(locations);
      }),
      { numRuns: 300 },
    );
  });
});

describe("sortFindings", () => {
  it("gives the comparator's order: location (files with shared prefixes), then rule, then fingerprint; findings without a location last", () => {
    const location = fc.record({ file: fc.constantFrom("a.yaml", "a.yaml.json", "a/b.yaml", "a-b.yaml", "team/m/x.yaml", "team/m/x.yml", "é.yaml"), line: fc.integer({ min: 1, max: 3 }), column: fc.integer({ min: 1, max: 3 }) });
    const finding = fc.record({
      rule: fc.constantFrom("shared-outcome", "unused-output", "missing-owner"),
      locations: fc.array(location, { maxLength: 2 }),
      fingerprint: fc.string({ minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(finding, { minLength: 17, maxLength: 80 }), (drafts) => {
        const findings = drafts.map((d) => ({ ...d, severity: "info", message: "", models: [], nodes: [] }) as Finding);
        const expected = findings.slice().sort(compareFindings);
        const sorted = findings.slice();
        expect(sortFindings(sorted)).toBe(sorted);
        expect(sorted).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("findings at one place, of one rule", () => {
  it("come in the order of the models they name, not of their fingerprints' hashes", () => {
    const at = { file: "growth.yaml", line: 8, column: 26 };
    const finding = (models: string[], fingerprint: string): Finding => ({ rule: "shared-outcome", severity: "warning", message: models.join(" and "), models, nodes: models, locations: [at], fingerprint });
    const findings = [finding(["promo-targeting", "surge-pricing"], "shared-outcome:0a"), finding(["eta-predictor", "promo-targeting"], "shared-outcome:ff"), finding(["promo-targeting", "promo-targeting-v2"], "shared-outcome:55")];
    const expected = ["eta-predictor and promo-targeting", "promo-targeting and promo-targeting-v2", "promo-targeting and surge-pricing"];
    expect(findings.slice().sort(compareFindings).map((f) => f.message)).toEqual(expected);
    // The long-list path (ranks instead of the comparator) gives the same order.
    const many = Array.from({ length: 40 }, (_, i) => finding([`m${String(i).padStart(2, "0")}`], `shared-outcome:${(97 * i) % 40}`));
    expect(sortFindings([...many].reverse()).map((f) => f.models[0])).toEqual(many.map((f) => f.models[0]));
    expect(sortFindings([...findings, ...many]).filter((f) => f.models.length === 2).map((f) => f.message)).toEqual(expected);
  });
});
