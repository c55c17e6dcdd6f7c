import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { analyze, startAnalysis } from "../../analyzer/index.js";
import { parseSource } from "../../analyzer/parse/parse-source.js";
import type { Report, SourceFile } from "../../analyzer/types.js";
import { estate, manifest } from "./manifests.js";
import { runs, timeoutFor } from "./settings.js";

/**
 * What must not change the report: the order files arrive in (the CLI's reader thread
 * delivers them in walk order), the line ends they were saved with, and a broken file next to
 * healthy ones. Each of these found a bug when it was written. FUZZ_RUNS and FUZZ_SEED as in
 * settings.ts.
 */
const today = "2026-11-28";
const reportOf = (files: SourceFile[]): Report => analyze(files, { today }).report;

/** Damage to a file's text: a few characters removed and something YAML or JSON cares about put in. */
const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat(5),
  insert: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("\t", "\n", "\r", "\r\n", ": ", "- ", "&a ", "*a", "<<: ", "!!js/function ", "[", "{", "'", '"', "---\n", "\uFEFF", "😀", "\u2028")),
});

describe("what the report does not depend on", () => {
  it("the order files are added in, with references resolved early or not", () => {
    fc.assert(
      fc.property(estate, fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), fc.boolean(), fc.array(fc.nat(3), { minLength: 8, maxLength: 8 }), (files, keys, early, steps) => {
        const expected = analyze(files, { today });
        const shuffled = files.map((file, i) => ({ file, key: keys[i]! })).sort((a, b) => a.key - b.key).map((x) => x.file);
        const session = startAnalysis({ today, resolveEarly: early }, files.length);
        shuffled.forEach((file, i) => {
          session.add(file);
          if (early) session.resolveSome(steps[i]!);
        });
        const got = session.finish();
        expect(JSON.stringify(got.report)).toBe(JSON.stringify(expected.report));
        expect(JSON.stringify(got.graph)).toBe(JSON.stringify(expected.graph));
      }),
      { numRuns: runs },
    );
  }, timeoutFor(80));

  it("the line ends: LF, CRLF and a lone CR give the same findings at the same places", () => {
    fc.assert(
      fc.property(estate, fc.constantFrom("\r\n", "\r"), (files, lineEnd) => {
        const lf = reportOf(files);
        const other = reportOf(files.map((f) => ({ ...f, text: f.text.replaceAll("\n", lineEnd) })));
        expect(other.findings).toEqual(lf.findings);
      }),
      { numRuns: runs },
    );
  }, timeoutFor(80));

  it("a broken file: every position is inside its line, and when it yields nothing the healthy files' findings are unchanged", () => {
    fc.assert(
      fc.property(estate, manifest, fc.array(edit, { minLength: 1, maxLength: 5 }), fc.boolean(), (good, victim, edits, asJson) => {
        let text = asJson ? JSON.stringify(victim, null, 2) : stringify(victim);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        const broken: SourceFile = { path: asJson ? "zz.json" : "zz.yaml", text };
        const files = [...good, broken];
        const report = reportOf(files);
        const lines = new Map(files.map((f) => [f.path, f.text.split(/\r\n|\r|\n/)]));
        for (const finding of report.findings) {
          for (const { file, line, column } of finding.locations) {
            const at = `${file}:${line}:${column}`;
            const length = lines.get(file)?.[line - 1]?.length;
            expect({ at, inside: length !== undefined && column >= 1 && column <= length + 1 }).toEqual({ at, inside: true });
          }
        }
        for (const notice of report.notices) if (notice.file !== undefined) expect(lines.has(notice.file)).toBe(true);
        if (parseSource(broken).documents.length === 0) {
          const alone = reportOf(good);
          expect(report.findings.filter((f) => f.locations.every((l) => l.file !== broken.path))).toEqual(alone.findings);
          expect(report.summary.models).toBe(alone.summary.models);
        }
      }),
      { numRuns: runs },
    );
  }, timeoutFor(80));
});
