import type { Database } from "sql.js";
import { VERSION } from "../version.js";
import { json } from "./encode.js";
import type { AnalysisData } from "./write-snapshot.js";

export interface RunInfo {
  /** ISO 8601 time of the run; the caller passes it so the analyzer stays clock-free. */
  time: string;
  /** What was analysed: the lint paths, a workspace label, a CI job name. */
  source: string;
  /** The commit the manifests came from, when known. */
  commit?: string | undefined;
}

/**
 * Appends one row to `runs` plus that run's per-rule counts and its findings by fingerprint.
 * History rows are never rewritten, so `run_findings` is the record of what each run saw.
 * Returns the new run id.
 */
export function appendRun(db: Database, analysis: AnalysisData, info: RunInfo): number {
  const { report } = analysis;
  // A savepoint: its own transaction alone, or part of the caller's (recordRun writes the snapshot and the run in one).
  db.exec("SAVEPOINT append_run");
  try {
    // Past every id ever given (meta.last_run_id) and any a history row uses: a run deleted by
    // hand gave its number to the next run, whose counts then collided with the rows it left.
    const runId = Number(
      db.exec(
        `SELECT 1 + max(coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'last_run_id'), 0), coalesce((SELECT max(id) FROM runs), 0),
                        coalesce((SELECT max(run_id) FROM run_rule_counts), 0), coalesce((SELECT max(run_id) FROM run_findings), 0))`,
      )[0]?.values[0]?.[0],
    );
    db.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_run_id', ?)", [String(runId)]);
    db.run(
      `INSERT INTO runs (id, time, source, git_commit, tool_version, files, models, loops, findings, errors, warnings, infos, acknowledged)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        runId,
        info.time,
        info.source,
        info.commit ?? null,
        report.tool?.version ?? VERSION,
        report.summary.files,
        report.summary.models,
        report.summary.loops,
        report.findings.length,
        report.summary.bySeverity.error,
        report.summary.bySeverity.warning,
        report.summary.bySeverity.info,
        report.summary.acknowledged,
      ],
    );
    const byRule = new Map<string, number>();
    for (const f of report.findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    const count = db.prepare("INSERT INTO run_rule_counts (run_id, rule, count) VALUES (?, ?, ?)");
    for (const [rule, n] of [...byRule].sort(([a], [b]) => (a < b ? -1 : 1))) count.run([runId, rule, n]);
    count.free();
    // One row per fingerprint: two findings sharing one (should not happen) keep the first.
    const finding = db.prepare(
      "INSERT OR IGNORE INTO run_findings (run_id, fingerprint, rule, severity, message, acknowledged, models, file, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    for (const f of report.findings) {
      finding.run([runId, f.fingerprint, f.rule, f.severity, f.message, f.acknowledged ? 1 : 0, json(f.models), f.locations[0]?.file ?? null, f.locations[0]?.line ?? null]);
    }
    finding.free();
    db.exec("RELEASE append_run");
    return runId;
  } catch (error) {
    db.exec("ROLLBACK TO append_run; RELEASE append_run");
    throw error;
  }
}
