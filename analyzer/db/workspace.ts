import type { Database, SqlJsStatic } from "sql.js";
import type { SourceFile } from "../types.js";
import { openDatabase } from "./open-database.js";
import { rows } from "./rows.js";
import { writeSnapshot, type AnalysisData } from "./write-snapshot.js";
import { withRoomFor } from "./make-room.js";

/**
 * A workspace file is an ordinary Loopscope database whose `sources` table holds every
 * manifest text: opening it again re-runs the analysis on exactly those files.
 */
export function buildWorkspace(SQL: SqlJsStatic, analysis: AnalysisData, sources: readonly SourceFile[], label: string): Database {
  const db = withRoomFor(SQL, openDatabase(SQL), sources);
  writeSnapshot(db, analysis, sources);
  setMeta(db, "workspace_label", label);
  return db;
}

/** The manifest texts stored in a database, sorted by path. */
export function readSources(db: Database): SourceFile[] {
  return rows(db, "SELECT path, text FROM sources ORDER BY path").map((row) => ({ path: String(row["path"]), text: String(row["text"]) }));
}

export function setMeta(db: Database, key: string, value: string): void {
  db.run("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value]);
}

export function getMeta(db: Database, key: string): string | undefined {
  const value = rows(db, "SELECT value FROM meta WHERE key = ?", [key])[0]?.["value"];
  return typeof value === "string" ? value : undefined;
}
