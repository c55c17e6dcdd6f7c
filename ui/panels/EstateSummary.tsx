import type { EstateGraph } from "../../analyzer/graph/estate-graph.js";
import type { Report } from "../../analyzer/types.js";

/** What the right panel shows with nothing selected: the estate in numbers and its loops. */
export function EstateSummary({ report, graph, onSelectFinding }: { report: Report; graph: EstateGraph; onSelectFinding: (fingerprint: string) => void }) {
  const s = report.summary;
  const loops = report.findings.filter((f) => f.path && f.path.length > 0);
  return (
    <article className="detail" data-testid="estate-summary">
      <h2 tabIndex={-1}>Estate</h2>
      <dl className="fields">
        <dt>manifest files</dt>
        <dd>{s.files}</dd>
        <dt>models</dt>
        <dd>{s.models}</dd>
        <dt>outputs</dt>
        <dd>{s.outputs}</dd>
        <dt>datasets</dt>
        <dd>{s.datasets}</dd>
        <dt>services</dt>
        <dd>{s.services}</dd>
        <dt>edges</dt>
        <dd>{s.edges}</dd>
      </dl>
      <h3>Loops ({loops.length})</h3>
      {loops.length === 0 && <p className="muted">No feedback loop or circular dependency.</p>}
      <ul className="plain">
        {loops.slice(0, 30).map((f) => (
          <li key={f.fingerprint}>
            <button type="button" className={`link sev-${f.severity}`} onClick={() => onSelectFinding(f.fingerprint)}>
              {f.rule}
            </button>{" "}
            <span className="muted small">{f.models.join(", ")}</span>
          </li>
        ))}
      </ul>
      <p className="muted small">
        {graph.nodes.filter((n) => n.implicit).length} implicit nodes · select a finding or a node for details · <kbd>/</kbd> search · <kbd>↑</kbd>
        <kbd>↓</kbd> findings · <kbd>Esc</kbd> clear
      </p>
    </article>
  );
}
