import type { RunDiff, RunFinding } from "../../analyzer/db/index.js";

interface Props {
  diff: RunDiff;
  onSelectFinding: (fingerprint: string) => void;
}

const GROUPS = [
  { key: "introduced", title: "Introduced" },
  { key: "fixed", title: "Fixed" },
  { key: "stillOpen", title: "Still open" },
] as const;

/** The three lists of a run comparison; every finding is a button naming its fingerprint. */
export function RunDiffView({ diff, onSelectFinding }: Props) {
  return (
    <div className="sql-diff" data-testid="history-diff">
      {GROUPS.map((group) => {
        const list: RunFinding[] = diff[group.key];
        return (
          <section key={group.key} className={`sql-diff-group sql-diff-${group.key}`} data-group={group.key}>
            <h2>
              {group.title} <span className="sql-count">{list.length}</span>
            </h2>
            {list.length === 0 ? (
              <p className="sql-note">none</p>
            ) : (
              <ul>
                {list.map((f) => (
                  <li key={f.fingerprint}>
                    <button type="button" className="sql-finding" data-fingerprint={f.fingerprint} onClick={() => onSelectFinding(f.fingerprint)} title={f.fingerprint}>
                      <span className={`sql-sev sql-sev-${f.severity}`}>{f.severity}</span> <span className="sql-rule">{f.rule}</span> {f.message}
                      {f.acknowledged ? <span className="sql-ack"> (acknowledged)</span> : null}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
