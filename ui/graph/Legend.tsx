import { KIND_GLYPHS, KIND_LABELS, teamColours, UNOWNED_COLOUR } from "../model/palette.js";
import type { NodeKind } from "../../analyzer/types.js";
import { shortLabel } from "../panels/readable-text.js";

/** Shape by kind, colour by owner team, edge styles. */
export function Legend({ owners }: { owners: string[] }) {
  const colours = teamColours(owners);
  return (
    <div className="legend" role="group" aria-label="Legend">
      <div className="legend-row">
        {(Object.keys(KIND_GLYPHS) as NodeKind[]).map((kind) => (
          <span key={kind}>
            <span className={`glyph kind-${kind}`}>{KIND_GLYPHS[kind]}</span> {KIND_LABELS[kind]}
          </span>
        ))}
        <span>
          <span className="edge-sample data" /> data
        </span>
        <span>
          <span className="edge-sample world" /> world (influences)
        </span>
        <span>
          <span className="edge-sample loop" /> loop edge, selected walk
        </span>
        <span>
          <span className="edge-sample reach" /> impact, coupling
        </span>
        <span>
          <span className="loop-ring" /> in a loop
        </span>
      </div>
      <div className="legend-row teams">
        {owners.slice(0, 16).map((owner) => (
          <span key={owner}>
            <span className="swatch" style={{ background: colours.get(owner) }} /> {shortLabel(owner, 40)}
          </span>
        ))}
        {owners.length > 16 && <span className="muted">+{owners.length - 16} teams</span>}
        <span>
          <span className="swatch" style={{ background: UNOWNED_COLOUR }} /> no owner
        </span>
      </div>
    </div>
  );
}
