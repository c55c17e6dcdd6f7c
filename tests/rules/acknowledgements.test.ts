import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import { UNACKNOWLEDGEABLE_RULES } from "../../analyzer/engine/acknowledge.js";
import { RULES } from "../../analyzer/rules/index.js";

const lint = (text: string) => analyze([{ path: "m.yaml", text }], { today: "2026-11-28" }).report.findings;

describe("acknowledgements", () => {
  it("an expired entry beside a live one for the same rule says the finding stays acknowledged, and where", () => {
    const findings = lint(
      "apiVersion: loopscope/v1\nkind: Model\nname: n\nacknowledge:\n" +
        "  - rule: missing-owner\n    reason: first\n    expires: 2020-01-01\n" +
        "  - rule: missing-owner\n    reason: renewed\n    expires: 2027-06-30\n",
    );
    expect(findings.find((f) => f.rule === "missing-owner")?.acknowledged).toEqual({ reason: "renewed", expires: "2027-06-30" });
    const expired = findings.filter((f) => f.rule === "expired-acknowledgement");
    expect(expired.map((f) => [f.message, f.locations])).toEqual([
      ["n's acknowledgement of missing-owner expired on 2020-01-01; n's entry at m.yaml:8:5 still acknowledges missing-owner, so this one can be removed", [{ file: "m.yaml", line: 5, column: 5 }]],
    ]);
    expect(findings.filter((f) => f.rule === "stale-acknowledgement")).toEqual([]);
  });

  it("an expired entry with no live one brings the finding back, and says so only when there is one", () => {
    const findings = lint(
      "apiVersion: loopscope/v1\nkind: Model\nname: n\nacknowledge:\n" +
        "  - rule: missing-owner\n    reason: first\n    expires: 2020-01-01\n" +
        "  - rule: direct-feedback-loop\n    reason: no loop here\n    expires: 2020-01-01\n",
    );
    expect(findings.find((f) => f.rule === "missing-owner")?.acknowledged).toBeUndefined();
    expect(findings.filter((f) => f.rule === "expired-acknowledgement").map((f) => f.message)).toEqual([
      "n's acknowledgement of missing-owner expired on 2020-01-01; the finding is reported again",
      "n's acknowledgement of direct-feedback-loop expired on 2020-01-01",
    ]);
  });

  it("an entry for a rule the config switches off is not called stale: the rule did not run", () => {
    const text = "apiVersion: loopscope/v1\nkind: Model\nname: n\nowner: t\nacknowledge:\n  - rule: missing-owner\n    reason: kept for when it is on again\n";
    const stale = (config?: { failOn: "error"; rules: Record<string, { severity: "off" }> }) =>
      analyze([{ path: "m.yaml", text }], { today: "2026-11-28", ...(config ? { config } : {}) }).report.findings.filter((f) => f.rule === "stale-acknowledgement").map((f) => f.message);
    expect(stale()).toEqual(["n acknowledges missing-owner, but no missing-owner finding involves n"]);
    expect(stale({ failOn: "error", rules: { "missing-owner": { severity: "off" } } })).toEqual([]);
  });

  it("an entry for an acknowledgement rule is stale and says it cannot be acknowledged", () => {
    const findings = lint(
      "apiVersion: loopscope/v1\nkind: Model\nname: a\nowner: t\nacknowledge:\n" +
        "  - rule: direct-feedback-loop\n    reason: old\n    expires: 2020-01-01\n" +
        "  - rule: expired-acknowledgement\n    reason: meta\n" +
        "  - rule: stale-acknowledgement\n    reason: meta\n",
    );
    // The expired-acknowledgement finding is there, and not acknowledged.
    expect(findings.filter((f) => f.rule === "expired-acknowledgement").map((f) => f.acknowledged)).toEqual([undefined]);
    expect(findings.filter((f) => f.rule === "stale-acknowledgement").map((f) => [f.locations[0]!.line, f.message, f.acknowledged])).toEqual([
      [9, "a acknowledges expired-acknowledgement, but expired-acknowledgement findings are about acknowledge entries and cannot be acknowledged; remove this entry (set the rule's severity in the config instead)", undefined],
      [11, "a acknowledges stale-acknowledgement, but stale-acknowledgement findings are about acknowledge entries and cannot be acknowledged; remove this entry (set the rule's severity in the config instead)", undefined],
    ]);
  });

  it("the rules that cannot be acknowledged are exactly those that run after the acknowledgements", () => {
    expect([...UNACKNOWLEDGEABLE_RULES].sort()).toEqual(RULES.filter((rule) => rule.after).map((rule) => rule.id).sort());
  });
});
