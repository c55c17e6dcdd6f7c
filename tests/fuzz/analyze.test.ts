import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import { estate } from "./manifests.js";
import { runs, timeoutFor } from "./settings.js";

/**
 * Random manifests (tests/fuzz/manifests.ts) through the whole analysis: it never throws,
 * every finding carries a position inside its file, nothing leaks onto Object.prototype,
 * and the report is plain JSON. FUZZ_RUNS and FUZZ_SEED as in settings.ts.
 */
describe("analysis properties over random manifests", () => {
  it("never throws; every finding is positioned inside its file; the report is plain JSON", () => {
    fc.assert(
      fc.property(estate, (files) => {
        const lineCounts = new Map(files.map((f) => [f.path, f.text.split("\n").length]));
        const { report } = analyze(files, { today: "2026-11-28" });
        for (const finding of report.findings) {
          expect(finding.locations.length).toBeGreaterThan(0);
          for (const location of finding.locations) {
            expect(lineCounts.has(location.file)).toBe(true);
            expect(location.line).toBeGreaterThanOrEqual(1);
            expect(location.line).toBeLessThanOrEqual(lineCounts.get(location.file)!);
            expect(location.column).toBeGreaterThanOrEqual(1);
          }
        }
        expect(JSON.parse(JSON.stringify(report))).toEqual(report);
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      { numRuns: runs },
    );
  }, timeoutFor(60));
});
