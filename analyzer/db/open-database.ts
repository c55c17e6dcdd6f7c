import type { Database, SqlJsStatic } from "sql.js";
import { SCHEMA_SQL, SCHEMA_VERSION } from "./schema.js";

/** A file that is not a Loopscope database, or one from a newer Loopscope: the message says which. */
export class DatabaseFormatError extends Error {
  override name = "DatabaseFormatError";
}

/**
 * Opens (bytes given) or creates (no bytes) a Loopscope database and makes sure the schema
 * is there. Takes an initialised sql.js module so the wasm location stays with the caller
 * (Node reads it from node_modules, the browser from a Vite asset URL).
 */
export function openDatabase(SQL: SqlJsStatic, bytes?: Uint8Array | null, { check = false } = {}): Database {
  let db: Database;
  try {
    db = bytes && bytes.length > 0 ? new SQL.Database(bytes) : new SQL.Database();
    // sql.js opens lazily: the first statement is what tells a SQLite file from anything else.
    db.exec("SELECT count(*) FROM sqlite_master");
  } catch (error) {
    throw new DatabaseFormatError(`not a SQLite database (${error instanceof Error ? error.message : String(error)})`);
  }
  // A damaged file opens: its first read of a bad page failed later, with SQLite's message as an
  // internal error after lint's report. quick_check reads every page (1.9 s for 164 MB), so only
  // a caller that writes the file back asks for it.
  const damage = check && bytes && bytes.length > 0 ? quickCheck(db) : undefined;
  if (damage !== undefined) {
    db.close();
    throw new DatabaseFormatError(`a damaged SQLite database (${damage}); PRAGMA integrity_check in sqlite3 tells more: restore a copy or start a new file`);
  }
  try {
    ensureSchema(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** SQLite's first complaint about the file, or undefined when quick_check finds none. */
function quickCheck(db: Database): string | undefined {
  try {
    const first = db.exec("PRAGMA quick_check(1)")[0]?.values[0]?.[0];
    // Its report runs over lines ("*** in database main ***\nTree 17 page 17: ..."): one line is kept.
    return first === "ok" ? undefined : String(first).replace(/\*\*\* in database \w+ \*\*\*/g, "").replace(/\s+/g, " ").trim();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Every table Loopscope reads and writes, from its schema. */
const OWN_TABLES = [...SCHEMA_SQL.matchAll(/CREATE TABLE IF NOT EXISTS (\w+)/g)].map((m) => m[1]!);

function ensureSchema(db: Database): void {
  // A view or trigger in a table's place would run on every read or write of it: a view named
  // `runs` over a recursive CTE without end held `loopscope history` for ever. Loopscope's own
  // files never have one; views of other names (a user's own) are left alone.
  const impostor = db.exec(`SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger') AND (name IN (${OWN_TABLES.map((t) => `'${t}'`).join(", ")}) OR (type = 'trigger' AND tbl_name IN (${OWN_TABLES.map((t) => `'${t}'`).join(", ")}))) ORDER BY name LIMIT 1`)[0]?.values[0];
  if (impostor) throw new DatabaseFormatError(`not a Loopscope database as written: it has a ${String(impostor[0])} named "${String(impostor[1])}" on or in place of Loopscope's tables`);
  const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values.map((row) => String(row[0])) ?? [];
  if (tables.length > 0 && !tables.includes("schema_version")) {
    throw new DatabaseFormatError("a SQLite database, but not one written by Loopscope (no schema_version table)");
  }
  const found = tables.length > 0 ? schemaVersionOf(db) : undefined;
  if (found !== undefined && found > SCHEMA_VERSION) {
    throw new DatabaseFormatError(`written by a newer Loopscope (schema version ${found}; this one reads up to ${SCHEMA_VERSION})`);
  }
  db.exec(SCHEMA_SQL);
  if (found === undefined) {
    db.run("DELETE FROM schema_version");
    db.run("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION]);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
  }
}

/** The version stored in the file, or undefined when the row is missing. */
export function schemaVersionOf(db: Database): number | undefined {
  const value = db.exec("SELECT max(version) FROM schema_version")[0]?.values[0]?.[0];
  return typeof value === "number" ? value : undefined;
}
