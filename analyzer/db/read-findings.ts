import type { Database } from "sql.js";
import type { Acknowledgement, Finding, Location, PathStep, Severity } from "../types.js";
import { parseJson } from "./encode.js";
import { num, rows, text } from "./rows.js";

/**
 * Reads the snapshot's findings back as the analyzer's `Finding` objects, in report order.
 * The inverse of `writeSnapshot` for findings: the round-trip test holds it to that.
 */
export function readFindings(db: Database): Finding[] {
  const nodesOf = new Map<number, string[]>();
  for (const row of rows(db, "SELECT finding_id, node FROM finding_nodes WHERE in_nodes = 1 ORDER BY finding_id, node")) {
    const id = num(row["finding_id"]);
    nodesOf.set(id, [...(nodesOf.get(id) ?? []), String(row["node"])]);
  }
  return rows(db, "SELECT * FROM findings ORDER BY id").map((row) => {
    const id = num(row["id"]);
    const models = parseJson<string[]>(row["models"], []);
    const finding: Finding = {
      rule: String(row["rule"]),
      severity: String(row["severity"]) as Severity,
      message: String(row["message"]),
      models,
      nodes: nodesOf.get(id) ?? [],
      locations: parseJson<Location[]>(row["locations"], []),
      fingerprint: String(row["fingerprint"]),
    };
    const path = parseJson<PathStep[] | undefined>(row["path"], undefined);
    if (path) finding.path = path;
    if (num(row["acknowledged"]) === 1) {
      const acknowledged: Acknowledgement = { reason: text(row["reason"]) ?? "" };
      const expires = text(row["expires"]);
      if (expires !== undefined) acknowledged.expires = expires;
      finding.acknowledged = acknowledged;
    }
    const state = text(row["baseline_state"]);
    if (state === "new" || state === "unchanged") finding.baselineState = state;
    const data = parseJson<Record<string, unknown> | undefined>(row["data"], undefined);
    if (data) finding.data = data;
    const evidence = parseJson<Finding["evidence"]>(row["evidence"], undefined);
    if (evidence) finding.evidence = evidence;
    return finding;
  });
}
