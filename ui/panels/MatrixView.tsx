import { useMemo, useState, type KeyboardEvent } from "react";
import type { EstateGraph } from "../../analyzer/graph/estate-graph.js";
import type { EstateIndex } from "../model/estate-index.js";
import { COUPLING_LABELS, unpairedGroups, type Coupling, type CouplingKind } from "../model/interactions.js";
import { teamColours, UNOWNED_COLOUR } from "../model/palette.js";
import { readable } from "./readable-text.js";

export const GLYPHS: Record<CouplingKind, string> = { loop: "⟳", outcome: "◎", inputs: "⋈", reads: "→" };
const MAX_MODELS = 80;

interface Props {
  graph: EstateGraph;
  index: EstateIndex;
  couplings: Map<string, Coupling>;
  selected: { a: string; b: string } | undefined;
  onSelect: (a: string, b: string) => void;
}

/**
 * Models × models: each cell says how two models are coupled. Only models with at least one
 * coupling are listed (at most MAX_MODELS, the most coupled first, and the view says so).
 */
export function MatrixView({ graph, index, couplings, selected, onSelect }: Props) {
  const [order, setOrder] = useState<"team" | "name" | "coupling">("team");
  const degree = useMemo(() => {
    const d = new Map<string, number>();
    for (const c of couplings.values()) for (const m of [c.a, c.b]) d.set(m, (d.get(m) ?? 0) + c.kinds.length);
    return d;
  }, [couplings]);
  const coupled = [...degree.keys()];
  const shown = [...coupled].sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || (a < b ? -1 : 1)).slice(0, MAX_MODELS);
  const owner = (m: string) => index.nodes.get(m)?.owner;
  // Unowned models after every team ("~" sorted first under localeCompare).
  const byTeam = (a: string, b: string) => {
    const [x, y] = [owner(a), owner(b)];
    return x === y ? 0 : x === undefined ? 1 : y === undefined ? -1 : x.localeCompare(y);
  };
  const models = shown.sort((a, b) =>
    order === "team" ? byTeam(a, b) || a.localeCompare(b) : order === "name" ? a.localeCompare(b) : (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || a.localeCompare(b),
  );
  const colours = teamColours(index.owners);
  const cell = (a: string, b: string) => couplings.get(a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const totalModels = graph.nodes.filter((n) => n.kind === "model").length;
  // Loops and inputs too big to pair (a loop of 61 models left the matrix empty, saying nothing).
  const unpaired = useMemo(() => unpairedGroups(graph, index), [graph, index]);
  // One Tab stop for the whole matrix (the selected pair, else the cell last moved to, else the
  // first coupled cell); the arrow keys move between coupled cells, Home and End along the row.
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const pairKey = (row: string, col: string) => `${row}|${col}`;
  const coupledAt = (r: number, c: number) => r !== c && cell(models[r]!, models[c]!) !== undefined;
  const first = (() => {
    for (let r = 0; r < models.length; r++) for (let c = 0; c < models.length; c++) if (coupledAt(r, c)) return pairKey(models[r]!, models[c]!);
    return undefined;
  })();
  const inView = (key: string | undefined) => {
    if (!key) return false;
    const [row, col] = key.split("|") as [string, string];
    return models.includes(row) && models.includes(col) && row !== col && cell(row, col) !== undefined;
  };
  const selectedKey = selected ? (inView(pairKey(selected.a, selected.b)) ? pairKey(selected.a, selected.b) : pairKey(selected.b, selected.a)) : undefined;
  const tabStop = inView(selectedKey) ? selectedKey : inView(cursor) ? cursor : first;
  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const at = (event.target as HTMLElement).closest<HTMLElement>("[data-pair]")?.dataset["pair"];
    if (!at || event.ctrlKey || event.metaKey || event.altKey) return;
    const [row, col] = at.split("|") as [string, string];
    const [r, c] = [models.indexOf(row), models.indexOf(col)];
    const moves: Record<string, [number, number, number, number] | undefined> = {
      ArrowRight: [r, c + 1, 0, 1],
      ArrowLeft: [r, c - 1, 0, -1],
      ArrowDown: [r + 1, c, 1, 0],
      ArrowUp: [r - 1, c, -1, 0],
      // As in the findings list: j and k are down and up here too, not the next finding.
      j: [r + 1, c, 1, 0],
      k: [r - 1, c, -1, 0],
      Home: [r, 0, 0, 1],
      End: [r, models.length - 1, 0, -1],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    let [nr, nc] = [move[0], move[1]];
    while (nr >= 0 && nc >= 0 && nr < models.length && nc < models.length && !coupledAt(nr, nc)) [nr, nc] = [nr + move[2], nc + move[3]];
    if (nr < 0 || nc < 0 || nr >= models.length || nc >= models.length) return;
    const next = pairKey(models[nr]!, models[nc]!);
    setCursor(next);
    event.currentTarget.querySelector<HTMLElement>(`[data-pair="${CSS.escape(next)}"]`)?.focus();
  };
  return (
    <div className="matrix-view" data-testid="matrix">
      <div className="matrix-toolbar">
        <span>
          {models.length} of {totalModels} models ({coupled.length} coupled{coupled.length > MAX_MODELS ? `; showing the ${MAX_MODELS} most coupled` : ""})
        </span>
        <label>
          sort by{" "}
          <select value={order} onChange={(e) => setOrder(e.target.value as typeof order)} aria-label="Sort matrix">
            <option value="team">team</option>
            <option value="name">name</option>
            <option value="coupling">coupling</option>
          </select>
        </label>
        <span className="legend-inline">
          {(Object.keys(GLYPHS) as CouplingKind[]).map((k) => (
            <span key={k}>
              <b>{GLYPHS[k]}</b> {COUPLING_LABELS[k]}
            </span>
          ))}
        </span>
      </div>
      {unpaired.length > 0 && (
        <p className="matrix-note" data-testid="matrix-unpaired">
          Not paired here, for their size (every two of their models are coupled):{" "}
          {unpaired.slice(0, 5).map((g) => readable(g.kind === "loop" ? `a ${g.label}` : `${g.label}, read by ${g.models} models`)).join("; ")}
          {unpaired.length > 5 ? `; and ${unpaired.length - 5} more` : ""}.
        </p>
      )}
      {models.length === 0 ? (
        <p className="empty">{unpaired.length > 0 ? "No other two models are coupled in this estate." : "No two models are coupled in this estate."}</p>
      ) : (
        <div className="matrix-scroll">
          <table className="matrix" onKeyDown={onKeyDown} aria-label="Model couplings: arrow keys move between coupled pairs, Enter opens one">
            <thead>
              <tr>
                <td />
                {models.map((m) => (
                  <th key={m} className="col-head" title={`${m} (${readable(index.nodes.get(m)?.owner ?? "no owner")})`}>
                    <span style={{ borderColor: colours.get(owner(m) ?? "") ?? UNOWNED_COLOUR }}>{m}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {models.map((row) => (
                <tr key={row}>
                  <th className="row-head" style={{ borderLeftColor: colours.get(owner(row) ?? "") ?? UNOWNED_COLOUR }} title={`${row} (${readable(index.nodes.get(row)?.owner ?? "no owner")})`}>
                    <span className="cut">{row}</span>
                  </th>
                  {models.map((col) => {
                    const c = row === col ? undefined : cell(row, col);
                    const isSelected = selected && ((selected.a === row && selected.b === col) || (selected.a === col && selected.b === row));
                    return (
                      <td key={col} className={`${c ? `cell ${c.kinds.includes("loop") ? "cell-loop" : ""}` : row === col ? "diag" : ""}${isSelected ? " selected" : ""}`}>
                        {c && (
                          <button
                            type="button"
                            data-pair={pairKey(row, col)}
                            tabIndex={tabStop === pairKey(row, col) ? 0 : -1}
                            aria-label={`${row} and ${col}: ${c.kinds.map((k) => COUPLING_LABELS[k]).join(", ")}`}
                            title={c.kinds.map((k) => COUPLING_LABELS[k]).join(", ")}
                            onFocus={() => setCursor(pairKey(row, col))}
                            onClick={() => onSelect(row, col)}
                          >
                            {c.kinds.map((k) => GLYPHS[k]).join("")}
                          </button>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
