import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadSqlJs } from "../../src/io/database-file.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { filesOf } from "../helpers/estate.js";
import { analyseVersions, ESTATE_VERSIONS, expectedDiff, fingerprintsOf } from "./estates.js";
import { HAS_SQLITE3, SQLITE3_MISSING, sqlite3Json } from "./sqlite3.js";

const dir = mkdtempSync(join(tmpdir(), "loopscope-db-cli-"));
const db = join(dir, "history.sqlite");
const estate = join(dir, "estate");
// The same documents analysed in-process: fingerprints do not depend on paths, so these are the oracle.
const analyses = analyseVersions();
const counts = (i: number) => analyses[i]!.report.summary.bySeverity;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Replaces the estate folder's files with one version. */
function writeEstate(version: number): void {
  rmSync(estate, { recursive: true, force: true });
  mkdirSync(estate);
  for (const file of filesOf(ESTATE_VERSIONS[version] ?? [])) writeFileSync(join(estate, file.path), file.text);
}

// "Done when": three lint runs with --db over an estate that gains and loses findings.
beforeAll(() => {
  for (const [version, commit] of [[0, "aaaa111"], [1, "bbbb222"], [2, "cccc333"]] as const) {
    writeEstate(version);
    const lint = runCli(["lint", "estate", "--db", "history.sqlite", "--fail-on", "never"], { cwd: dir, env: { LOOPSCOPE_COMMIT: commit } });
    expect(lint.code, lint.stderr).toBe(0);
    expect(lint.stderr).toContain(`recorded run ${version + 1} in history.sqlite`);
  }
});

// Each test spawns the CLI a few times; on a busy 2-core machine one spawn can take seconds.
describe("lint --db, history and query tell the same story", { timeout: 120_000 }, () => {
  test("history: counts per run, then introduced and fixed between the last two", () => {
    const result = runCli(["history", db]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(/^run\s+time\s+commit\s+source\s+errors\s+warnings\s+info\s+total/);
    ["aaaa111", "bbbb222", "cccc333"].forEach((commit, i) => {
      const c = counts(i);
      expect(lines[2 + i]).toMatch(new RegExp(`^\\s*${i + 1}\\s.*${commit}\\s+estate\\s+${c.error}\\s+${c.warning}\\s+${c.info}\\s+${analyses[i]!.report.findings.length}\\s+0$`));
    });
    const diff = expectedDiff(analyses[1]!, analyses[2]!);
    expect(result.stdout).toContain(`From run 2 to run 3: ${diff.introduced.length} introduced, ${diff.fixed.length} fixed, ${diff.stillOpen.length} still open`);
    expect(result.stdout).toMatch(/Fixed \(\d+\):\n[^]*warning\s+direct-feedback-loop/);
    for (const fingerprint of diff.fixed) expect(result.stdout).toContain(fingerprint);
  });

  test("history --from/--to and --format json", () => {
    const result = runCli(["history", db, "--from", "1", "--to", "2", "--format", "json"]);
    expect(result.code, result.stderr).toBe(0);
    type F = { rule: string; fingerprint: string };
    const parsed = JSON.parse(result.stdout) as { runs: { id: number }[]; diff: { introduced: F[]; fixed: F[]; stillOpen: F[] } };
    expect(parsed.runs.map((r) => r.id)).toEqual([1, 2, 3]);
    const expected = expectedDiff(analyses[0]!, analyses[1]!);
    expect({ introduced: fingerprintsOf(parsed.diff.introduced), fixed: fingerprintsOf(parsed.diff.fixed), stillOpen: fingerprintsOf(parsed.diff.stillOpen) }).toEqual(expected);
    expect(parsed.diff.introduced.map((f) => f.rule)).toContain("unknown-reference");
    expect(parsed.diff.fixed.map((f) => f.rule)).toContain("undeclared-dataset");
  });

  test.skipIf(!HAS_SQLITE3)(`sqlite3 sees the same runs and the same fixed finding${HAS_SQLITE3 ? "" : ` (skipped: ${SQLITE3_MISSING})`}`, () => {
    expect(sqlite3Json(db, "SELECT id, git_commit, errors, warnings, infos FROM runs ORDER BY id")).toEqual(
      ["aaaa111", "bbbb222", "cccc333"].map((commit, i) => ({ id: i + 1, git_commit: commit, errors: counts(i).error, warnings: counts(i).warning, infos: counts(i).info })),
    );
    const fixed = sqlite3Json(db, "SELECT fingerprint FROM run_findings WHERE run_id = 2 EXCEPT SELECT fingerprint FROM run_findings WHERE run_id = 3 ORDER BY 1");
    expect(fixed.map((r) => r["fingerprint"])).toEqual(expectedDiff(analyses[1]!, analyses[2]!).fixed);
    expect(sqlite3Json(db, "SELECT file, kind, name FROM manifests ORDER BY file")).toEqual([
      { file: "estate/clicks.yaml", kind: "Dataset", name: "clicks" },
      { file: "estate/forecast.yaml", kind: "Model", name: "forecast" },
      { file: "estate/pricer.yaml", kind: "Model", name: "pricer" },
      { file: "estate/ranker.yaml", kind: "Model", name: "ranker" },
      { file: "estate/sales.yaml", kind: "Dataset", name: "sales" },
    ]);
  });

  test("query prints a table, JSON or CSV", () => {
    const sql = "SELECT id, errors, source FROM runs ORDER BY id";
    const table = runCli(["query", db, sql]);
    expect(table.code, table.stderr).toBe(0);
    const e = [0, 1, 2].map((i) => String(counts(i).error));
    const w = Math.max(6, ...e.map((x) => x.length));
    expect(table.stdout).toBe(`id  ${"errors".padEnd(w)}  source\n--  ${"-".repeat(w)}  ------\n${e.map((x, i) => ` ${i + 1}  ${x.padStart(w)}  estate\n`).join("")}`);
    const json = runCli(["query", db, sql, "--format", "json"]);
    expect(JSON.parse(json.stdout)).toEqual([0, 1, 2].map((i) => ({ id: i + 1, errors: counts(i).error, source: "estate" })));
    const csv = runCli(["query", db, "SELECT 'a,b' AS x, 'say \"hi\"' AS y, NULL AS z", "-f", "csv"]);
    expect(csv.stdout, csv.stderr).toBe('x,y,z\n"a,b","say ""hi""",\n');
  });

  test("query is read-only and SQL mistakes are one clean line, exit 2", () => {
    const write = runCli(["query", db, "DELETE FROM runs"]);
    expect(write.code).toBe(2);
    expect(write.stderr).toBe("loopscope query: SQL error: attempt to write a readonly database\n");
    expect(runCli(["query", db, "SELECT count(*) FROM runs", "-f", "csv"]).stdout).toBe("count(*)\n3\n");
    const typo = runCli(["query", db, "SELEC 1"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/^loopscope query: SQL error: near "SELEC": syntax error\n$/);
  });

  test("SQL that turns query_only off still cannot write", () => {
    const sneaky = runCli(["query", db, "PRAGMA query_only = OFF; DELETE FROM runs"]);
    expect(sneaky.code).toBe(2);
    expect(sneaky.stderr).toBe("loopscope query: SQL error: attempt to write a readonly database\n");
  });

  test("a BLOB is written as SQLite's hex() writes it, in CSV and JSON alike; the table names its size", () => {
    const sql = "SELECT x'00ff7f2c22' AS b, hex(x'00ff7f2c22') AS h, x'' AS empty";
    expect(runCli(["query", db, sql, "-f", "csv"]).stdout).toBe("b,h,empty\n00FF7F2C22,00FF7F2C22,\n");
    expect(JSON.parse(runCli(["query", db, sql, "-f", "json"]).stdout)).toEqual([{ b: "00FF7F2C22", h: "00FF7F2C22", empty: "" }]);
    expect(runCli(["query", db, sql]).stdout.split("\n")[2]).toBe("<5 bytes>  00FF7F2C22  <0 bytes>");
  });

  test("JSON keeps every column when two share a name; CSV keeps the names as SQLite gives them", () => {
    const sql = "SELECT 1 AS a, 2 AS a, 3 AS a_2, 4 AS a";
    expect(JSON.parse(runCli(["query", db, sql, "-f", "json"]).stdout)).toEqual([{ a: 1, a_3: 2, a_2: 3, a_4: 4 }]);
    expect(runCli(["query", db, sql, "-f", "csv"]).stdout).toBe("a,a,a_2,a\n1,2,3,4\n");
  });

  test("SQL that opens with a comment is SQL, not an unknown option", () => {
    const result = runCli(["query", db, "-- How many runs?\nSELECT count(*) AS n FROM runs", "-f", "csv"]);
    expect(result).toMatchObject({ code: 0, stdout: "n\n3\n" });
    expect(runCli(["query", db, "SELECT 1", "--frmat", "csv"]).code).toBe(2);
  });

  test("integers past 2^53 keep every digit in JSON, CSV and the table; other numbers are written as before", () => {
    const sql = "SELECT 9007199254740993 AS big, -9223372036854775808 AS least, 9007199254740991 AS safe, 1e300 AS real, 2.5 AS half";
    const json = runCli(["query", db, sql, "-f", "json"]);
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout).toBe('[\n  {\n    "big": 9007199254740993,\n    "least": -9223372036854775808,\n    "safe": 9007199254740991,\n    "real": 1e+300,\n    "half": 2.5\n  }\n]\n');
    expect(runCli(["query", db, sql, "-f", "csv"]).stdout).toBe("big,least,safe,real,half\n9007199254740993,-9223372036854775808,9007199254740991,1e+300,2.5\n");
    expect(runCli(["query", db, sql]).stdout.split("\n")[2]).toBe("9007199254740993  -9223372036854775808  9007199254740991  1e+300   2.5");
    // Infinite REALs: JSON.stringify's null read as SQL NULL; 1e999 parses back as infinity.
    const infinite = runCli(["query", db, "SELECT 9e999 AS up, -9e999 AS down", "-f", "json"]).stdout;
    expect(infinite).toBe('[\n  {\n    "up": 1e999,\n    "down": -1e999\n  }\n]\n');
    expect(JSON.parse(infinite)).toEqual([{ up: Number.POSITIVE_INFINITY, down: Number.NEGATIVE_INFINITY }]);
  });

  test("values too long for a person are cut in the table and said so; too long to write are refused with their row and column", () => {
    // 10 MB of hex for a 5 MB BLOB: written whole, and as hex() writes it.
    const big = runCli(["query", db, "SELECT zeroblob(5000000) AS b, hex(zeroblob(5000000)) = hex(zeroblob(5000000)) AS same", "-f", "csv"]);
    expect(big.code).toBe(0);
    expect(big.stdout).toBe(`b,same\n${"0".repeat(10_000_000)},1\n`);
    // Past 32 Mi characters (a 100 MB BLOB took 3.8 GB as JSON; 300 MB ran Node out of memory): refused, exit 2.
    for (const format of ["csv", "json"]) {
      const refused = runCli(["query", db, "SELECT 1 AS a, zeroblob(20000000) AS b", "-f", format]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe('loopscope query: row 1, column "b": a value of 20,000,000 bytes is more than query writes (32 Mi characters of text or hex); select part of it instead, e.g. substr(column, 1, 1000) or length(column)\n');
    }
    // The table names a BLOB's size and cuts long text at 1,000 characters (10,000 rows of 100 KB were longer than V8's longest string).
    const table = runCli(["query", db, "SELECT zeroblob(20000000) AS b, printf('%.*c', 5000, 'x') AS t"]);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[2]).toBe(`<20000000 bytes>  ${"x".repeat(999)}…`);
    expect(table.stderr).toBe("loopscope query: values longer than 1,000 characters are cut in the table (…); use --format csv or json for whole values\n");
  });

  test("an empty result still names its columns", () => {
    expect(runCli(["query", db, "SELECT id, source FROM runs WHERE 0"]).stdout).toBe("id  source\n--  ------\n");
    expect(runCli(["query", db, "SELECT id, source FROM runs WHERE 0", "-f", "csv"]).stdout).toBe("id,source\n");
    expect(runCli(["query", db, "SELECT id, source FROM runs WHERE 0", "-f", "json"]).stdout).toBe("[]\n");
    expect(runCli(["query", db, "PRAGMA query_only = ON"]).stdout).toBe("(no result set)\n");
  });

  const endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)";
  test("a query that never ends is stopped at --timeout, its rows streamed meanwhile", () => {
    const silent = runCli(["query", db, `${endless} SELECT count(*) FROM c`, "--timeout", "1"]);
    expect(silent.code).toBe(2);
    expect(silent.stderr).toBe("loopscope query: query stopped after 1 s (--timeout; 0 for no limit): it may never end, e.g. a recursive CTE without a LIMIT\n");
    const streamed = runCli(["query", db, `${endless} SELECT x FROM c`, "-f", "csv", "-t", "1"]);
    expect(streamed.code).toBe(2);
    expect(streamed.stdout.startsWith("x\n1\n2\n3\n")).toBe(true);
    expect(streamed.stdout.split("\n").length).toBeGreaterThan(1000);
    expect(runCli(["query", db, "SELECT 1", "--timeout", "soon"]).stderr).toBe('loopscope query: --timeout must be a number of seconds, 0 for no limit (got "soon")\n');
  });

  test("--timeout goes up to what a timer can wait; past it, a usage error rather than every query stopped at once", () => {
    const longest = runCli(["query", db, "SELECT 1 AS one", "--timeout", "2147483"]);
    expect(longest.code, longest.stderr).toBe(0);
    expect(longest.stdout).toBe("one\n---\n  1\n");
    const over = runCli(["query", db, "SELECT 1 AS one", "--timeout", "2147484"]);
    expect(over.code).toBe(2);
    expect(over.stdout).toBe("");
    expect(over.stderr).toBe('loopscope query: --timeout must be at most 2,147,483 seconds (about 24 days), 0 for no limit (got "2147484")\n');
  });

  test("a table stops at 10,000 rows and says so; JSON and CSV give every row", () => {
    const table = runCli(["query", db, `${endless} SELECT x FROM c`]);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines.length).toBe(2 + 10_000);
    expect(lines.at(-1)?.trim()).toBe("10000");
    expect(table.stderr).toBe("loopscope query: only the first 10,000 rows are shown; add a LIMIT, or use --format csv or json for every row\n");
    const sql = `${endless} SELECT x, 'row ' || x AS label, NULL AS blank FROM c LIMIT 12345`;
    const json = runCli(["query", db, sql, "-f", "json"]);
    const expected = Array.from({ length: 12_345 }, (_, i) => ({ x: i + 1, label: `row ${i + 1}`, blank: null }));
    expect(json.stdout).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    const csv = runCli(["query", db, sql, "-f", "csv"]);
    expect(csv.stdout).toBe(`x,label,blank\n${expected.map((r) => `${r.x},${r.label},\n`).join("")}`);
  });

  test("missing and foreign files are usage errors naming the file", () => {
    const missing = runCli(["history", join(dir, "nope.sqlite")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.sqlite: no such file/);
    writeFileSync(join(dir, "junk.sqlite"), "x".repeat(2000));
    const junk = runCli(["query", join(dir, "junk.sqlite"), "SELECT 1"]);
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/^loopscope query: .*junk\.sqlite: not a SQLite database/);
    expect(junk.stderr).not.toMatch(/\n\s+at /);
    expect(runCli(["history", db, "--to", "9"]).stderr).toMatch(/--to 9: no such run \(runs: 1, 2, 3\)/);
  });

  test("history reads run numbers as written, forwards only; a table changed by hand is the file's problem, not an internal error", async () => {
    for (const odd of ["1.0", "0x1", " 1", "1e0"]) expect(runCli(["history", db, "--from", odd]).stderr).toBe(`loopscope history: --from ${odd}: no such run (runs: 1, 2, 3)\n`);
    expect(runCli(["history", db, "--from", "3", "--to", "2"])).toMatchObject({ code: 2, stderr: "loopscope history: --from 3 must be an earlier run than --to 2\n" });
    expect(runCli(["history", db, "--from", "3"])).toMatchObject({ code: 2, stderr: "loopscope history: --from 3 is the last run: there is no later run to compare it with\n" });
    const SQL = await loadSqlJs();
    const edited = new SQL.Database(readFileSync(db));
    edited.exec("ALTER TABLE run_rule_counts RENAME COLUMN count TO n");
    writeFileSync(join(dir, "edited.sqlite"), edited.export());
    edited.close();
    const result = runCli(["history", join(dir, "edited.sqlite")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^loopscope history: cannot read the history in .*edited\.sqlite: SQLite says "no such column: count"\n$/);
  });
});
