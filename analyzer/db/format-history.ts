import type { SqlValue } from "sql.js";
import { visible } from "../report/visible-text.js";
import { formatTable } from "./format-table.js";
import type { RunDiff, RunFinding, RunSummary } from "./read-runs.js";

/**
 * `loopscope history` as text: one line per run with its counts, then what changed between
 * the two compared runs (by default the last two).
 */
export function formatHistory(runs: readonly RunSummary[], diff: RunDiff | undefined): string {
  if (runs.length === 0) return "No runs recorded yet. Add one with `loopscope lint <paths> --db <file>`.\n";
  const rows: SqlValue[][] = runs.map((r) => [
    r.id,
    r.time.replace("T", " ").replace(/\.\d+Z$/, "Z"),
    r.commit ? r.commit.slice(0, 10) : "-",
    r.source,
    r.errors,
    r.warnings,
    r.infos,
    r.findings,
    r.acknowledged,
  ]);
  let out = formatTable(["run", "time", "commit", "source", "errors", "warnings", "info", "total", "acknowledged"], rows);
  if (!diff) return out;
  out += `\nFrom run ${diff.from} to run ${diff.to}: ${diff.introduced.length} introduced, ${diff.fixed.length} fixed, ${diff.stillOpen.length} still open\n`;
  out += section("Introduced", diff.introduced);
  out += section("Fixed", diff.fixed);
  return out;
}

function section(title: string, findings: readonly RunFinding[]): string {
  if (findings.length === 0) return `\n${title}: none\n`;
  const width = findings.reduce((most, f) => Math.max(most, f.severity.length), 0);
  const lines = findings.map((f) => `  ${f.severity.padEnd(width)}  ${f.rule}  ${visible(f.message)}${f.acknowledged ? " (acknowledged)" : ""}\n      ${f.fingerprint}${f.file ? `  ${visible(f.file)}${f.line ? `:${f.line}` : ""}` : ""}`);
  return `\n${title} (${findings.length}):\n${lines.join("\n")}\n`;
}
