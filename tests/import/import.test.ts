import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { analyze } from "../../analyzer/index.js";
import { dbtToManifests, importOpenLineage, jobMatcher, parseImportMapping, renderImportedFile, type ImportedFile } from "../../analyzer/import/index.js";
import { EXTERNAL, sourcesUnder } from "../lineage/helpers.js";

const render = (files: ImportedFile[]) => files.map((f) => ({ path: f.path, text: renderImportedFile(f) }));

describe("import openlineage", () => {
  it("imports every external OpenLineage and Marquez file into valid manifests that lint without errors", () => {
    const files = [...sourcesUnder(`${EXTERNAL}openlineage`, EXTERNAL), ...sourcesUnder(`${EXTERNAL}marquez`, EXTERNAL)];
    const result = importOpenLineage(files);
    expect(result.counts).toEqual({ models: 0, services: 29, datasets: 43, skippedJobs: 32 });
    expect(result.files.map((f) => f.path)).toContain("food_delivery.yaml");
    for (const notice of result.notices.filter((n) => n.file !== undefined)) expect(notice.line).toBeGreaterThanOrEqual(1);
    const { report } = analyze(render(result.files));
    expect(report.summary.files).toBe(13);
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(report.findings.filter((f) => f.rule === "invalid-manifest" || f.rule === "unknown-reference" || f.rule === "duplicate-name")).toEqual([]);
  });

  it("is deterministic: the same events in another order give the same files", () => {
    const files = sourcesUnder(`${EXTERNAL}marquez`, EXTERNAL);
    const a = render(importOpenLineage(files).files);
    const b = render(importOpenLineage([...files].reverse()).files);
    expect(b).toEqual(a);
  });

  it("turns the Marquez seed into datasets with derivedFrom, services, and models for --models jobs", () => {
    const seed = sourcesUnder(`${EXTERNAL}marquez`, EXTERNAL).filter((f) => f.path.endsWith("metadata.template.json"));
    const result = importOpenLineage(seed, { models: [/^(delivery_times_7_days|orders_popular_day_of_week)$/] });
    expect(result.counts).toEqual({ models: 2, services: 11, datasets: 10, skippedJobs: 0 });
    const docs = result.files[0]!.documents;
    const byName = new Map(docs.map((d) => [d.name, d]));
    expect(byName.get("public.orders_7_days")).toMatchObject({ kind: "Dataset", derivedFrom: ["public.categories", "public.menu_items", "public.menus", "public.orders"], lineage: { namespace: "food_delivery", name: "public.orders_7_days" } });
    expect(byName.get("orders_popular_day_of_week")).toMatchObject({ kind: "Model", inputs: ["delivery_times_7_days/public.top_delivery_times", "public.customers"] });
    expect(byName.get("email_discounts")).toMatchObject({ kind: "Service", consumes: ["delivery_times_7_days/public.discounts", "public.customers"], description: "Email discounts to customers that have experienced order delays." });
    const text = renderImportedFile(result.files[0]!);
    expect(text.startsWith("# Imported by `loopscope import openlineage` (OpenLineage namespace food_delivery) from:\n#   marquez/metadata.template.json\n")).toBe(true);
  });

  it("each file's header names the event files its documents came from, not every input file", () => {
    const event = (namespace: string, job: string) => ({ eventType: "COMPLETE", run: { runId: job }, job: { namespace, name: job }, inputs: [{ namespace, name: `${job}-in` }], outputs: [] });
    const files = [
      { path: "events/b.json", text: JSON.stringify([event("billing", "invoice")]) },
      { path: "events/a.json", text: JSON.stringify([event("airflow", "mailer"), event("billing", "refund")]) },
      { path: "events/c.json", text: JSON.stringify([event("airflow", "digest")]) },
    ];
    const headers = Object.fromEntries(importOpenLineage(files).files.map((f) => [f.path, f.header.filter((line) => line.startsWith("  "))]));
    expect(headers).toEqual({ "airflow.yaml": ["  events/a.json", "  events/c.json"], "billing.yaml": ["  events/a.json", "  events/b.json"] });
  });

  it("a job type facet marks ML models; dbt's MODEL job type stays a Service", () => {
    const event = (jobType: string) => ({ eventType: "COMPLETE", run: { runId: jobType }, job: { namespace: "ml", name: `job-${jobType}`, facets: { jobType: { processingType: "BATCH", integration: "X", jobType } } }, inputs: [{ namespace: "db", name: "features" }], outputs: [{ namespace: "db", name: `out-${jobType}` }] });
    const result = importOpenLineage([{ path: "e.json", text: JSON.stringify([event("ML_MODEL"), event("MODEL")]) }]);
    const kinds = result.files.flatMap((f) => f.documents).filter((d) => d.kind !== "Dataset").map((d) => [d.name, d.kind]);
    expect(kinds).toEqual([["job-ML_MODEL", "Model"], ["job-MODEL", "Service"]]);
  });

  it("two entities mapped to one name: the first by key keeps it, the other is numbered, with a notice at its entry", () => {
    const event = (job: string, namespace = "airflow") => ({ eventType: "COMPLETE", run: { runId: job }, job: { namespace, name: job }, inputs: [{ namespace: "pg", name: "orders" }], outputs: [{ namespace: "pg", name: "scores" }] });
    const files = [{ path: "e.json", text: JSON.stringify([event("score_v2"), event("score_v1"), event("score", "dagster"), event("score", "other")]) }];
    const mapping = { models: [], services: [], modelJobTypes: [], names: { score_v1: "scorer", score_v2: "scorer", score: "scorer-2", "pg/scores": "scorer" } };
    const origin = { file: "mapping.yaml", names: { score_v1: { line: 2, column: 3 }, score_v2: { line: 3, column: 3 }, score: { line: 4, column: 3 }, "pg/scores": { line: 5, column: 3 } } };
    const result = importOpenLineage(files, { mapping, mappingOrigin: origin });
    const names = result.files.flatMap((f) => f.documents).map((d) => `${d.kind} ${d.name}`);
    expect(names.sort()).toEqual(["Dataset orders", "Dataset scorer", "Service scorer-2", "Service scorer-2-2", "Service scorer-3", "Service scorer-4"]);
    // Keys sort datasets before jobs, then by namespace and name.
    expect(result.notices).toEqual([
      // Names are unique across kinds.
      { file: "mapping.yaml", line: 2, column: 3, message: "dataset pg/scores and job airflow/score_v1 are both mapped to scorer (mapping.yaml:5:3 and mapping.yaml:2:3); a name names one document, so job airflow/score_v1 is imported as scorer-3 (map it to a name of its own)" },
      { file: "mapping.yaml", line: 3, column: 3, message: "dataset pg/scores and job airflow/score_v2 are both mapped to scorer (mapping.yaml:5:3 and mapping.yaml:3:3); a name names one document, so job airflow/score_v2 is imported as scorer-4 (map it to a name of its own)" },
      // One entry without a namespace names two jobs.
      { file: "mapping.yaml", line: 4, column: 3, message: "job dagster/score and job other/score are both mapped to scorer-2 by one entry (mapping.yaml:4:3); a name names one document, so job other/score is imported as scorer-2-2 (map it to a name of its own)" },
    ]);
    const { report } = analyze(render(result.files));
    expect(report.findings.filter((f) => f.rule === "duplicate-name")).toEqual([]);
    // Without positions (a mapping given through the API) the notice names no place.
    expect(importOpenLineage(files, { mapping }).notices[0]).toEqual({ message: "dataset pg/scores and job airflow/score_v1 are both mapped to scorer; a name names one document, so job airflow/score_v1 is imported as scorer-3 (map it to a name of its own)" });
    // Only the mapping's own entries count: a job named constructor was given Object's constructor (an internal error).
    expect(jobMatcher(mapping).nameFor({ namespace: "a", name: "constructor" })).toBeUndefined();
    // The event order does not decide who keeps the name.
    expect(render(importOpenLineage([{ path: "e.json", text: JSON.stringify(JSON.parse(files[0]!.text).reverse()) }], { mapping, mappingOrigin: origin }).files)).toEqual(render(result.files));
  });

  it("maps a job called __proto__ like any other (zod's record drops that key; the entry was ignored)", () => {
    const parsed = parseImportMapping({ names: JSON.parse('{"__proto__": "proto-job", "a": "b"}') as unknown });
    expect(parsed.success).toBe(true);
    const mapping = parsed.data!;
    expect(Object.getPrototypeOf(mapping.names)).toBe(Object.prototype);
    const event = { eventType: "COMPLETE", eventTime: "2026-11-01T10:00:00Z", run: { runId: "r" }, job: { namespace: "ns", name: "__proto__" }, inputs: [{ namespace: "ns", name: "a" }] };
    const result = importOpenLineage([{ path: "e.ndjson", text: JSON.stringify(event) }], { mapping });
    expect(result.files[0]!.documents.map((d) => d.name)).toEqual(["proto-job", "b"]);
    const bad = parseImportMapping({ names: JSON.parse('{"__proto__": "not a/valid/name"}') as unknown });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(["names", "__proto__"]);
  });

  it("does not write a namespace's manifests under the name of Loopscope's own config", () => {
    const event = { eventType: "COMPLETE", eventTime: "2026-11-01T10:00:00Z", run: { runId: "r" }, job: { namespace: "loopscope.config", name: "j" }, inputs: [{ namespace: "loopscope.config", name: "a" }] };
    const result = importOpenLineage([{ path: "e.ndjson", text: JSON.stringify(event) }]);
    expect(result.files.map((f) => f.path)).toEqual(["loopscope.config-namespace.yaml"]);
    // In any case: macOS and Windows find the config under any spelling.
    const upper = importOpenLineage([{ path: "e.ndjson", text: JSON.stringify({ ...event, job: { namespace: "Loopscope.Config", name: "j" }, inputs: [{ namespace: "Loopscope.Config", name: "a" }] }) }]);
    expect(upper.files.map((f) => f.path)).toEqual(["Loopscope.Config-namespace.yaml"]);
  });

  it("keeps the self-cycle of a job that reads and writes one table without deriving a dataset from itself", () => {
    const full = sourcesUnder(`${EXTERNAL}openlineage`, EXTERNAL).filter((f) => f.path.endsWith("example_full_event.json"));
    const docs = importOpenLineage(full).files.flatMap((f) => f.documents);
    // Files are per namespace: my-datasource-namespace.yaml sorts before my-scheduler-namespace.yaml.
    expect(docs.map((d) => [d.kind, d.name, d["consumes"] ?? d["derivedFrom"]])).toEqual([
      ["Dataset", "instance.schema.table", undefined],
      ["Service", "myjob.mytask", ["instance.schema.table"]],
    ]);
  });
});

describe("import dbt", () => {
  const source = { path: "manifest.json", text: readFileSync(`${EXTERNAL}openlineage/dbt-jaffle_shop/manifest.json`, "utf8") };

  it("imports jaffle_shop into datasets whose lineage matches dbt's graph", () => {
    const result = dbtToManifests(source);
    expect(result.notices).toEqual([]);
    expect(result.counts).toEqual({ models: 0, services: 0, datasets: 8, skippedJobs: 0 });
    const docs = result.files[0]!.documents;
    // dbt: 5 models + 3 seeds are tables; the 20 tests are not.
    const manifest = JSON.parse(source.text) as { nodes: Record<string, { resource_type: string; name: string; depends_on: { nodes: string[] } }> };
    const tables = Object.values(manifest.nodes).filter((n) => n.resource_type !== "test");
    expect(docs.map((d) => d.name).sort()).toEqual(tables.map((n) => n.name).sort());
    for (const node of tables) {
      const doc = docs.find((d) => d.name === node.name)!;
      expect((doc["derivedFrom"] as string[] | undefined) ?? []).toEqual(node.depends_on.nodes.map((id) => id.split(".").pop()).sort());
    }
    const edges = docs.reduce((n, d) => n + ((d["derivedFrom"] as string[] | undefined)?.length ?? 0), 0);
    expect(edges).toBe(8); // customers 3, orders 2, each stg_* 1
    expect(docs.find((d) => d.name === "customers")).toMatchObject({ derivedFrom: ["stg_customers", "stg_orders", "stg_payments"], lineage: { namespace: "postgres", name: "postgres.public.customers" } });
    const { report } = analyze(render(result.files));
    expect(report.summary).toMatchObject({ datasets: 8, edges: 8 });
  });

  it("dataset lineage names match the OpenLineage dbt integration's run events", () => {
    const docs = dbtToManifests(source).files[0]!.documents;
    const events = JSON.parse(readFileSync(`${EXTERNAL}openlineage/dbt-jaffle_shop/successful_run_ol_events.json`, "utf8")) as { outputs?: { name: string }[] }[];
    const written = new Set(events.flatMap((e) => (e.outputs ?? []).map((o) => o.name)));
    expect([...written].sort()).toEqual(docs.filter((d) => !d.name.startsWith("raw_")).map((d) => (d["lineage"] as { name: string }).name).sort());
  });

  it("says where a table's fields have the wrong type, skips a table with no name, and names a table by its alias only when the alias is text", () => {
    const manifest = {
      metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json", adapter_type: "postgres" },
      nodes: {
        "model.p.nameless": { resource_type: "model", package_name: "p", name: null, database: "d", schema: "s" },
        "model.p.typed": { resource_type: "model", package_name: "p", name: "typed", database: 7, schema: "s", depends_on: { nodes: "model.p.aliased" } },
        "model.p.aliased": { resource_type: "model", package_name: "p", name: "aliased", alias: "", database: "d", schema: "s", depends_on: null },
        "model.p.good": { resource_type: "model", package_name: "p", name: "good", database: "d", schema: "s", depends_on: { nodes: ["model.p.aliased"] } },
      },
    };
    const result = dbtToManifests({ path: "manifest.json", text: JSON.stringify(manifest, null, 2) });
    expect(result.notices.map((n) => `${n.line}:${n.column} ${n.message}`)).toEqual([
      "7:25 nodes.model.p.nameless: has no table name (alias, identifier or name as text); skipped",
      expect.stringMatching(/^\d+:\d+ nodes\.model\.p\.typed: database is number, expected text; left out of the table's lineage name$/),
      expect.stringMatching(/^\d+:\d+ nodes\.model\.p\.aliased: depends_on\.nodes is not a list of node ids; its lineage is left out$/),
    ]);
    const docs = result.files[0]!.documents;
    expect(docs.map((d) => [d.name, (d["lineage"] as { name: string }).name, d["derivedFrom"]])).toEqual([
      ["aliased", "d.s.aliased", undefined],
      ["good", "d.s.good", ["aliased"]],
      ["typed", "s.typed", undefined],
    ]);
  });

  it("imports a project whose compiled SQL is longer than a manifest string may be, or nested deeper", () => {
    const manifest = JSON.parse(source.text) as { nodes: Record<string, Record<string, unknown>> };
    const first = Object.keys(manifest.nodes).sort()[0]!;
    manifest.nodes[first]!["compiled_code"] = "select 1 -- ".padEnd(70 * 1024, "x");
    let deep: unknown = "leaf";
    for (let i = 0; i < 100; i++) deep = { config: deep };
    manifest.nodes[first]!["meta"] = deep;
    const result = dbtToManifests({ path: "manifest.json", text: JSON.stringify(manifest) });
    expect(result.notices).toEqual([]);
    expect(result.counts).toEqual(dbtToManifests(source).counts);
  });

  it("says so when the file is not a dbt manifest", () => {
    const result = dbtToManifests({ path: "x.json", text: "{\"nodes\": {}}" });
    expect(result.files).toEqual([]);
    expect(result.notices).toEqual([{ file: "x.json", line: 1, column: 1, message: "not a dbt manifest.json (no `metadata.dbt_schema_version` and `nodes`); nothing imported" }]);
    expect(parseAllDocuments("").length).toBe(0);
  });
});
