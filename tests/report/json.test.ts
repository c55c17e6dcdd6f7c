import { describe, expect, it } from "vitest";
import { formatJson, jsonChunks } from "../../analyzer/report/json.js";
import type { Finding, Report } from "../../analyzer/types.js";

function report(findings: number): Report {
  const list: Finding[] = Array.from({ length: findings }, (_, i) => ({
    rule: "unused-output",
    severity: "info",
    message: `output ${i} of "m<${i}>" is never read`,
    models: [`m${i}`],
    nodes: [`m${i}`, `m${i}/out`],
    locations: [{ file: "models/m.yaml", line: i + 1, column: 3 }],
    fingerprint: `unused-output:${i.toString(16).padStart(16, "0")}`,
  }));
  return {
    tool: { name: "loopscope", version: "0.1.0" },
    summary: { files: 1, documents: findings, models: findings, outputs: findings, datasets: 0, services: 0, edges: findings, loops: 0, findings, bySeverity: { error: 0, warning: 0, info: findings }, acknowledged: 0 },
    findings: list,
    notices: [{ file: "x.yaml", message: "skipped: not a manifest" }],
  };
}

describe("the JSON report", () => {
  it("is exactly JSON.stringify of the report plus a newline, across chunk boundaries", () => {
    for (const size of [0, 1, 1999, 2000, 2001, 4500]) {
      const value = report(size);
      expect(formatJson(value)).toBe(`${JSON.stringify(value)}\n`);
    }
  });

  it("comes in pieces of at most a few thousand findings, so the CLI never holds it whole", () => {
    const chunks = [...jsonChunks(report(4500))];
    const whole = formatJson(report(4500)).length;
    expect(chunks.length).toBeGreaterThan(3);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(whole / 2);
    expect(JSON.parse(chunks.join("")).findings).toHaveLength(4500);
  });
});
