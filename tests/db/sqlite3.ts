import { execFileSync, spawnSync } from "node:child_process";

/** The real sqlite3 CLI, if installed (Debian package `sqlite3`; .ci/run installs it). */
export const HAS_SQLITE3 = spawnSync("sqlite3", ["-version"], { stdio: "ignore" }).status === 0;
export const SQLITE3_MISSING = "sqlite3 CLI not installed (apt-get install sqlite3)";

/** Runs SQL with the sqlite3 program and returns its `-json` output parsed (one array per call). */
export function sqlite3Json(file: string, sql: string): Record<string, unknown>[] {
  const out = execFileSync("sqlite3", ["-readonly", "-json", file, sql], { encoding: "utf8" });
  return out.trim() === "" ? [] : (JSON.parse(out) as Record<string, unknown>[]);
}

export function sqlite3Text(file: string, sql: string): string {
  return execFileSync("sqlite3", ["-readonly", file, sql], { encoding: "utf8" });
}
