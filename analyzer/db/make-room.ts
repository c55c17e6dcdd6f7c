import type { Database, SqlJsStatic } from "sql.js";
import type { SourceFile } from "../types.js";

/**
 * Database bytes a snapshot takes per character of manifest text (tables and indexes): 19
 * at 10,000 models (8.8 MB of manifests, a 169 MB database), a little above.
 */
const BYTES_PER_SOURCE_CHAR = 20;

/** A run's history rows: about 5 MB at 10,000 models. */
const HISTORY_ROOM = 8 * 1024 * 1024;

/**
 * The database, reopened from its bytes followed by room for `sources`' snapshot when it is
 * less than half the size that snapshot will be (a new database, or one of a smaller estate).
 *
 * sql.js keeps a database in an in-memory file that grows by an eighth at a time, copying
 * itself each time, and every copy is memory the system must map afresh: a 169 MB snapshot
 * spent most of its 14 s there. SQLite writes new pages into the room as into any part of
 * the file and trims the file to its pages when the transaction commits, so the room never
 * reaches the saved file. Too little room only means growing as before past it.
 */
export function withRoomFor(SQL: SqlJsStatic, db: Database, sources: readonly SourceFile[]): Database {
  let chars = 0;
  for (const source of sources) chars += source.text.length;
  const needed = chars * BYTES_PER_SOURCE_CHAR;
  // A database that holds an earlier snapshot of a similar size frees its pages for this one
  // (writeSnapshot drops the tables), and a few steps of growth cost less than reopening it,
  // which copies it twice more (+280 MB and no quicker at 10,000 models, measured).
  const size = Number(db.exec("PRAGMA page_count")[0]?.values[0]?.[0]) * Number(db.exec("PRAGMA page_size")[0]?.values[0]?.[0]);
  let roomy = db;
  if (size * 2 < needed) {
    const bytes = db.export();
    const room = new Uint8Array(needed + HISTORY_ROOM);
    room.set(bytes);
    db.close();
    roomy = new SQL.Database(room);
  }
  // The rollback journal in memory too: as a file it grew the same way, by an eighth at a
  // time, to the size of the snapshot it replaces (every old page is journalled).
  roomy.exec("PRAGMA journal_mode = MEMORY");
  return roomy;
}
