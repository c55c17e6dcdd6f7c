import { describe, expect, it } from "vitest";
import { readLineageEvents } from "../../analyzer/lineage/index.js";
import { EXTERNAL, fixture, sourcesUnder } from "./helpers.js";

describe("readLineageEvents", () => {
  it("reads every external OpenLineage and Marquez file without throwing; what it cannot use is a positioned message", () => {
    const files = [...sourcesUnder(`${EXTERNAL}openlineage`, EXTERNAL), ...sourcesUnder(`${EXTERNAL}marquez`, EXTERNAL)];
    expect(files.length).toBe(27);
    const { events, problems } = readLineageEvents(files);
    const kinds = events.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.kind]: (acc[e.kind] ?? 0) + 1 }), {});
    // 72 dbt + 26 Marquez seed + 8 apples + 2 Marquez run events + 3 OpenLineage run events.
    expect(kinds).toEqual({ run: 111, job: 1, dataset: 2, facet: 7 });
    for (const p of problems) {
      expect(p.file).toBeDefined();
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.column).toBeGreaterThanOrEqual(1);
    }
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column}`)).toEqual([
      "openlineage/LineageFacet/dataset-to-dataset.json:2:14",
      "openlineage/LineageFacet/implicit-job.json:6:7",
      "openlineage/OpenLineage.json:1:1",
      "openlineage/dbt-jaffle_shop/manifest.json:1:1",
    ]);
  });

  it("keeps Marquez's {{...}} placeholder times as text, with no parsed time", () => {
    const { events } = readLineageEvents(sourcesUnder(`${EXTERNAL}marquez`, EXTERNAL).filter((f) => f.path.endsWith("metadata.template.json")));
    expect(events).toHaveLength(26);
    expect(events[0]!.eventTime).toBe("{{RUN_START_TIME}}");
    expect(events.every((e) => e.time === undefined)).toBe(true);
  });

  it("reads a time written without a zone as UTC, whatever the machine's zone", () => {
    const event = (eventTime: string) => JSON.stringify({ eventType: "COMPLETE", eventTime, run: { runId: "r" }, job: { namespace: "ns", name: "j" }, producer: "p", schemaURL: "s" });
    const times = ["2026-11-01T10:00:00", "2026-11-01 10:00:00.5", "2026-11-01T10:00", "2026-11-01T10:00:00Z", "2026-11-01T12:00:00+02:00", "2026-11-01"];
    // Date.parse reads "2026-11-01T10:00:00" in local time: read in a zone far from UTC (Node
    // applies a TZ set while it runs).
    const zone = process.env["TZ"];
    process.env["TZ"] = "Pacific/Chatham";
    let events;
    try {
      ({ events } = readLineageEvents([{ path: "e.ndjson", text: times.map(event).join("\n") }]));
    } finally {
      if (zone === undefined) delete process.env["TZ"];
      else process.env["TZ"] = zone;
    }
    expect(events.map((e) => e.time)).toEqual([Date.UTC(2026, 10, 1, 10), Date.UTC(2026, 10, 1, 10, 0, 0, 500), Date.UTC(2026, 10, 1, 10), Date.UTC(2026, 10, 1, 10), Date.UTC(2026, 10, 1, 10), Date.UTC(2026, 10, 1)]);
  });

  it("reads a non-ISO time as text with no time, the same in every zone", () => {
    const event = (eventTime: string) => JSON.stringify({ eventType: "COMPLETE", eventTime, run: { runId: "r" }, job: { namespace: "ns", name: "j" } });
    const times = ["2024-01-01 1:00", "2024-01-02  10:00", "2024-01-02T10:00:00+0200", "2024-01-02T10:00:00+02", "2024-01-02t10:00:00z", "2024-13-02T10:00:00Z", "2024-01-02T10:00:00 GMT"];
    const read = (zone: string) => {
      const saved = process.env["TZ"];
      process.env["TZ"] = zone;
      try {
        return readLineageEvents([{ path: "e.ndjson", text: times.map(event).join("\n") }]).events.map((e) => e.time);
      } finally {
        if (saved === undefined) delete process.env["TZ"];
        else process.env["TZ"] = saved;
      }
    };
    const expected = [undefined, undefined, Date.UTC(2024, 0, 2, 8), Date.UTC(2024, 0, 2, 8), Date.UTC(2024, 0, 2, 10), undefined, undefined];
    expect(read("Pacific/Kiritimati")).toEqual(expected);
    expect(read("America/Los_Angeles")).toEqual(expected);
  });

  const run = (job: string, extra: Record<string, unknown> = {}) => ({ eventType: "COMPLETE", eventTime: "2026-11-01T10:00:00Z", run: { runId: job }, job: { namespace: "ns", name: job }, ...extra });

  it("keeps the good events of an array when one element is refused (a duplicate key), and reads long SQL facets", () => {
    const sql = { job: { namespace: "ns", name: "long", facets: { sql: { query: "select ".padEnd(70 * 1024, "x") } } } };
    const text = `[\n${JSON.stringify(run("a"))},\n{"job": {"namespace": "ns", "name": "b", "name": "c"}},\n${JSON.stringify(run("long", sql))},\n${JSON.stringify(run("d"))}\n]\n`;
    const { events, problems } = readLineageEvents([{ path: "e.json", text }]);
    expect(events.map((e) => e.job?.name)).toEqual(["a", "long", "d"]);
    expect(problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual(['3:42 duplicate key "name": JSON readers disagree on which value wins; the document is not read']);
  });

  it("reads the first 20,000 events of a longer array and says the rest are not read", () => {
    const text = JSON.stringify(Array.from({ length: 20_002 }, (_, i) => run(`j${i}`)));
    const { events, problems } = readLineageEvents([{ path: "e.json", text }]);
    expect(events).toHaveLength(20_000);
    expect(problems.map((p) => p.message)).toEqual(["more than 20,000 documents in one file; the rest of the file is not read"]);
  });

  it("reads the other lines of NDJSON whose first line is broken, with any line ends", () => {
    const lines = ['{"job": {"namespace": "ns", "name": "a"', JSON.stringify(run("b")), "", JSON.stringify(run("c"))];
    for (const end of ["\n", "\r\n", "\r"]) {
      const { events, problems } = readLineageEvents([{ path: "e.ndjson", text: lines.join(end) }]);
      expect(events.map((e) => e.job?.name)).toEqual(["b", "c"]);
      expect(problems.map((p) => `${p.line}:${p.column}`)).toEqual(["1:40"]);
    }
    // A good first line and more broken lines than good ones: still read line by line.
    const mostlyBroken = readLineageEvents([{ path: "e.ndjson", text: [JSON.stringify(run("a")), '{"job": {', '{"run": '].join("\n") }]);
    expect(mostlyBroken.events.map((e) => e.job?.name)).toEqual(["a"]);
    expect(mostlyBroken.problems.map((p) => p.line)).toEqual([2, 3]);
    // One JSON array of events per line reads too.
    const arrays = readLineageEvents([{ path: "e.ndjson", text: `${JSON.stringify([run("a"), run("b")])}\n${JSON.stringify([run("c")])}\n` }]);
    expect(arrays.events.map((e) => e.job?.name)).toEqual(["a", "b", "c"]);
    // A broken pretty-printed document is one document: one message where JSON.parse stopped.
    const pretty = `[\n  ${JSON.stringify(run("a"))},\n  ${JSON.stringify(run("b"))}\n  ${JSON.stringify(run("c"))}\n]\n`;
    const broken = readLineageEvents([{ path: "e.json", text: pretty }]);
    expect(broken.events).toEqual([]);
    expect(broken.problems.map((p) => p.line)).toEqual([4]);
  });

  it("reads declared lineage from LineageFacet fragments", () => {
    const { events } = readLineageEvents(sourcesUnder(`${EXTERNAL}openlineage/LineageFacet`, EXTERNAL));
    const edges = events.flatMap((e) => e.declared.map((d) => `${d.from.type}:${d.from.name} -> ${d.to.type}:${d.to.name}`)).sort();
    expect(edges).toEqual([
      "DATASET:public.orders -> DATASET:public.enriched_orders",
      "DATASET:public.staging_orders -> JOB:daily.load",
      "JOB:daily.enrichment -> DATASET:public.enriched_orders",
      "JOB:daily.extract -> DATASET:public.daily_summary",
      "JOB:daily.transform -> JOB:daily.load",
    ]);
  });

  it("reports a broken NDJSON line and an event without a job name at file:line:column, and reads the rest", () => {
    const { events, problems } = readLineageEvents([fixture("broken.ndjson")]);
    expect(events.map((e) => e.job?.name)).toEqual(["ranker", "storefront"]);
    expect(problems).toEqual([
      { file: "broken.ndjson", line: 2, column: 86, message: "job has no `name` (a non-empty string); event skipped" },
      { file: "broken.ndjson", line: 3, column: 35, message: "invalid JSON: expected property name or '}'" },
      { file: "broken.ndjson", line: 4, column: 175, message: "dataset has no `name` (a non-empty string); dataset skipped" },
    ]);
    // The bad dataset is skipped, the good one in the same event is kept.
    expect(events[1]!.inputs.map((i) => i.name)).toEqual(["ml.ranker_scores"]);
  });

  it("says why a file holds no events instead of failing", () => {
    const { events, problems } = readLineageEvents([
      { path: "a.json", text: "[1, {\"run\": {}}]" },
      { path: "b.json", text: "{ not json" },
    ]);
    expect(events).toEqual([]);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`)).toEqual([
      "a.json:1:2: not an OpenLineage event (expected an object); skipped",
      "a.json:1:5: run event without a `job`; skipped",
      "b.json:1:3: invalid JSON: expected property name or '}'",
    ]);
  });
});
