import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze, startAnalysis } from "../../analyzer/index.js";
import { formatJson } from "../../analyzer/report/json.js";
import { filesOf } from "../helpers/estate.js";
import { oracleLoops } from "../helpers/oracle.js";
import { estateArbitrary } from "../helpers/random-estate.js";

const LOOP_RULES = new Set(["hidden-feedback-loop", "circular-model-dependency", "direct-feedback-loop"]);
const runs = Number(process.env["FUZZ_RUNS"] ?? 150);

describe("properties over generated estates", () => {
  it("loop findings (rule, models, severity) agree with an independent implementation of FORMAT.md", () => {
    fc.assert(
      fc.property(estateArbitrary, (docs) => {
        const { report } = analyze(filesOf(docs), { today: "2026-11-28" });
        const actual = report.findings
          .filter((f) => LOOP_RULES.has(f.rule))
          .map((f) => ({ rule: f.rule, models: f.models, severity: f.severity }))
          .sort((a, b) => `${a.rule}${a.models.join(",")}`.localeCompare(`${b.rule}${b.models.join(",")}`));
        expect(actual).toEqual(oracleLoops(docs));
      }),
      { numRuns: runs },
    );
  });

  it("gives the same bytes for the same input, in any file order", () => {
    fc.assert(
      fc.property(estateArbitrary, fc.integer(), (docs, salt) => {
        const files = filesOf(docs);
        const first = formatJson(analyze(files, { today: "2026-11-28" }).report);
        const shuffled = [...files].sort((a, b) => hash(a.path, salt) - hash(b.path, salt));
        expect(formatJson(analyze(shuffled, { today: "2026-11-28" }).report)).toBe(first);
        expect(formatJson(analyze(files, { today: "2026-11-28" }).report)).toBe(first);
        // The CLI feeds files as its reader thread delivers them, in no fixed order.
        const session = startAnalysis({ today: "2026-11-28" });
        for (const file of shuffled) session.add(file);
        expect(formatJson(session.finish().report)).toBe(first);
      }),
      { numRuns: Math.ceil(runs / 3) },
    );
  });

  it("every finding points at a line and column that exist in the input, and every loop walk is closed", () => {
    fc.assert(
      fc.property(estateArbitrary, (docs) => {
        const files = filesOf(docs);
        const lines = new Map(files.map((f) => [f.path, f.text.split("\n")]));
        const analysis = analyze(files, { today: "2026-11-28" });
        const { report } = analysis;
        const edgeUse = new Map(analysis.graph.edges.map((e) => [`${e.source}\u0000${e.target}`, e.use]));
        const models = new Set(analysis.graph.nodes.filter((n) => n.kind === "model").map((n) => n.id));
        for (const finding of report.findings) {
          expect(finding.locations.length).toBeGreaterThan(0);
          // The witness shows what the finding says: the influence that makes a loop hidden, and
          // the read a model trains on when the loop is not runtime coupling only.
          if (finding.rule === "hidden-feedback-loop") expect(finding.path!.some((s) => s.edge === "influences")).toBe(true);
          if ((finding.rule === "hidden-feedback-loop" || finding.rule === "circular-model-dependency") && (finding.data as { throughTraining?: boolean } | undefined)?.throughTraining) {
            const trains = (use: string | undefined) => use === undefined || use === "training" || use === "both"; // FORMAT.md: `use` defaults to both
            expect(finding.path!.some((s) => s.edge === "reads" && models.has(s.to) && trains(edgeUse.get(`${s.from}\u0000${s.to}`)))).toBe(true);
          }
          for (const location of finding.locations) {
            const fileLines = lines.get(location.file);
            expect(fileLines).toBeDefined();
            expect(location.line).toBeGreaterThanOrEqual(1);
            expect(location.line).toBeLessThanOrEqual(fileLines!.length);
            expect(location.column).toBeLessThanOrEqual(fileLines![location.line - 1]!.length + 1);
          }
          if (finding.path) {
            expect(finding.path[0]!.from).toBe(finding.path[finding.path.length - 1]!.to);
            const visited = new Set(finding.path.flatMap((s) => [s.from, s.to]));
            for (const model of finding.models) expect(visited.has(model)).toBe(true);
          }
        }
      }),
      { numRuns: Math.ceil(runs / 3) },
    );
  });

  it("never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ path: fc.constantFrom("a.yaml", "b.json", "c.yml"), text: fc.oneof(fc.string(), fc.json(), fc.constant("apiVersion: loopscope/v1\nkind: Model\n"), fc.string().map((s) => `apiVersion: loopscope/v1\n${s}`)) })), (files) => {
        expect(() => analyze(files)).not.toThrow();
      }),
      { numRuns: runs },
    );
  });
});

function hash(text: string, salt: number): number {
  let h = salt | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 2654435761);
  return h;
}
