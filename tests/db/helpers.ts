import { fileURLToPath } from "node:url";
import type { Database } from "sql.js";
import { analyze, type Analysis } from "../../analyzer/index.js";
import type { SourceFile } from "../../analyzer/types.js";
import { openDatabase, writeSnapshot } from "../../analyzer/db/index.js";
import { readSources } from "../../src/io/read-sources.js";
import { loadSqlJs } from "../../src/io/database-file.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** samples/bike-shop read as the CLI reads it, analysed with a fixed date. */
export function bikeShop(): { sources: SourceFile[]; analysis: Analysis } {
  const { sources } = readSources(["samples/bike-shop"], ROOT);
  return { sources, analysis: analyze(sources, { today: "2026-11-28" }) };
}

/** An in-memory database holding the bike-shop snapshot. */
export async function bikeShopDatabase(): Promise<{ db: Database; sources: SourceFile[]; analysis: Analysis }> {
  const { sources, analysis } = bikeShop();
  const db = openDatabase(await loadSqlJs());
  writeSnapshot(db, analysis, sources);
  return { db, sources, analysis };
}
