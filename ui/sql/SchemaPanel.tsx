import type { TableShape } from "../../analyzer/db/index.js";

/** The schema beside the editor; clicking a table or column name inserts it. */
export function SchemaPanel({ tables, onInsert }: { tables: TableShape[]; onInsert: (text: string) => void }) {
  return (
    <aside className="sql-schema" aria-label="Database schema">
      <h3>Schema</h3>
      {tables.map((t) => (
        <details key={t.table} open={["nodes", "edges", "findings", "loops"].includes(t.table)}>
          <summary>
            <button type="button" className="sql-schema-name" onClick={() => onInsert(t.table)}>
              {t.table}
            </button>
          </summary>
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
        </details>
      ))}
      <p className="sql-note">
        Full reference: <code>docs/database.md</code>
      </p>
    </aside>
  );
}
