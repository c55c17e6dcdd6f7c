import { describe, expect, test } from "vitest";
import { listRuns, openDatabase, readFindings, readSources, rows, SCHEMA_VERSION, schemaVersionOf, withRoomFor, writeSnapshot, appendRun } from "../../analyzer/db/index.js";
import { loadSqlJs } from "../../src/io/database-file.js";
import { analyzeDocs, dataset, filesOf, model } from "../helpers/estate.js";
import { bikeShop } from "./helpers.js";

describe("schema round trip: report → database → the same findings back", () => {
  test("bike-shop: every finding, field for field, in report order", async () => {
    const { sources, analysis } = bikeShop();
    const db = openDatabase(await loadSqlJs());
    writeSnapshot(db, analysis, sources);
    expect(analysis.report.findings.length).toBeGreaterThan(0);
    expect(readFindings(db)).toEqual(analysis.report.findings);
  });

  test("acknowledged findings keep their reason and expiry; data and walks survive", async () => {
    const docs = [
      model("ranker", {
        inputs: [{ from: "clicks", use: "training" }],
        outputs: [{ name: "top", influences: ["clicks"] }],
        acknowledge: [{ rule: "direct-feedback-loop", reason: "5% exploration traffic", expires: "2027-06-30" }],
      }),
      dataset("clicks"),
      model("pricer", { inputs: [{ from: "sales", use: "training" }] }),
    ];
    const analysis = analyzeDocs(docs);
    const acknowledged = analysis.report.findings.find((f) => f.acknowledged);
    expect(acknowledged?.acknowledged).toEqual({ reason: "5% exploration traffic", expires: "2027-06-30" });
    const db = openDatabase(await loadSqlJs());
    writeSnapshot(db, analysis, filesOf(docs));
    expect(readFindings(db)).toEqual(analysis.report.findings);
    expect(rows(db, "SELECT rule, acknowledged, reason, expires FROM findings WHERE acknowledged = 1")).toEqual([
      { rule: "direct-feedback-loop", acknowledged: 1, reason: "5% exploration traffic", expires: "2027-06-30" },
    ]);
  });

  test("the file itself round-trips: export → reopen gives the same snapshot, version and sources", async () => {
    const SQL = await loadSqlJs();
    const { sources, analysis } = bikeShop();
    const db = openDatabase(SQL);
    writeSnapshot(db, analysis, sources);
    appendRun(db, analysis, { time: "2026-11-28T10:00:00.000Z", source: "samples/bike-shop" });
    const reopened = openDatabase(SQL, db.export());
    expect(schemaVersionOf(reopened)).toBe(SCHEMA_VERSION);
    expect(reopened.exec("PRAGMA user_version")[0]?.values[0]?.[0]).toBe(SCHEMA_VERSION);
    expect(readFindings(reopened)).toEqual(analysis.report.findings);
    expect(readSources(reopened)).toEqual([...sources].sort((a, b) => (a.path < b.path ? -1 : 1)));
    expect(listRuns(reopened).map((r) => r.findings)).toEqual([analysis.report.findings.length]);
  });

  test("nodes, edges, loops and manifests match the analysis", async () => {
    const { sources, analysis } = bikeShop();
    const db = openDatabase(await loadSqlJs());
    writeSnapshot(db, analysis, sources);
    const count = (table: string) => rows(db, `SELECT count(*) AS n FROM ${table}`)[0]?.["n"];
    expect(count("nodes")).toBe(analysis.graph.nodes.length);
    expect(count("edges")).toBe(analysis.graph.edges.length);
    expect(count("loops")).toBe(analysis.graph.loops.length);
    expect(count("manifests")).toBe(analysis.report.summary.documents);
    // The hidden loop's walk comes from its finding and closes on itself.
    const hidden = rows(db, "SELECT models, walk FROM loops WHERE kind = 'hidden'");
    expect(hidden).toHaveLength(1);
    expect(hidden[0]?.["models"]).toBe("bike-recommender, demand-forecast, dynamic-pricing");
    expect(String(hidden[0]?.["walk"])).toMatch(/^bike-recommender → .* → purchases → bike-recommender$/);
    // Each YAML document of the multi-document datasets file is its own manifest row with its raw text.
    const purchases = rows(db, "SELECT file, kind, owner, raw FROM manifests WHERE name = 'purchases'");
    expect(purchases).toEqual([{ file: "samples/bike-shop/datasets/commerce.yaml", kind: "Dataset", owner: "data-platform", raw: expect.stringContaining("derivedFrom: [order-events]") }]);
    expect(String(purchases[0]?.["raw"])).not.toContain("name: clickstream");
  });

  test("a second snapshot replaces the first instead of adding to it", async () => {
    const { sources, analysis } = bikeShop();
    const db = openDatabase(await loadSqlJs());
    writeSnapshot(db, analysis, sources);
    const smaller = analyzeDocs([model("solo")]);
    writeSnapshot(db, smaller, filesOf([model("solo")]));
    expect(rows(db, "SELECT id FROM nodes")).toEqual([{ id: "solo" }]);
    expect(readFindings(db)).toEqual(smaller.report.findings);
    expect(rows(db, "SELECT count(*) AS n FROM loops")[0]?.["n"]).toBe(0);
  });
});

describe("opening files that are not Loopscope databases", () => {
  test("random bytes and foreign SQLite files are refused with a message", async () => {
    const SQL = await loadSqlJs();
    expect(() => openDatabase(SQL, new TextEncoder().encode("apiVersion: loopscope/v1\n".repeat(300)))).toThrow(/not a SQLite database/);
    const foreign = new SQL.Database();
    foreign.run("CREATE TABLE t (x)");
    expect(() => openDatabase(SQL, foreign.export())).toThrow(/not one written by Loopscope/);
  });

  test("a file from a newer schema is refused rather than misread", async () => {
    const SQL = await loadSqlJs();
    const db = openDatabase(SQL);
    db.run("UPDATE schema_version SET version = ?", [SCHEMA_VERSION + 1]);
    expect(() => openDatabase(SQL, db.export())).toThrow(/newer Loopscope/);
  });

  test("a view or trigger in place of Loopscope's tables is refused; a user's own view is kept", async () => {
    const SQL = await loadSqlJs();
    const endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x AS id FROM c";
    const shadowed = openDatabase(SQL);
    shadowed.run(`DROP TABLE runs; CREATE VIEW runs AS ${endless}`);
    expect(() => openDatabase(SQL, shadowed.export())).toThrow('it has a view named "runs" on or in place of Loopscope\'s tables');
    const triggered = openDatabase(SQL);
    triggered.run("CREATE TRIGGER sneaky AFTER INSERT ON findings BEGIN DELETE FROM runs; END");
    expect(() => openDatabase(SQL, triggered.export())).toThrow('it has a trigger named "sneaky"');
    const own = openDatabase(SQL);
    own.run("CREATE VIEW my_models AS SELECT id FROM nodes WHERE kind = 'model'");
    expect(openDatabase(SQL, own.export()).exec("SELECT count(*) FROM my_models")[0]?.values).toEqual([[0]]);
  });
});

describe("room made before a big write (make-room.ts)", () => {
  test("the saved file holds the database's pages only, the same tables as without room, and replacing a snapshot keeps one", async () => {
    const SQL = await loadSqlJs();
    const { sources, analysis } = bikeShop();
    const plain = openDatabase(SQL);
    writeSnapshot(plain, analysis, sources);
    const roomy = withRoomFor(SQL, openDatabase(SQL), sources);
    roomy.exec("BEGIN");
    writeSnapshot(roomy, analysis, sources);
    appendRun(roomy, analysis, { time: "2026-11-28T00:00:00Z", source: "samples/bike-shop" });
    roomy.exec("COMMIT");
    const bytes = roomy.export();
    const pages = rows(roomy, "PRAGMA page_count")[0]!["page_count"] as number;
    const pageSize = rows(roomy, "PRAGMA page_size")[0]!["page_size"] as number;
    // The room was 20 bytes per manifest character plus 8 MB; none of it is left in the file.
    expect(bytes.length).toBe(pages * pageSize);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const reopened = openDatabase(SQL, bytes);
    expect(readFindings(reopened)).toEqual(readFindings(plain));
    expect(readSources(reopened)).toEqual(readSources(plain));
    // A second snapshot replaces the first (tables dropped and made again), the history grows.
    writeSnapshot(reopened, analysis, sources);
    expect(rows(reopened, "SELECT count(*) AS n FROM findings")[0]!["n"]).toBe(analysis.report.findings.length);
    expect(listRuns(reopened)).toHaveLength(1);
    expect(rows(reopened, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
  });
});
