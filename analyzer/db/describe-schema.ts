import type { Database } from "sql.js";
import { rows } from "./rows.js";

export interface TableShape {
  table: string;
  columns: { name: string; type: string }[];
}

/** The tables and columns of a database, for a console's schema panel (sqlite_ tables left out). */
export function describeSchema(db: Database): TableShape[] {
  return rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").map((row) => {
    const table = String(row["name"]);
    const columns = rows(db, `SELECT name, type FROM pragma_table_info(?) ORDER BY cid`, [table]).map((c) => ({ name: String(c["name"]), type: String(c["type"]) }));
    return { table, columns };
  });
}
