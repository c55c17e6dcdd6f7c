import { useMemo } from "react";
import type { EstateGraph } from "../../analyzer/graph/estate-graph.js";
import { impact, type ReachedGroups } from "../../analyzer/impact.js";
import { plural } from "../../analyzer/report/plural.js";
import type { EstateIndex } from "../model/estate-index.js";
import { KIND_GLYPHS, KIND_LABELS } from "../model/palette.js";
import { readable } from "./readable-text.js";

interface Props {
  id: string;
  graph: EstateGraph;
  index: EstateIndex;
  depth: number;
  onDepth: (depth: number) => void;
  onSelectNode: (id: string) => void;
  onSelectFinding: (fingerprint: string) => void;
}

/** One node: its manifest fields with positions, its edges, its findings and its impact. */
export function NodePanel({ id, graph, index, depth, onDepth, onSelectNode, onSelectFinding }: Props) {
  const node = index.nodes.get(id);
  const result = useMemo(() => impact(graph, id, { depth }), [graph, id, depth]);
  if (!node) return <p className="empty">No node named {id} in this estate.</p>;
  const link = (target: string) => (
    <button type="button" className="link node-link" onClick={() => onSelectNode(target)}>
      <span className={`glyph kind-${index.nodes.get(target)?.kind ?? "dataset"}`}>{KIND_GLYPHS[index.nodes.get(target)?.kind ?? "dataset"]}</span> {target}
    </button>
  );
  const inbound = index.in.get(id) ?? [];
  const outbound = index.out.get(id) ?? [];
  const findings = index.findingsByNode.get(id) ?? [];
  const fields = Object.entries(node.attributes ?? {});
  return (
    <article className="detail" data-testid="node-panel">
      <header>
        <h2 className="detail-heading" tabIndex={-1}>
          <span className={`glyph kind-${node.kind}`}>{KIND_GLYPHS[node.kind]}</span> <strong>{node.id}</strong> <span className="badge">{KIND_LABELS[node.kind]}</span>
          {node.implicit && <span className="badge warn">undeclared</span>}
        </h2>
      </header>
      {node.description && <p className="node-description">{readable(node.description)}</p>}
      <dl className="fields">
        <dt>owner</dt>
        <dd>{node.owner !== undefined ? readable(node.owner) : <span className="muted">none</span>}</dd>
        {node.location && (
          <>
            <dt>{node.implicit ? "first used" : "declared"}</dt>
            <dd>
              <code>
                {readable(node.location.file)}:{node.location.line}:{node.location.column}
              </code>
            </dd>
          </>
        )}
        {fields.map(([key, value]) => (
          <FieldRow key={key} name={key} value={value} />
        ))}
      </dl>
      {inbound.length > 0 && (
        <section>
          <h3>In ({inbound.length})</h3>
          <ul className="plain edges">
            {inbound.map((e) => (
              <li key={e.source}>
                {link(e.source)} <span className={`edge-kind edge-${e.kind}`}>{e.kind}{e.use ? ` · ${e.use}` : ""}{e.version ? ` · v${e.version}` : ""}</span>
                <span className="muted small"> {e.locations[0] ? `${readable(e.locations[0].file)}:${e.locations[0].line}` : ""}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {outbound.length > 0 && (
        <section>
          <h3>Out ({outbound.length})</h3>
          <ul className="plain edges">
            {outbound.map((e) => (
              <li key={e.target}>
                <span className={`edge-kind edge-${e.kind}`}>{e.kind}</span> {link(e.target)}
                <span className="muted small"> {e.locations[0] ? `${readable(e.locations[0].file)}:${e.locations[0].line}` : ""}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h3>Findings ({findings.length})</h3>
        {findings.length === 0 && <p className="muted">None.</p>}
        <ul className="plain">
          {findings.map((f) => (
            <li key={f.fingerprint}>
              <button type="button" className={`link sev-${f.severity}`} onClick={() => onSelectFinding(f.fingerprint)}>
                {f.rule}
              </button>{" "}
              <span className="muted small">{f.acknowledged ? "acknowledged" : f.severity}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="impact" data-testid="impact">
        <h3>
          Impact
          <label className="depth">
            depth
            <input type="range" min={1} max={8} value={depth} onChange={(e) => onDepth(Number(e.target.value))} aria-label="Impact depth" />
            <output>{depth}</output>
          </label>
        </h3>
        {result.found && (
          <>
            <ImpactGroups title="Downstream (what a change here reaches)" groups={result.impact.downstream} link={link} />
            <ImpactGroups title="Upstream (what it depends on)" groups={result.impact.upstream} link={link} />
            {result.impact.loops.length > 0 && (
              <p>
                Touches {result.impact.loops.length} loop{result.impact.loops.length === 1 ? "" : "s"}: {result.impact.loops.map((l) => `${l.kind} (${l.models.join(", ")})`).join("; ")}
              </p>
            )}
          </>
        )}
      </section>
    </article>
  );
}

/** A manifest field as people read it: `drift: true · performance: true`, a list item per entry (acknowledgements). */
function FieldRow({ name, value }: { name: string; value: unknown }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>
        {Array.isArray(value) && value.some((item) => typeof item === "object" && item !== null) ? (
          <ul className="plain">
            {value.map((item, i) => (
              <li key={i}>
                <code>{describeField(item)}</code>
              </li>
            ))}
          </ul>
        ) : (
          <code>{describeField(value)}</code>
        )}
      </dd>
    </>
  );
}

function ImpactGroups({ title, groups, link }: { title: string; groups: ReachedGroups; link: (id: string) => React.ReactNode }) {
  // The CLI's order and counts (`loopscope impact`): outputs last, since each one's model is listed already.
  const items = [...groups.models, ...groups.services, ...groups.datasets, ...groups.outputs];
  return (
    <div className="impact-group">
      <h4>
        {title}: {plural(groups.models.length, "model")}, {plural(groups.services.length, "service")}, {plural(groups.datasets.length, "dataset")}, {plural(groups.outputs.length, "output")}
      </h4>
      <ul className="plain">
        {items.slice(0, 40).map((r) => (
          <li key={r.id}>
            {link(r.id)} <span className="muted small">{r.hops} hop{r.hops === 1 ? "" : "s"}</span>
          </li>
        ))}
        {items.length > 40 && <li className="muted">and {items.length - 40} more</li>}
      </ul>
    </div>
  );
}

function describeField(value: unknown): string {
  if (Array.isArray(value)) return value.map(describeField).join(", ");
  if (typeof value === "object" && value !== null) return Object.entries(value).map(([key, inner]) => `${key}: ${describeField(inner)}`).join(" · ");
  return readable(String(value));
}
