import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import { dedupe } from "../../analyzer/engine/run-rules.js";
import type { Finding } from "../../analyzer/types.js";

const lint = (text: string) => analyze([{ path: "a.yaml", text }], { today: "2026-11-28" }).report.findings;

describe("findings that share a fingerprint", () => {
  it("a Service that consumes and influences itself: one unknown-reference naming both reasons, at both fields, fingerprint unchanged", () => {
    const findings = lint("apiVersion: loopscope/v1\nkind: Service\nname: s\nconsumes: [s]\ninfluences: [s]\n").filter((f) => f.rule === "unknown-reference");
    expect(findings.map((f) => [f.message, f.locations.map((l) => `${l.line}:${l.column}`), f.fingerprint])).toEqual([
      [
        's references "s": consumes must name a model output or a Dataset, but "s" is a Service; influences must name a Dataset, but "s" is a Service',
        ["4:12", "5:14"],
        // The fingerprint 0.x gave this finding: baselines key on it.
        "unknown-reference:83afbd8b626b99d9",
      ],
    ]);
  });

  it("two expired entries of one model and rule: one finding naming both dates", () => {
    const findings = lint(
      "apiVersion: loopscope/v1\nkind: Model\nname: n\nacknowledge:\n" +
        "  - rule: missing-owner\n    reason: a\n    expires: 2020-01-01\n" +
        "  - rule: missing-owner\n    reason: b\n    expires: 2021-01-01\n",
    ).filter((f) => f.rule === "expired-acknowledgement");
    expect(findings.map((f) => [f.message, f.locations.map((l) => l.line)])).toEqual([
      ["n's acknowledgements of missing-owner expired on 2020-01-01 and 2021-01-01; the finding is reported again", [5, 8]],
    ]);
  });

  it("the engine keeps every distinct message of drafts it merges, each once", () => {
    const finding = (message: string, line: number): Finding => ({ rule: "r", severity: "error", message, models: [], nodes: ["x"], locations: [{ file: "a.yaml", line, column: 1 }], fingerprint: "r:1" });
    const [merged, ...rest] = dedupe([finding("first", 1), finding("second", 2), finding("first", 3), finding("second", 4)]);
    expect(rest).toEqual([]);
    expect(merged!.message).toBe("first; second");
    expect(merged!.locations.map((l) => l.line)).toEqual([1, 2, 3, 4]);
  });
});
