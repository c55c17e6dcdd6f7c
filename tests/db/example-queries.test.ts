import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "sql.js";
import { EXAMPLE_QUERIES, nothingButComments, runReadOnlyQuery } from "../../analyzer/db/index.js";
import type { Analysis } from "../../analyzer/index.js";
import { bikeShopDatabase } from "./helpers.js";

let db: Database;
let analysis: Analysis;
let nodeCount = 0;
beforeAll(async () => {
  const loaded = await bikeShopDatabase();
  db = loaded.db;
  analysis = loaded.analysis;
  nodeCount = loaded.analysis.graph.nodes.length;
});

/** Runs one example by id and returns its rows as objects. */
function answer(id: string): Record<string, unknown>[] {
  const query = EXAMPLE_QUERIES.find((q) => q.id === id);
  if (!query) throw new Error(`no example ${id}`);
  const result = runReadOnlyQuery(db, query.sql);
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]])));
}
const sortedList = (value: unknown) => String(value).split(",").sort().join(",");

describe("the ten example queries answer their questions on samples/bike-shop", () => {
  test("there are ten, with unique ids, and every declared node column is in the result", () => {
    expect(EXAMPLE_QUERIES).toHaveLength(10);
    expect(new Set(EXAMPLE_QUERIES.map((q) => q.id)).size).toBe(10);
    for (const q of EXAMPLE_QUERIES) {
      const result = runReadOnlyQuery(db, q.sql);
      if (q.nodeColumn) expect(result.columns, q.id).toContain(q.nodeColumn);
    }
  });

  test("teams sharing an outcome: discovery and pricing both move purchases (the hidden loop) and the storefront's events", () => {
    expect(answer("shared-outcomes")).toEqual([
      { outcome: "order-events", team: "team-discovery", model: "bike-recommender", other_team: "team-pricing", other_model: "dynamic-pricing" },
      { outcome: "purchases", team: "team-discovery", model: "bike-recommender", other_team: "team-pricing", other_model: "dynamic-pricing" },
      { outcome: "web-events", team: "team-discovery", model: "bike-recommender", other_team: "team-pricing", other_model: "dynamic-pricing" },
    ]);
  });

  test("datasets feeding the most loops: purchases and order-events feed all three", () => {
    const rows = answer("datasets-feeding-loops");
    expect(rows.slice(0, 2).map((r) => [r["dataset"], r["loops"]])).toEqual([
      ["order-events", 3],
      ["purchases", 3],
    ]);
    expect(rows.find((r) => r["dataset"] === "competitor-prices")).toMatchObject({ loops: 2, inside_a_loop: 0 });
    expect(rows.find((r) => r["dataset"] === "purchases")).toMatchObject({ inside_a_loop: 1 });
    // fraud-score is in no loop, so a dataset only it reads would not appear; every row feeds one
    expect(rows.every((r) => Number(r["loops"]) >= 1)).toBe(true);
  });

  test("unmonitored models in a loop: pricing and forecast, not the drift-monitored recommender", () => {
    expect(answer("unmonitored-loop-models").map((r) => [r["model"], r["loops"]])).toEqual([
      ["dynamic-pricing", 2],
      ["demand-forecast", 1],
    ]);
  });

  test("longest model chains: dynamic-pricing feeds demand-forecast", () => {
    expect(answer("longest-model-chains")).toEqual([{ first_model: "dynamic-pricing", last_model: "demand-forecast", length: 2, chain: "dynamic-pricing → demand-forecast" }]);
  });

  test("owners with the most unacknowledged debt: per owner, the open findings naming one of their models; errors first", () => {
    // Oracle straight from the report: a finding counts for every owner of a model it names.
    const ownerOf = new Map(analysis.graph.nodes.filter((n) => n.kind === "model").map((n) => [n.id, n.owner ?? "(no owner)"]));
    const expected = new Map<string, { findings: number; errors: number; warnings: number; infos: number }>();
    for (const f of analysis.report.findings.filter((x) => !x.acknowledged)) {
      for (const owner of new Set(f.models.map((m) => ownerOf.get(m) ?? "(no owner)"))) {
        const row = expected.get(owner) ?? { findings: 0, errors: 0, warnings: 0, infos: 0 };
        row.findings++;
        row[f.severity === "error" ? "errors" : f.severity === "warning" ? "warnings" : "infos"]++;
        expected.set(owner, row);
      }
    }
    const rows = answer("owners-unacknowledged-debt");
    expect(Object.fromEntries(rows.map((r) => [r["owner"], { findings: r["findings"], errors: r["errors"], warnings: r["warnings"], infos: r["infos"] }]))).toEqual(Object.fromEntries(expected));
    const key = (r: Record<string, unknown>) => [Number(r["errors"]), Number(r["warnings"]), Number(r["findings"])];
    const notBefore = (a: number[], b: number[]) => a.findIndex((x, i) => x !== b[i]) === -1 || (a.find((x, i) => x !== b[i]) ?? 0) > (b[a.findIndex((x, i) => x !== b[i])] ?? 0);
    for (let i = 1; i < rows.length; i++) expect(notBefore(key(rows[i - 1]!), key(rows[i]!)), `row ${i} ordered by errors, warnings, findings`).toBe(true);
    // The hidden loop is an error for all three loop teams; fraud-score's missing owner shows as its own line.
    expect(rows.slice(0, 3).map((r) => r["owner"]).sort()).toEqual(["team-discovery", "team-pricing", "team-supply"]);
    expect(rows.map((r) => r["owner"])).toContain("(no owner)");
  });

  test("the SQL answers agree with the rules that find the same debt", () => {
    const modelsOf = (rule: string) => [...new Set(analysis.report.findings.filter((f) => f.rule === rule).flatMap((f) => f.models))].sort();
    expect(answer("unmonitored-loop-models").map((r) => r["model"]).sort()).toEqual(modelsOf("unmonitored-loop"));
    expect(answer("loop-models-without-holdout").map((r) => r["model"]).sort()).toEqual(modelsOf("loop-without-holdout"));
    expect(answer("unpinned-cross-team-reads").flatMap((r) => [r["reader"], r["producer"]]).sort()).toEqual(modelsOf("unstable-data-dependency"));
    expect(answer("shared-outcomes").flatMap((r) => [r["model"], r["other_model"]]).filter((m, i, a) => a.indexOf(m) === i).sort()).toEqual(modelsOf("shared-outcome"));
  });

  test("every loop with its walk: the hidden loop first, closed through purchases", () => {
    const rows = answer("loops-with-walks");
    expect(rows.map((r) => [r["kind"], r["models"]])).toEqual([
      ["hidden", "bike-recommender, demand-forecast, dynamic-pricing"],
      ["direct", "bike-recommender"],
      ["direct", "dynamic-pricing"],
    ]);
    for (const row of rows) {
      const steps = String(row["walk"]).split(" → ");
      expect(steps[0]).toBe(steps[steps.length - 1]);
      expect(steps).toContain("purchases");
    }
  });

  test("cross-team reads without a version pin: demand-forecast reads the price unpinned", () => {
    expect(answer("unpinned-cross-team-reads")).toEqual([
      {
        reader: "demand-forecast",
        reader_owner: "team-supply",
        output: "dynamic-pricing/price",
        producer: "dynamic-pricing",
        producer_owner: "team-pricing",
        use: "serving",
        file: "samples/bike-shop/models/demand-forecast.yaml",
        line: expect.any(Number),
      },
    ]);
  });

  test("loop models without a holdout: forecast (no deployment) and pricing (full rollout); the canary recommender keeps 2%", () => {
    expect(answer("loop-models-without-holdout").map((r) => [r["model"], r["strategy"], r["holdout"]])).toEqual([
      ["demand-forecast", null, null],
      ["dynamic-pricing", "full", null],
    ]);
  });

  test("blast radius: each loop model reaches the other three models and itself; fraud-score reaches none", () => {
    const rows = answer("blast-radius");
    expect(rows.map((r) => [r["model"], r["downstream_models"], r["feeds_back_to_itself"]])).toEqual([
      ["bike-recommender", 3, 1],
      ["demand-forecast", 3, 1],
      ["dynamic-pricing", 3, 1],
      ["fraud-score", 0, 0],
    ]);
    expect(sortedList(rows[0]?.["reaches"])).toBe("demand-forecast,dynamic-pricing,fraud-score");
  });

  test("services that close a loop: the storefront and the purchasing planner", () => {
    expect(answer("services-in-loops").map((r) => [r["service"], r["owner"], r["loops"]])).toEqual([
      ["purchasing-planner", "team-supply", 1],
      ["storefront", "team-web", 1],
    ]);
  });

  test("queries are read-only and SQL errors come back as messages", () => {
    expect(() => runReadOnlyQuery(db, "DELETE FROM nodes")).toThrow(/readonly/);
    expect(() => runReadOnlyQuery(db, "SELEC * FROM nodes")).toThrow(/syntax error/);
    expect(runReadOnlyQuery(db, "SELECT count(*) AS n FROM nodes").rows).toEqual([[nodeCount]]);
    // query_only is set again before each statement: turning it off changes nothing after.
    expect(() => runReadOnlyQuery(db, "PRAGMA query_only = OFF; DELETE FROM nodes")).toThrow(/readonly/);
    expect(runReadOnlyQuery(db, "SELECT count(*) FROM nodes").rows).toEqual([[nodeCount]]);
  });

  test("the last statement's result, even when empty; earlier statements' rows are dropped", () => {
    expect(runReadOnlyQuery(db, "SELECT 1 AS a; SELECT 2 AS b; -- the end\n/* really */ ;")).toEqual({ columns: ["b"], rows: [[2]] });
    expect(runReadOnlyQuery(db, "SELECT 1 AS a; SELECT id FROM nodes WHERE 0")).toEqual({ columns: ["id"], rows: [] });
    expect(runReadOnlyQuery(db, "SELECT 1; PRAGMA query_only = ON")).toEqual({ columns: [], rows: [] });
  });

  test("at most maxRows rows are kept, and a longer result says it was cut", () => {
    const endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c";
    expect(runReadOnlyQuery(db, endless, 3)).toEqual({ columns: ["x"], rows: [[1], [2], [3]], truncated: true });
    expect(runReadOnlyQuery(db, `${endless} LIMIT 3`, 3)).toEqual({ columns: ["x"], rows: [[1], [2], [3]] });
  });

  test("what may follow the last statement", () => {
    for (const rest of ["", " ;\n\t", "-- note", "-- a\n-- b\n", "/* x */", "/* never closed", "; /* a */ -- b"]) expect(nothingButComments(rest), rest).toBe(true);
    for (const rest of ["SELECT 1", "/* x */ SELECT 1", "-- a\nSELECT 1", "- 1", "/ 2"]) expect(nothingButComments(rest), rest).toBe(false);
  });
});
