import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { analyze } from "../../analyzer/index.js";
import type { SourceFile } from "../../analyzer/types.js";

/**
 * Manifests with random structure (right and wrong types, unknown fields, names taken
 * from JavaScript's object internals, dangling references) through the whole analysis:
 * it never throws, every finding carries a position inside its file, nothing leaks onto
 * Object.prototype, and the report is plain JSON. FUZZ_RUNS as in parse.test.ts.
 */
const runs = Number(process.env["FUZZ_RUNS"] ?? 200);
/** Long local runs need more than vitest's default 30 s. */
const timeout = Math.max(30_000, runs * 60);

const name = fc.constantFrom("constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "a", "b", "c", "a/out", "b/o", "x/y/z", "", "UPPER", "-bad");
const anyValue = fc.oneof(name, fc.integer(), fc.boolean(), fc.constant(null), fc.array(name, { maxLength: 3 }), fc.dictionary(name, name, { maxKeys: 2 }));
const input = fc.oneof(name, fc.record({ from: name, use: fc.constantFrom("training", "serving", "both", "sometimes") }, { requiredKeys: ["from"] }), anyValue);
const output = fc.oneof(fc.record({ name, consumers: fc.array(name, { maxLength: 3 }), influences: fc.array(name, { maxLength: 3 }) }, { requiredKeys: ["name"] }), anyValue);
const extra = fc.dictionary(fc.constantFrom("__proto__", "constructor", "toString", "owner", "target", "monitoring", "deployment", "acknowledge", "derivedFrom", "consumes", "influences", "lineage", "typo"), anyValue, { maxKeys: 3 });
const manifest = fc
  .record({
    kind: fc.constantFrom("Model", "Dataset", "Service", "Other"),
    name,
    inputs: fc.array(input, { maxLength: 4 }),
    outputs: fc.array(output, { maxLength: 3 }),
    derivedFrom: fc.array(name, { maxLength: 2 }),
    consumes: fc.array(name, { maxLength: 2 }),
    influences: fc.array(name, { maxLength: 2 }),
    extra,
  })
  .map(({ kind, name: n, inputs, outputs, derivedFrom, consumes, influences, extra: more }) => {
    const doc: Record<string, unknown> = { apiVersion: "loopscope/v1", kind, name: n };
    if (kind === "Model") Object.assign(doc, { inputs, outputs });
    if (kind === "Dataset") Object.assign(doc, { derivedFrom });
    if (kind === "Service") Object.assign(doc, { consumes, influences });
    for (const [k, v] of Object.entries(more)) Object.defineProperty(doc, k, { value: v, enumerable: true, configurable: true, writable: true });
    return doc;
  });

describe("analysis properties over random manifests", () => {
  it("never throws; every finding is positioned inside its file; the report is plain JSON", () => {
    fc.assert(
      fc.property(fc.array(manifest, { minLength: 1, maxLength: 8 }), fc.boolean(), (docs, asJson) => {
        const files: SourceFile[] = docs.map((doc, i) => (asJson && i % 2 === 0 ? { path: `f${i}.json`, text: JSON.stringify(doc) } : { path: `f${i}.yaml`, text: stringify(doc) }));
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
  }, timeout);
});
