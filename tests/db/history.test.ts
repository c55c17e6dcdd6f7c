import { expect, test } from "vitest";
import { appendRun, diffRuns, formatHistory, listRuns, openDatabase, readFindings, runFindings, writeSnapshot } from "../../analyzer/db/index.js";
import { loadSqlJs } from "../../src/io/database-file.js";
import { analyzeDocs, filesOf } from "../helpers/estate.js";
import { ESTATE_VERSIONS } from "./estates.js";

const rulesOf = (list: { rule: string }[]) => list.map((f) => f.rule).sort();

test("history across three runs: counts per run, introduced / fixed / still open by fingerprint", async () => {
  const SQL = await loadSqlJs();
  let bytes: Uint8Array | null = null;
  const analyses = ESTATE_VERSIONS.map((docs) => analyzeDocs(docs));
  analyses.forEach((analysis, i) => {
    // Reopen from bytes each time, as the CLI does with the file.
    const db = openDatabase(SQL, bytes);
    writeSnapshot(db, analysis, filesOf(ESTATE_VERSIONS[i] ?? []));
    appendRun(db, analysis, { time: `2026-11-0${i + 1}T09:00:00.000Z`, source: "estate", commit: `c0ffee${i}` });
    bytes = db.export();
    db.close();
  });
  expect(rulesOf(analyses[0]!.report.findings)).toEqual(["direct-feedback-loop", "undeclared-dataset"]);
  expect(rulesOf(analyses[1]!.report.findings)).toEqual(["direct-feedback-loop", "unknown-reference"]);
  expect(rulesOf(analyses[2]!.report.findings)).toEqual(["unknown-reference"]);

  const db = openDatabase(SQL, bytes);
  const runs = listRuns(db);
  expect(runs.map((r) => [r.id, r.commit, r.errors, r.warnings, r.infos, r.findings])).toEqual([
    [1, "c0ffee0", 0, 1, 1, 2],
    [2, "c0ffee1", 1, 1, 0, 2],
    [3, "c0ffee2", 1, 0, 0, 1],
  ]);
  expect(runs[1]?.byRule).toEqual({ "direct-feedback-loop": 1, "unknown-reference": 1 });

  const first = diffRuns(db, 1, 2);
  expect(rulesOf(first.introduced)).toEqual(["unknown-reference"]);
  expect(rulesOf(first.fixed)).toEqual(["undeclared-dataset"]);
  expect(rulesOf(first.stillOpen)).toEqual(["direct-feedback-loop"]);
  const second = diffRuns(db, 2, 3);
  expect(second.introduced).toEqual([]);
  expect(rulesOf(second.fixed)).toEqual(["direct-feedback-loop"]);
  expect(rulesOf(second.stillOpen)).toEqual(["unknown-reference"]);
  // Any two runs, not only neighbours.
  expect(rulesOf(diffRuns(db, 1, 3).fixed)).toEqual(["direct-feedback-loop", "undeclared-dataset"]);

  // Fingerprints in history are the report's own, and the snapshot is the last run only.
  expect(runFindings(db, 3).map((f) => f.fingerprint)).toEqual(analyses[2]!.report.findings.map((f) => f.fingerprint));
  expect(readFindings(db)).toEqual(analyses[2]!.report.findings);

  const text = formatHistory(runs, second);
  expect(text).toContain("From run 2 to run 3: 0 introduced, 1 fixed, 1 still open");
  expect(text).toMatch(/Fixed \(1\):\n {2}warning {2}direct-feedback-loop {2}ranker/);
  expect(text).toContain("Introduced: none");
});

test("a database without runs says how to record one", () => {
  expect(formatHistory([], undefined)).toMatch(/No runs recorded yet.*lint <paths> --db/);
});
