import type { EstateIndex } from "../model/estate-index.js";
import { COUPLING_LABELS, type Coupling } from "../model/interactions.js";
import { KIND_GLYPHS } from "../model/palette.js";
import { GLYPHS } from "./MatrixView.js";
import { readable } from "./readable-text.js";

/** A matrix cell explained: how two models are coupled and through which nodes (highlighted on the graph). */
export function CouplingDetail({ coupling, index, onSelectNode, onShowGraph }: { coupling: Coupling; index: EstateIndex; onSelectNode: (id: string) => void; onShowGraph: () => void }) {
  const link = (id: string) => (
    <button type="button" className="link node-link" onClick={() => onSelectNode(id)}>
      <span className={`glyph kind-${index.nodes.get(id)?.kind ?? "dataset"}`}>{KIND_GLYPHS[index.nodes.get(id)?.kind ?? "dataset"]}</span> {id}
    </button>
  );
  return (
    <article className="detail" data-testid="coupling-explanation">
      <header>
        <h2 className="detail-heading" tabIndex={-1}>
          <strong>
            {coupling.a} ↔ {coupling.b}
          </strong>
        </h2>
      </header>
      <div className="coupling-kinds">
        {coupling.kinds.map((k) => (
          <span key={k} className={`badge${k === "loop" ? " sev-error" : ""}`}>
            {GLYPHS[k]} {COUPLING_LABELS[k]}
          </span>
        ))}
      </div>
      <h3>How they are coupled</h3>
      <ul className="plain">
        {coupling.reasons.map((reason, i) => (
          <li key={i}>{readable(reason)}</li>
        ))}
      </ul>
      <h3>Models</h3>
      <ul className="plain">
        {[coupling.a, coupling.b].map((m) => (
          <li key={m}>
            {link(m)} <span className="muted">{readable(index.nodes.get(m)?.owner ?? "no owner")}</span>
          </li>
        ))}
      </ul>
      {coupling.nodes.length > 0 && (
        <>
          <h3>Through</h3>
          <ul className="plain">
            {coupling.nodes.map((id) => (
              <li key={id}>{link(id)}</li>
            ))}
          </ul>
        </>
      )}
      <p>
        <button type="button" onClick={onShowGraph}>
          Show on the graph
        </button>
      </p>
    </article>
  );
}
