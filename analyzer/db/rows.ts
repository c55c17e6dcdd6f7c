import type { BindParams, Database, SqlValue } from "sql.js";

export type Row = Record<string, SqlValue>;

/** Runs one statement and returns its rows as objects (column name → value). */
export function rows(db: Database, sql: string, params: BindParams = null): Row[] {
  const statement = db.prepare(sql);
  try {
    if (params) statement.bind(params);
    const out: Row[] = [];
    while (statement.step()) out.push(statement.getAsObject());
    return out;
  } finally {
    statement.free();
  }
}

export const text = (value: SqlValue | undefined): string | undefined => (value === null || value === undefined ? undefined : String(value));
export const num = (value: SqlValue | undefined): number => (typeof value === "number" ? value : Number(value ?? 0));
