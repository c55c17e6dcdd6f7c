import { useState } from "react";
import type { TableShape } from "../../analyzer/db/index.js";

const OPEN_AT_FIRST = ["nodes", "edges", "findings", "loops"];

/**
 * The schema beside the editor; clicking a table or column name inserts it. Each table has
 * its own toggle for its columns: a name button inside a <summary> was two controls in one,
 * which keyboards and screen readers cannot tell apart.
 */
export function SchemaPanel({ tables, onInsert }: { tables: TableShape[]; onInsert: (text: string) => void }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(OPEN_AT_FIRST));
  const toggle = (table: string) =>
    setOpen((before) => {
      const after = new Set(before);
      if (!after.delete(table)) after.add(table);
      return after;
    });
  return (
    <aside className="sql-schema" aria-label="Database schema">
      <h2>Schema</h2>
      {tables.map((t) => (
        <div key={t.table} className="sql-schema-table">
          <button type="button" className="sql-schema-toggle" aria-expanded={open.has(t.table)} aria-label={`columns of ${t.table}`} onClick={() => toggle(t.table)}>
            {open.has(t.table) ? "▾" : "▸"}
          </button>
          <button type="button" className="sql-schema-name" onClick={() => onInsert(t.table)}>
            {t.table}
          </button>
          {open.has(t.table) && (
            <ul>
              {t.columns.map((c) => (
                <li key={c.name}>
                  <button type="button" className="sql-schema-name" onClick={() => onInsert(c.name)}>
                    {c.name}
                  </button>{" "}
                  <span className="sql-type">{c.type.toLowerCase()}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <p className="sql-note">
        Full reference: <code>docs/database.md</code>
      </p>
    </aside>
  );
}
