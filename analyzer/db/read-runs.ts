import type { Database } from "sql.js";
import type { Severity } from "../types.js";
import { parseJson } from "./encode.js";
import { num, rows, text } from "./rows.js";
import { cmpNames } from "../engine/sort.js";

export interface RunSummary {
  id: number;
  time: string;
  source: string;
  commit?: string | undefined;
  toolVersion: string;
  files: number;
  models: number;
  loops: number;
  findings: number;
  errors: number;
  warnings: number;
  infos: number;
  acknowledged: number;
  /** rule → number of findings, sorted by rule. */
  byRule: Record<string, number>;
}

/** One finding as a run recorded it (`run_findings`). */
export interface RunFinding {
  fingerprint: string;
  rule: string;
  severity: Severity;
  message: string;
  acknowledged: boolean;
  models: string[];
  file?: string | undefined;
  line?: number | undefined;
}

export interface RunDiff {
  from: number;
  to: number;
  /** In `to`, not in `from`. */
  introduced: RunFinding[];
  /** In `from`, gone from `to` (shown as `from` saw them). */
  fixed: RunFinding[];
  /** In both (shown as `to` sees them). */
  stillOpen: RunFinding[];
}

/** Every run, oldest first. */
export function listRuns(db: Database): RunSummary[] {
  const byRule = new Map<number, Record<string, number>>();
  for (const row of rows(db, "SELECT run_id, rule, count FROM run_rule_counts ORDER BY run_id, rule")) {
    const id = num(row["run_id"]);
    byRule.set(id, { ...byRule.get(id), [String(row["rule"])]: num(row["count"]) });
  }
  return rows(db, "SELECT * FROM runs ORDER BY id").map((row) => ({
    id: num(row["id"]),
    time: String(row["time"]),
    source: String(row["source"]),
    commit: text(row["git_commit"]),
    toolVersion: String(row["tool_version"]),
    files: num(row["files"]),
    models: num(row["models"]),
    loops: num(row["loops"]),
    findings: num(row["findings"]),
    errors: num(row["errors"]),
    warnings: num(row["warnings"]),
    infos: num(row["infos"]),
    acknowledged: num(row["acknowledged"]),
    byRule: byRule.get(num(row["id"])) ?? {},
  }));
}

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** A run's findings, most severe first, then by rule and fingerprint. */
export function runFindings(db: Database, runId: number): RunFinding[] {
  return rows(db, "SELECT * FROM run_findings WHERE run_id = ?", [runId])
    .map((row) => ({
      fingerprint: String(row["fingerprint"]),
      rule: String(row["rule"]),
      severity: String(row["severity"]) as Severity,
      message: String(row["message"]),
      acknowledged: num(row["acknowledged"]) === 1,
      models: parseJson<string[]>(row["models"], []),
      file: text(row["file"]),
      line: row["line"] === null || row["line"] === undefined ? undefined : num(row["line"]),
    }))
    .sort(
      (a, b) =>
        (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) ||
        (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
        // By the models named, as people scan the list, then the hash for a stable order.
        cmpNames(a.models, b.models) ||
        (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0),
    );
}

/** What changed between two runs, matched by fingerprint (stable across file moves and edits). */
export function diffRuns(db: Database, from: number, to: number): RunDiff {
  const before = runFindings(db, from);
  const after = runFindings(db, to);
  const beforeKeys = new Set(before.map((f) => f.fingerprint));
  const afterKeys = new Set(after.map((f) => f.fingerprint));
  return {
    from,
    to,
    introduced: after.filter((f) => !beforeKeys.has(f.fingerprint)),
    fixed: before.filter((f) => !afterKeys.has(f.fingerprint)),
    stillOpen: after.filter((f) => beforeKeys.has(f.fingerprint)),
  };
}
