import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import { checkLineage, readLineageEvents, withLineage } from "../../analyzer/lineage/index.js";
import { fixture } from "./helpers.js";

const { graph, report } = analyze([fixture("estate.yaml")]);

function check(file: string) {
  const { events, problems } = readLineageEvents([fixture(file)]);
  expect(problems).toEqual([]);
  return checkLineage(graph, events);
}

describe("declared versus observed lineage", () => {
  it("the fixture estate is clean on its own", () => {
    expect(report.findings.filter((f) => f.rule.includes("consumer"))).toEqual([]);
  });

  it("stays silent when every observed read is declared", () => {
    expect(check("clean.ndjson")).toEqual({ findings: [], notices: [] });
  });

  it("finds the planted undeclared consumer, with the observed run as positioned evidence", () => {
    const { findings } = check("planted.ndjson");
    expect(findings).toHaveLength(1);
    const finding = findings[0]!;
    expect(finding).toMatchObject({
      rule: "undeclared-consumer",
      severity: "warning",
      models: ["pricer", "ranker"],
      nodes: ["pricer", "ranker", "ranker/scores"],
      data: { output: "ranker/scores", consumer: "pricer" },
    });
    expect(finding.locations[0]).toEqual({ file: "estate.yaml", line: 7, column: 11 });
    expect(finding.evidence).toEqual([
      {
        kind: "openlineage-run",
        description: "run 11111111-0000-0000-0000-000000000004 of scheduler/pricer read postgres://warehouse:5432/ml.ranker_scores (eventTime 2026-11-03T10:00:00Z)",
        location: { file: "planted.ndjson", line: 4, column: 238 },
      },
    ]);
  });

  it("lists the earliest three runs as evidence and counts the rest on the last, so the evidence never looks whole when it is not", () => {
    const run = (i: number) => ({ eventType: "COMPLETE", eventTime: `2026-11-0${i}T10:00:00Z`, run: { runId: `r${i}` }, job: { namespace: "scheduler", name: "pricer" }, inputs: [{ namespace: "postgres://warehouse:5432", name: "ml.ranker_scores" }] });
    const { events } = readLineageEvents([{ path: "runs.ndjson", text: [5, 3, 1, 4, 2].map((i) => JSON.stringify(run(i))).join("\n") }]);
    const evidence = checkLineage(graph, events).findings[0]!.evidence!.map((e) => e.description);
    expect(evidence).toEqual([
      "run r1 of scheduler/pricer read postgres://warehouse:5432/ml.ranker_scores (eventTime 2026-11-01T10:00:00Z)",
      "run r2 of scheduler/pricer read postgres://warehouse:5432/ml.ranker_scores (eventTime 2026-11-02T10:00:00Z)",
      "run r3 of scheduler/pricer read postgres://warehouse:5432/ml.ranker_scores (eventTime 2026-11-03T10:00:00Z); and 2 more runs (the earliest 3 are listed)",
    ]);
  });

  it("dates a run by its earliest event, whatever order the file has its START and COMPLETE in", () => {
    const event = (runId: string, eventType: string, day: number) => ({ eventType, eventTime: `2026-11-0${day}T10:00:00Z`, run: { runId }, job: { namespace: "scheduler", name: "pricer" }, inputs: [{ namespace: "postgres://warehouse:5432", name: "ml.ranker_scores" }] });
    // r1 COMPLETE (day 9) comes before its START (day 1); r2..r4 ran on days 2 to 4.
    const lines = [event("r1", "COMPLETE", 9), event("r2", "COMPLETE", 2), event("r3", "COMPLETE", 3), event("r4", "COMPLETE", 4), event("r1", "START", 1)];
    for (const order of [lines, [...lines].reverse()]) {
      const { events } = readLineageEvents([{ path: "runs.ndjson", text: order.map((e) => JSON.stringify(e)).join("\n") }]);
      const evidence = checkLineage(graph, events).findings[0]!.evidence!.map((e) => e.description.replace(/ of scheduler.*eventTime /, " (").replace(/\).*$/, ")"));
      expect(evidence).toEqual(["run r1 (2026-11-01T10:00:00Z)", "run r2 (2026-11-02T10:00:00Z)", "run r3 (2026-11-03T10:00:00Z)"]);
    }
  });

  it("shares its fingerprint with the static rule, so one dependency is one finding", () => {
    const declaredByConsumerOnly = analyze([
      fixture("estate.yaml"),
      { path: "pricer-reads.yaml", text: "apiVersion: loopscope/v1\nkind: Service\nname: pricing-page\nconsumes: [ranker/scores]\n" },
    ]);
    const staticFinding = declaredByConsumerOnly.report.findings.find((f) => f.rule === "undeclared-consumer")!;
    const observed = check("planted.ndjson").findings[0]!;
    expect(staticFinding.fingerprint).not.toBe(observed.fingerprint); // different consumer
    const { events } = readLineageEvents([{ path: "e.json", text: JSON.stringify({ eventType: "COMPLETE", run: { runId: "r" }, job: { namespace: "n", name: "pricing-page" }, inputs: [{ namespace: "postgres://warehouse:5432", name: "ml.ranker_scores" }] }) }]);
    // Declared on the consumer side only: the static finding, which the run now backs with evidence.
    const lineage = checkLineage(declaredByConsumerOnly.graph, events);
    expect(lineage.findings.map((f) => f.fingerprint)).toEqual([staticFinding.fingerprint]);
    expect(lineage.findings[0]!.message).toBe("service pricing-page was observed reading ranker/scores at runtime, as it declares, but ranker does not list pricing-page among that output's consumers");
    const merged = withLineage(declaredByConsumerOnly.report, lineage, declaredByConsumerOnly.graph);
    const consumerFindings = merged.findings.filter((f) => f.rule === "undeclared-consumer");
    expect(consumerFindings).toHaveLength(1);
    expect(consumerFindings[0]!.message).toBe(staticFinding.message);
    expect(consumerFindings[0]!.evidence?.map((e) => e.description)).toEqual(["run r of n/pricing-page read postgres://warehouse:5432/ml.ranker_scores"]);
  });

  it("reports an undeclared job reading a model output by the name an import would give it", () => {
    const { events } = readLineageEvents([{ path: "e.json", text: JSON.stringify({ eventType: "COMPLETE", run: { runId: "r1" }, job: { namespace: "spark", name: "ads bidder" }, inputs: [{ namespace: "postgres://warehouse:5432", name: "ml.prices" }] }) }]);
    const { findings, notices } = checkLineage(graph, events);
    expect(findings.map((f) => [f.rule, f.data?.["consumer"], f.models])).toEqual([["undeclared-consumer", "ads-bidder", ["pricer"]]]);
    expect(notices.map((n) => n.message)).toEqual(["lineage: 1 observed job(s) match no Model or Service (spark/ads bidder); `loopscope import openlineage` can write manifests for them"]);
  });

  it("reports a phantom consumer (info) only for a consumer whose runs were observed, and a dataset no manifest mentions", () => {
    const { findings } = check("drift.ndjson");
    // Sorted by first location: the events file comes before estate.yaml.
    expect(findings.map((f) => [f.rule, f.severity, f.nodes])).toEqual([
      ["undeclared-dataset", "info", ["ranker"]],
      ["phantom-consumer", "info", ["ranker", "ranker/scores", "storefront"]],
    ]);
    const phantom = findings[1]!;
    expect(phantom.message).toBe("service storefront is declared to use ranker/scores, but none of its 2 observed run(s) between 2026-11-01T10:00:00.000Z and 2026-11-02T10:00:00.000Z read it");
    const dataset = findings[0]!;
    expect(dataset.locations).toEqual([{ file: "drift.ndjson", line: 1, column: 238 }]);
    expect(dataset.data).toEqual({ observed: { namespace: "postgres://warehouse:5432", name: "events.impressions" }, by: "ranker" });
  });

  it("claims no phantom consumer when the consumer never ran in the events", () => {
    const { events } = readLineageEvents([fixture("clean.ndjson")]);
    const withoutStorefront = events.filter((e) => e.job?.name !== "storefront");
    expect(checkLineage(graph, withoutStorefront).findings).toEqual([]);
  });

  it("severity can be set per rule, and off drops the rule", () => {
    const { events } = readLineageEvents([fixture("drift.ndjson")]);
    const { findings } = checkLineage(graph, events, { severity: { "phantom-consumer": "warning", "undeclared-dataset": "off" } });
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([["phantom-consumer", "warning"]]);
  });

  it("claims a phantom consumer of an output without a lineage identity only when some run touched that output", () => {
    const estate = analyze([{ path: "e.yaml", text: fixture("estate.yaml").text.replace('    lineage: { namespace: "postgres://warehouse:5432", name: ml.ranker_scores }\n', "") }]).graph;
    // Every run reads something (a run with no lineage says nothing about what it reads).
    const event = (job: string, outputs: string[]) =>
      JSON.stringify({
        eventType: "COMPLETE",
        eventTime: "2026-11-01T10:00:00Z",
        run: { runId: `33333333-0000-0000-0000-${job === "ranker" ? "000000000001" : "000000000002"}` },
        job: { namespace: "scheduler", name: job },
        inputs: [{ namespace: "postgres://warehouse:5432", name: "events.clicks" }],
        outputs: outputs.map((name) => ({ namespace: "x", name })),
        producer: "test",
      });
    const rules = (lines: string[]) => checkLineage(estate, readLineageEvents([{ path: "runs.ndjson", text: `${lines.join("\n")}\n` }]).events).findings.map((f) => [f.rule, f.nodes]);
    // The ranker's run wrote "scores" (the output, by its name): runtime names it, so the storefront's run not reading it counts.
    expect(rules([event("ranker", ["scores"]), event("storefront", [])])).toContainEqual(["phantom-consumer", ["ranker", "ranker/scores", "storefront"]]);
    // No run names the output: nothing at runtime could have read it, so no claim.
    expect(rules([event("ranker", []), event("storefront", [])]).filter(([rule]) => rule === "phantom-consumer")).toEqual([]);
  });
});
