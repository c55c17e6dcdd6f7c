import { expect, test } from "vitest";
import { appendRun, diffRuns, formatHistory, listRuns, openDatabase, readFindings, runFindings, writeSnapshot } from "../../analyzer/db/index.js";
import { loadSqlJs } from "../../src/io/database-file.js";
import { filesOf } from "../helpers/estate.js";
import { analyze } from "../../analyzer/index.js";
import { readSources } from "../../src/io/read-sources.js";
import { ROOT } from "./helpers.js";
import { analyseVersions, ESTATE_VERSIONS, expectedDiff, fingerprintsOf, rulesOf } from "./estates.js";

test("history across three runs: counts per run, introduced / fixed / still open by fingerprint", async () => {
  const SQL = await loadSqlJs();
  let bytes: Uint8Array | null = null;
  const analyses = analyseVersions();
  analyses.forEach((analysis, i) => {
    // Reopen from bytes each time, as the CLI does with the file.
    const db = openDatabase(SQL, bytes);
    writeSnapshot(db, analysis, filesOf(ESTATE_VERSIONS[i] ?? []));
    appendRun(db, analysis, { time: `2026-11-0${i + 1}T09:00:00.000Z`, source: "estate", commit: `c0ffee${i}` });
    bytes = db.export();
    db.close();
  });
  const [v1, v2, v3] = analyses as [(typeof analyses)[0], (typeof analyses)[0], (typeof analyses)[0]];
  // The estate does what its comments say (other rules may fire too).
  expect(rulesOf(v1.report.findings)).toEqual(expect.arrayContaining(["direct-feedback-loop", "undeclared-dataset"]));
  expect(rulesOf(v2.report.findings)).toEqual(expect.arrayContaining(["direct-feedback-loop", "unknown-reference"]));
  expect(rulesOf(v2.report.findings)).not.toContain("undeclared-dataset");
  expect(rulesOf(v3.report.findings)).toContain("unknown-reference");
  expect(rulesOf(v3.report.findings)).not.toContain("direct-feedback-loop");

  const db = openDatabase(SQL, bytes);
  const runs = listRuns(db);
  expect(runs.map((r) => [r.id, r.commit, r.errors, r.warnings, r.infos, r.findings])).toEqual(
    analyses.map((a, i) => [i + 1, `c0ffee${i}`, a.report.summary.bySeverity.error, a.report.summary.bySeverity.warning, a.report.summary.bySeverity.info, a.report.findings.length]),
  );
  const byRule: Record<string, number> = {};
  for (const f of v2.report.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  expect(runs[1]?.byRule).toEqual(byRule);

  for (const [from, to, before, after] of [[1, 2, v1, v2], [2, 3, v2, v3], [1, 3, v1, v3]] as const) {
    const diff = diffRuns(db, from, to);
    const expected = expectedDiff(before, after);
    expect({ introduced: fingerprintsOf(diff.introduced), fixed: fingerprintsOf(diff.fixed), stillOpen: fingerprintsOf(diff.stillOpen) }).toEqual(expected);
  }
  expect(rulesOf(diffRuns(db, 1, 2).introduced)).toContain("unknown-reference");
  expect(rulesOf(diffRuns(db, 1, 2).fixed)).toContain("undeclared-dataset");
  expect(rulesOf(diffRuns(db, 2, 3).fixed)).toContain("direct-feedback-loop");
  expect(rulesOf(diffRuns(db, 2, 3).stillOpen)).toContain("unknown-reference");
  // Lists are ordered most severe first.
  const order = { error: 0, warning: 1, info: 2 };
  const severities = runFindings(db, 2).map((f) => order[f.severity]);
  expect(severities).toEqual([...severities].sort());

  // Fingerprints in history are the report's own, and the snapshot is the last run only.
  expect(fingerprintsOf(runFindings(db, 3))).toEqual(fingerprintsOf(v3.report.findings));
  expect(readFindings(db)).toEqual(v3.report.findings);

  const second = diffRuns(db, 2, 3);
  const text = formatHistory(runs, second);
  expect(text).toContain(`From run 2 to run 3: ${second.introduced.length} introduced, ${second.fixed.length} fixed, ${second.stillOpen.length} still open`);
  expect(text).toMatch(new RegExp(`Fixed \\(${second.fixed.length}\\):\\n[^]*warning {2}direct-feedback-loop {2}ranker learns`));
  expect(text.split("\n")[2]).toMatch(/^ {2}1 {2}2026-11-01 09:00:00Z {2}c0ffee0 /);
});

test("a database without runs says how to record one", () => {
  expect(formatHistory([], undefined)).toMatch(/No runs recorded yet.*lint <paths> --db/);
});

test("a run's findings of one rule come in the order of the models they name", async () => {
  const analysis = analyze(readSources(["samples/ride-hailing"], ROOT).sources, { today: "2026-11-28" });
  const db = openDatabase(await loadSqlJs());
  appendRun(db, analysis, { time: "2026-11-01T09:00:00.000Z", source: "estate" });
  const pairs = runFindings(db, 1).filter((f) => f.rule === "shared-outcome").map((f) => f.models.join(" + "));
  expect(pairs.length).toBeGreaterThan(3);
  expect(pairs).toEqual([...pairs].sort());
});
