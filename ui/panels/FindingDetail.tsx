import type { Finding } from "../../analyzer/types.js";
import { findRule } from "../../analyzer/rules/index.js";
import type { EstateIndex } from "../model/estate-index.js";
import { KIND_GLYPHS } from "../model/palette.js";
import { readable } from "./readable-text.js";

interface Props {
  finding: Finding;
  index: EstateIndex;
  onSelectNode: (id: string) => void;
}

/** A finding explained: message, the walk step by step, where it is declared, and what to do. */
export function FindingDetail({ finding, index, onSelectNode }: Props) {
  const rule = findRule(finding.rule);
  const node = (id: string) => (
    <button type="button" className="link node-link" onClick={() => onSelectNode(id)}>
      <span className={`glyph kind-${index.nodes.get(id)?.kind ?? "dataset"}`}>{KIND_GLYPHS[index.nodes.get(id)?.kind ?? "dataset"]}</span> {id}
    </button>
  );
  return (
    <article className="detail" data-testid="finding-detail">
      <header>
        <h2 className="detail-heading" tabIndex={-1}>
          <span className={`badge sev-${finding.severity}`}>{finding.severity}</span> <code>{finding.rule}</code>
          {finding.acknowledged && <span className="badge ack">acknowledged</span>}
        </h2>
      </header>
      <p className="detail-message">{readable(finding.message)}</p>
      {finding.acknowledged && (
        <p className="ack-reason">
          Acknowledged: {readable(finding.acknowledged.reason)}
          {finding.acknowledged.expires ? ` (until ${finding.acknowledged.expires})` : ""}
        </p>
      )}
      {finding.models.length > 0 && (
        <section>
          <h3>Models</h3>
          <ul className="plain">
            {finding.models.map((m) => (
              <li key={m}>
                {node(m)} <span className="muted">{readable(index.nodes.get(m)?.owner ?? "no owner")}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {finding.path && finding.path.length > 0 && (
        <section>
          <h3>Walk ({finding.path.length} steps)</h3>
          <ol className="walk" data-testid="walk">
            {finding.path.map((step, i) => (
              <li key={`${i}-${step.from}`}>
                {node(step.from)} <span className={`edge-kind edge-${step.edge}`}>{step.edge}</span> → {node(step.to)}
              </li>
            ))}
          </ol>
        </section>
      )}
      <section>
        <h3>Declared at</h3>
        <ul className="plain locations">
          {finding.locations.slice(0, 50).map((l) => (
            <li key={`${l.file}:${l.line}:${l.column}`}>
              <code>
                {readable(l.file)}:{l.line}:{l.column}
              </code>
            </li>
          ))}
          {finding.locations.length > 50 && <li className="muted">and {finding.locations.length - 50} more</li>}
        </ul>
      </section>
      {finding.evidence && finding.evidence.length > 0 && (
        <section>
          <h3>Runtime evidence</h3>
          <ul className="plain">
            {finding.evidence.map((e, i) => (
              <li key={i}>{readable(e.description)}</li>
            ))}
          </ul>
        </section>
      )}
      {rule && (
        <section className="rule-help">
          <h3>Why it is debt</h3>
          <p>{rule.meta.rationale}</p>
          {rule.meta.paper && <p className="muted">Sculley et al. 2015, {rule.meta.paper}</p>}
          <h3>How to fix or acknowledge</h3>
          <p>{rule.meta.fix}</p>
        </section>
      )}
      <p className="muted fingerprint">
        fingerprint <code>{finding.fingerprint}</code>
      </p>
    </article>
  );
}
