import { describe, expect, it } from "vitest";
import { RULE_IDS } from "../../analyzer/rules/rule-ids.js";
import { analyzeCase, compareLists, fixtureCases } from "./fixture-cases.js";

describe.each(RULE_IDS.map((rule) => [rule]))("%s fixtures", (rule) => {
  const cases = fixtureCases(rule);
  it.each(cases.filter((c) => c.kind === "invalid").map((c) => [c.file, c]))("invalid/%s yields the expected findings", (_file, fixture) => {
    const findings = analyzeCase(fixture).report.findings.filter((f) => f.rule === rule);
    expect(findings.map((f) => f.models).sort(compareLists)).toEqual(fixture.expected);
    expect(fixture.expected.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.locations.length).toBeGreaterThan(0);
      for (const location of finding.locations) expect(location.file).toBe(`${rule}/invalid/${fixture.file}`);
    }
  });
  it.each(cases.filter((c) => c.kind === "valid").map((c) => [c.file, c]))("valid/%s does not trigger it", (_file, fixture) => {
    const analysis = analyzeCase(fixture);
    expect(analysis.report.findings.filter((f) => f.rule === rule)).toEqual([]);
    // A near miss is still a well-formed estate (unless the rule is about broken manifests).
    if (rule !== "invalid-manifest") expect(analysis.report.findings.filter((f) => f.rule === "invalid-manifest")).toEqual([]);
  });
});
