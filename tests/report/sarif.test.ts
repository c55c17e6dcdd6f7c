import { readFileSync } from "node:fs";
import Ajv from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import { formatSarif, fileUri, sarifParts, SARIF_FINGERPRINT_KEY } from "../../analyzer/report/sarif.js";
import type { Report } from "../../analyzer/types.js";
import { analyzeDocs, model } from "../helpers/estate.js";
import { renderCases } from "./report-cases.js";

const schema = JSON.parse(readFileSync(new URL("../../../shared/external/sarif/sarif-schema-2.1.0.json", import.meta.url), "utf8")) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
// draft-04 leaves formats to the validator; check the ones SARIF uses instead of ignoring them.
ajv.addFormat("uri", (value: string) => URL.canParse(value));
ajv.addFormat("uri-reference", (value: string) => !/[\s%](?![0-9A-Fa-f]{2})/.test(value.replace(/%[0-9A-Fa-f]{2}/g, "")) && !/\s/.test(value) && URL.canParse(value, "file:///base/"));
ajv.addFormat("date-time", (value: string) => !Number.isNaN(Date.parse(value)));
const validate = ajv.compile(schema);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("sarif reporter", () => {
  const cases = renderCases();

  for (const [name, rendered] of Object.entries(cases)) {
    it(`${name}: validates against the SARIF 2.1.0 schema`, () => {
      const ok = validate(JSON.parse(rendered.files[`${name}.sarif.json`]!));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  it("the validator accepts the reference logs of microsoft/sarif-tutorials, whose shapes ours follow", () => {
    const dir = new URL("../../../shared/external/sarif-tutorials/", import.meta.url);
    const shapes = new Set<string>();
    for (const name of ["Baseline.sarif", "Suppressions.sarif", "RuleMetadata.sarif", "simple-example.sarif"]) {
      const log = JSON.parse(readFileSync(new URL(name, dir), "utf8")) as Json;
      expect(validate(log)).toBe(true);
      for (const result of log["runs"][0].results as Json[]) {
        if (result["baselineState"]) shapes.add(`baselineState:${result["baselineState"]}`);
        for (const s of (result["suppressions"] ?? []) as Json[]) shapes.add(`suppression:${s["kind"]}:${s["status"] ?? ""}`);
      }
    }
    // Ours: accepted in-source suppressions (hidden by viewers), and new/unchanged baseline states.
    expect(shapes).toContain("suppression:inSource:");
    expect(shapes).toContain("suppression:external:accepted");
    expect(shapes).toContain("baselineState:new");
    expect(shapes).toContain("baselineState:unchanged");
  });

  it("the schema check can fail: a wrong level or an unencoded URI is rejected", () => {
    const text = cases["estate"]!.files["estate.sarif.json"]!;
    expect(validate(JSON.parse(text.replace('"level": "note"', '"level": "info"')))).toBe(false);
    expect(validate(JSON.parse(text.replace("ranking%20team", "ranking team")))).toBe(false);
  });

  it("lists only the rules that fired, with helpUri, and results point at them by index", () => {
    const sarif = JSON.parse(cases["estate"]!.files["estate.sarif.json"]!) as Json;
    const run = sarif["runs"][0];
    const ids = run.tool.driver.rules.map((rule: Json) => rule["id"]);
    expect(ids).toEqual([...new Set(cases["estate"]!.analysis.report.findings.map((f) => f.rule))].sort());
    for (const rule of run.tool.driver.rules) {
      expect(rule.helpUri).toBe(`https://github.com/loopscope/loopscope/blob/main/docs/rules/${rule.id}.md`);
      expect(rule.shortDescription.text).not.toMatch(/`/);
    }
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(["error", "warning", "note"]).toContain(result.level);
      expect(result.partialFingerprints[SARIF_FINGERPRINT_KEY]).toMatch(new RegExp(`^${result.ruleId}:[0-9a-f]{16}$`));
      const region = result.locations[0].physicalLocation.region;
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
    }
    expect(run.results.filter((r: Json) => r["level"] === "note").length).toBe(3); // info → note
  });

  it("escapes brackets and backslashes from the estate in messages, which SARIF reads as embedded links", () => {
    const target = "ctr, see [the runbook](1) and [docs](https://evil.example/login) \\ done";
    const { report } = analyzeDocs([
      model("a", { target, inputs: [{ from: "b/o", use: "training" }], outputs: [{ name: "o", consumers: ["b"] }] }),
      model("b", { target, inputs: ["a/o"], outputs: [{ name: "o", consumers: ["a"] }] }),
    ]);
    const cascade = report.findings.find((f) => f.rule === "correction-cascade")!;
    expect(cascade.message).toContain("[the runbook](1)");
    const log = JSON.parse(formatSarif(report)) as Json;
    const text = (log["runs"][0]["results"] as Json[]).find((r) => r["ruleId"] === "correction-cascade")!["message"]["text"] as string;
    expect(text).toBe(cascade.message.replace(/[[\]\\]/g, (c) => `\\${c}`));
    expect(text).toContain("\\[the runbook\\](1) and \\[docs\\](https://evil.example/login) \\\\ done");
    expect(validate(log)).toBe(true);
  });

  it("percent-encodes relative URIs", () => {
    expect(fileUri("estate/models/ranking team/recommender.yaml")).toBe("estate/models/ranking%20team/recommender.yaml");
    expect(fileUri("a#b/100%/ü.yaml")).toBe("a%23b/100%25/%C3%BC.yaml");
    // A backslash is part of a POSIX file name, not a separator.
    expect(fileUri("back\\slash.yaml")).toBe("back%5Cslash.yaml");
    const text = cases["estate"]!.files["estate.sarif.json"]!;
    expect(text).toContain('"uri": "estate/models/ranking%20team/recommender.yaml"');
    expect(text).not.toMatch(/"uri": "[^"]* /);
  });

  it("gives a loop its walk as a codeFlow and every declaration on it as relatedLocations", () => {
    const { analysis } = cases["estate"]!;
    const sarif = JSON.parse(formatSarif(analysis.report, { graph: analysis.graph })) as Json;
    const hidden = analysis.report.findings.find((f) => f.rule === "hidden-feedback-loop")!;
    const result = sarif["runs"][0].results.find((r: Json) => r["ruleId"] === "hidden-feedback-loop");
    const steps = result.codeFlows[0].threadFlows[0].locations;
    expect(steps.map((s: Json) => s["location"].message.text)).toEqual(hidden.path!.map((s) => `${s.from} → ${s.to} (${s.edge})`));
    expect(steps.every((s: Json) => s["location"].physicalLocation)).toBe(true);
    const related = result.relatedLocations.map((l: Json) => `${decodeURIComponent(l["physicalLocation"].artifactLocation.uri)}:${l["physicalLocation"].region.startLine}`);
    const declared = hidden.locations.slice(1).map((l) => `${l.file}:${l.line}`);
    expect(related).toEqual(declared);
    // Every manifest the walk passes through shows up among the locations.
    const files = new Set([result.locations[0].physicalLocation.artifactLocation.uri, ...result.relatedLocations.map((l: Json) => l["physicalLocation"].artifactLocation.uri)]);
    expect([...files].sort()).toEqual(["estate/models/pricing.yaml", "estate/models/ranking%20team/recommender.yaml", "estate/services/storefront.yaml"]);
  });

  it("marks acknowledged findings as accepted suppressions with their reason, and baselined ones with baselineState", () => {
    const plain = JSON.parse(cases["estate"]!.files["estate.sarif.json"]!) as Json;
    const suppressed = plain["runs"][0].results.filter((r: Json) => r["suppressions"]);
    expect(suppressed.map((r: Json) => [r["ruleId"], r["suppressions"]])).toEqual([
      ["direct-feedback-loop", [{ kind: "inSource", status: "accepted", justification: "Bandit exploration keeps 5% of traffic unbiased. (until 2027-06-30)" }]],
    ]);
    expect(plain["runs"][0].results.some((r: Json) => "baselineState" in r)).toBe(false);
    const baselined = JSON.parse(cases["estate-baselined"]!.files["estate-baselined.sarif.json"]!) as Json;
    const states = baselined["runs"][0].results.map((r: Json) => `${r["ruleId"]} ${r["properties"].models.join(",")} ${r["baselineState"]}`);
    expect(states).toContain("direct-feedback-loop pricing new");
    expect(states).toContain("hidden-feedback-loop pricing,recommender unchanged");
  });

  it("stays inside GitHub code scanning's limits and says what it left out: 25,000 results a run, 1,000 steps and related locations a result", () => {
    const at = (line: number) => ({ file: "m.yaml", line, column: 1 });
    const finding = (i: number, severity: "error" | "warning" | "info", extra: object = {}) => ({
      rule: "missing-owner", severity, message: `m${i} has no owner`, models: [`m${i}`], nodes: [`m${i}`], locations: [at(i + 1)], fingerprint: `missing-owner:${i}`, ...extra,
    });
    // 25,003 findings: the three left out are the baselined info ones, whatever their place.
    const findings = Array.from({ length: 25_003 }, (_, i) => (i < 3 ? finding(i, "info", { baselineState: "unchanged" }) : finding(i, i % 2 ? "warning" : "error", { baselineState: "new" })));
    const report = { tool: { name: "loopscope", version: "0.0.0" }, summary: {}, findings, notices: [] } as unknown as Report;
    const log = JSON.parse(formatSarif(report)) as Json;
    expect(log["runs"][0].results).toHaveLength(25_000);
    expect(log["runs"][0].results.some((r: Json) => r["level"] === "note")).toBe(false);
    expect(log["runs"][0].invocations[0].toolExecutionNotifications[0].message.text).toMatch(/^3 of 25,003 findings are left out of this log: GitHub code scanning refuses a run of more than 25,000 results/);

    // One loop of 1,200 steps with 1,500 declarations: 1,000 of each, and the counts of the rest.
    const walk = Array.from({ length: 1_200 }, (_, i) => ({ from: `n${i}`, to: `n${i + 1}`, edge: "reads" }));
    const loop = finding(0, "error", { rule: "hidden-feedback-loop", path: walk, locations: Array.from({ length: 1_501 }, (_, i) => at(i + 1)) });
    const one = JSON.parse(formatSarif({ ...report, findings: [loop] } as unknown as Report)) as Json;
    const result = one["runs"][0].results[0];
    expect(result.codeFlows[0].threadFlows[0].locations).toHaveLength(1_000);
    expect(result.codeFlows[0].message.text).toMatch(/ → … \(200 more steps; the JSON report has the whole walk\)$/);
    expect(result.relatedLocations).toHaveLength(1_000);
    expect(result.properties).toMatchObject({ relatedLocationsLeftOut: 500, walkStepsLeftOut: 200 });
    expect(validate(one)).toBe(true);
  });

  it("an empty report is still a valid log with an empty rules list", () => {
    const sarif = JSON.parse(cases["clean"]!.files["clean.sarif.json"]!) as Json;
    expect(sarif["runs"][0].results).toEqual([]);
    expect(sarif["runs"][0].tool.driver.rules).toEqual([]);
  });

  it("comes in pieces of about a megabyte, a result at a time, with the bytes of JSON.stringify(log, null, 2)", () => {
    // At 50,000 models the log was longer than any string V8 can make; pieces keep each string small.
    const { report, graph } = analyzeDocs([model("a", { inputs: ["b/o"], outputs: [{ name: "o" }] }), model("b", { inputs: ["a/o"], outputs: [{ name: "o" }] })]);
    const findings = Array.from({ length: 1500 }, (_, i) => report.findings.map((f) => ({ ...f, fingerprint: `${f.fingerprint}-${i}` }))).flat();
    const big: Report = { ...report, findings };
    const pieces = [...sarifParts(big, { graph })];
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeLessThan(1.1 * 2 ** 20);
    const text = pieces.join("");
    const log = JSON.parse(text) as Json;
    expect(log["runs"][0].results).toHaveLength(findings.length);
    expect(text).toBe(`${JSON.stringify(log, null, 2)}\n`);
    expect(formatSarif(big, { graph })).toBe(text);
    for (const small of [report, { ...report, findings: [] }]) {
      const one = formatSarif(small, { graph });
      expect(one).toBe(`${JSON.stringify(JSON.parse(one), null, 2)}\n`);
    }
  });
});
