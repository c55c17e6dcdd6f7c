import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Report, SourceFile } from "../analyzer/types.js";
import type { EstateGraph } from "../analyzer/graph/estate-graph.js";
import { plural } from "../analyzer/report/plural.js";
import { useAnalysis } from "./worker/use-analysis.js";
import type { AnalysisResult } from "./worker/protocol.js";
import { SAMPLES, sampleOf } from "./load/samples.js";
import { LoadBar } from "./load/LoadBar.js";
import { DropZone } from "./load/DropZone.js";
import type { PickedFile } from "./load/read-files.js";
import { estateIndexOf, neighbourhood } from "./model/estate-index.js";
import { buildViewGraph } from "./model/view-graph.js";
import type { Coupling } from "./model/interactions.js";
import { useCouplings } from "./model/use-couplings.js";
import { highlightFinding, highlightNode, highlightPair, type Highlight, type Selection } from "./model/highlight.js";
import { GraphView, type GraphViewHandle } from "./graph/GraphView.js";
import { prelayout } from "./graph/prelayout.js";
import { Legend } from "./graph/Legend.js";
import { DEFAULT_FILTERS, FindingsPanel, visibleFindings, type FindingFilters } from "./panels/FindingsPanel.js";
import { FindingDetail } from "./panels/FindingDetail.js";
import { NodePanel } from "./panels/NodePanel.js";
import { MatrixView } from "./panels/MatrixView.js";
import { CouplingDetail } from "./panels/CouplingDetail.js";
import { EstateSummary } from "./panels/EstateSummary.js";
import { SearchBox } from "./panels/SearchBox.js";
import { ExportMenu } from "./panels/ExportMenu.js";
import { StatusBar } from "./panels/StatusBar.js";
import { PopupMenu } from "./panels/PopupMenu.js";
import { KeysMenu } from "./panels/KeysMenu.js";
import { useSingleKeyShortcuts } from "./state/single-key-shortcuts.js";
import { readHash, writeHash, type HashState } from "./state/hash.js";
import { TestState } from "./state/TestState.js";
import { ExtraViews, EXTRA_VIEW_NAMES, WorkspaceSlot } from "./extra-views.js";
import { shortLabel } from "./panels/readable-text.js";
import { useFocusLanding } from "./panels/use-focus-landing.js";
import { useFocusRescue } from "./panels/use-focus-rescue.js";

export type View = "graph" | "matrix" | (typeof EXTRA_VIEW_NAMES)[number];

const BIG_ESTATE = 3000;

/** Loop members drawn before anything is selected; beyond this the first view is a hairball. */
const LANDING_MAX = 400;

/**
 * What the graph shows before a selection: every loop's nodes, or on a big estate the
 * biggest loops (hidden ones first) until LANDING_MAX nodes.
 */
function landingNodes(graph: EstateGraph): { nodes: string[]; capped: boolean } {
  const all = new Set(graph.loops.flatMap((loop) => loop.nodes));
  if (all.size <= LANDING_MAX) return { nodes: [...all], capped: false };
  const rank = (kind: string) => (kind === "hidden" ? 0 : kind === "circular" ? 1 : 2);
  const loops = [...graph.loops].sort((a, b) => rank(a.kind) - rank(b.kind) || b.models.length - a.models.length);
  const chosen = new Set<string>();
  for (const loop of loops) {
    if (chosen.size > 0 && chosen.size + loop.nodes.length > LANDING_MAX) continue;
    for (const id of loop.nodes) chosen.add(id);
  }
  return { nodes: [...chosen], capped: true };
}

/** The selection a link names, if this estate has it. */
function linkedSelection(hash: HashState, report: Report, graph: EstateGraph): Selection | undefined {
  if (hash.finding && report.findings.some((f) => f.fingerprint === hash.finding)) return { type: "finding", fingerprint: hash.finding };
  if (hash.node && graph.nodes.some((n) => n.id === hash.node)) return { type: "node", id: hash.node };
  return undefined;
}

export function App() {
  // `complete`: a big result's positions (locations, fields) arrive just after its first view.
  const { result, complete, sources, status, run, runFiles, cancel } = useAnalysis();
  const [label, setLabel] = useState("");
  const [view, setView] = useState<View>("graph");
  const [selection, setSelection] = useState<Selection>(null);
  const [filters, setFilters] = useState<FindingFilters>(DEFAULT_FILTERS);
  const [fullGraph, setFullGraph] = useState(false);
  // null: not chosen for this estate yet, so big estates open on the models-only view.
  const [modelsOnlyChoice, setModelsOnly] = useState<boolean | null>(null);
  const [depth, setDepth] = useState(1);
  const [matrixOpened, setMatrixOpened] = useState(false);
  useEffect(() => {
    if (view === "matrix") setMatrixOpened(true);
  }, [view]);
  const [impactDepth, setImpactDepth] = useState(3);
  const graphRef = useRef<GraphViewHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const detailsRef = useRef<HTMLElement>(null);
  const centerRef = useRef<HTMLElement>(null);
  useFocusLanding(detailsRef, [centerRef], [selection, view]);
  useFocusRescue();

  /** The label of the analysis under way: it becomes the estate's label when its result arrives (not if cancelled). */
  const pendingLabel = useRef<string | null>(null);
  /** Why the last pick or drop loaded nothing (no manifest among the files). */
  const [loadNote, setLoadNote] = useState<string | null>(null);
  // The selection a shared link or a reload names. It is applied to the first estate that has
  // it (the workspace restored from the last visit arrives after the default sample), and until
  // then, or until the user loads or selects something else, the URL is left as it is.
  // Read once (useState's initializer), not on every render: a read tells hash.ts the app has
  // seen the address bar's hash, and a render between a typed hash and its hashchange must not.
  const [openingHash] = useState(readHash);
  const linked = useRef<HashState | null>(openingHash);
  /** The analysis under way is of files the user picked: a link they do not hold is dropped then. */
  const pickedRun = useRef(false);

  /** Loads begun (any way in): a slow workspace read does not open over a later one. */
  const loads = useRef(0);
  const loadCount = useCallback(() => loads.current, []);
  const load = useCallback(
    (next: SourceFile[], nextLabel: string, counted = true) => {
      if (counted) loads.current++;
      pendingLabel.current = nextLabel;
      setLoadNote(null);
      setSelection(null);
      setModelsOnly(null);
      run(next);
    },
    [run],
  );
  // Picked or dropped files: the worker reads them while it analyses.
  const loadFiles = useCallback(
    (picked: PickedFile[], nextLabel: string) => {
      if (picked.length === 0) {
        setLoadNote("No manifests there (.yaml, .yml, .json or .ndjson files): the estate shown is unchanged.");
        return;
      }
      loads.current++;
      pendingLabel.current = nextLabel;
      // A link opened before the files were picked is tried on them (the teammate's case), once.
      pickedRun.current = true;
      setLoadNote(null);
      setSelection(null);
      setModelsOnly(null);
      runFiles(picked);
    },
    [runFiles],
  );
  /** A load the user asked for (sample picker, paste): a link's selection no longer applies. */
  const userLoad = useCallback(
    (next: SourceFile[], nextLabel: string) => {
      linked.current = null;
      load(next, nextLabel);
    },
    [load],
  );
  const cancelRun = useCallback(() => {
    pendingLabel.current = null;
    cancel();
  }, [cancel]);
  useEffect(() => {
    if (status.state !== "nothing") return;
    pendingLabel.current = null;
    pickedRun.current = false;
    setLoadNote(`No Loopscope manifests in ${status.files === 1 ? "that file" : `those ${status.files} files`} (no document with apiVersion: loopscope/v1): the estate shown is unchanged.`);
  }, [status]);
  useEffect(() => {
    if (!result || pendingLabel.current === null) return;
    setLabel(pendingLabel.current);
    pendingLabel.current = null;
  }, [result]);

  // Open on the bike-shop sample unless the URL names another one.
  useEffect(() => {
    const wanted = readHash().sample ?? "bike-shop";
    const sample = SAMPLES.find((s) => s.name === wanted) ?? SAMPLES[0];
    // Not counted: the last visit's workspace, read meanwhile, is still to replace it.
    if (sample) load(sample.sources, `sample: ${sample.name}`, false);
    if (sample && sample.name !== wanted) setLoadNote(`${unknownSample(wanted)}: showing ${sample.name}.`);
  }, [load]);

  const report = result?.report;
  const graph = result?.graph;
  const index = useMemo(() => (result ? estateIndexOf(result) : null), [result]);
  // The matrix's couplings are computed when first needed (not on the way to a big estate's first frame).
  const needsCouplings = view === "matrix" || selection?.type === "pair";
  const couplings = useCouplings(result, index, needsCouplings);

  // Decided in render, not in an effect: an effect would draw the full view first and then redraw.
  const modelsOnly = modelsOnlyChoice ?? (graph ? graph.nodes.length > BIG_ESTATE : false);

  // The selection in the URL (shareable with a teammate who loads the same files).
  useEffect(() => {
    const picked = pickedRun.current;
    pickedRun.current = false;
    if (!report || !graph) return;
    // A selection made on the previous estate while this one was analysed: kept only if it is here too.
    setSelection((s) => (s === null || s.type === "pair" || linkedSelection(s.type === "finding" ? { finding: s.fingerprint } : { node: s.id }, report, graph) ? s : null));
    const hash = linked.current;
    if (!hash) return;
    const found = linkedSelection(hash, report, graph);
    if (found !== undefined || picked || (!hash.finding && !hash.node)) linked.current = null;
    if (found) setSelection(found);
  }, [report, graph]);
  useEffect(() => {
    if (linked.current && selection === null) return;
    linked.current = null;
    writeHash({ selection, sample: sampleOf(label)?.name });
  }, [selection, label, report]);
  // A hash edited in the address bar (or a link opened in this tab): its sample and selection.
  useEffect(() => {
    const onHashChange = () => {
      const hash = readHash();
      linked.current = hash;
      const sample = hash.sample ? SAMPLES.find((s) => s.name === hash.sample) : undefined;
      // Against the estate on its way when one is (a sample picked a moment ago), not the one shown.
      if (hash.sample && !sample) setLoadNote(`${unknownSample(hash.sample)}: the estate shown is unchanged.`);
      else if (sample && sampleOf(pendingLabel.current ?? label) !== sample) load(sample.sources, `sample: ${sample.name}`);
      else if (pendingLabel.current === null && report && graph) {
        linked.current = null;
        setSelection(linkedSelection(hash, report, graph) ?? null);
      }
    };
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, [label, report, graph, load]);

  const ownerOf = useCallback((model: string) => index?.nodes.get(model)?.owner, [index]);
  const visible = useMemo(() => (report ? visibleFindings(report.findings, filters, ownerOf) : []), [report, filters, ownerOf]);
  const selectedFinding = selection?.type === "finding" ? report?.findings.find((f) => f.fingerprint === selection.fingerprint) : undefined;

  const selectedPair: Coupling | undefined = selection?.type === "pair" ? couplings?.get(selection.a < selection.b ? `${selection.a}\u0000${selection.b}` : `${selection.b}\u0000${selection.a}`) : undefined;
  const highlight: Highlight | null = useMemo(() => {
    if (!graph || !selection) return null;
    if (selection.type === "finding") return selectedFinding ? highlightFinding(selectedFinding) : null;
    if (selection.type === "node") return highlightNode(graph, selection.id, impactDepth);
    return selectedPair ? highlightPair(graph, selectedPair) : null;
  }, [graph, selection, selectedFinding, selectedPair, impactDepth]);

  // It opens on the loops, not on a hairball: without "full graph", show the selection's
  // neighbourhood, or every loop's nodes when nothing is selected.
  const landing = useMemo(() => (graph ? landingNodes(graph) : { nodes: [], capped: false }), [graph]);
  const visibleIds = useMemo(() => {
    if (!graph || !index || fullGraph) return undefined;
    const seeds = highlight ? [...highlight.nodes] : landing.nodes;
    if (seeds.length === 0) return undefined;
    return neighbourhood(index, seeds, depth);
  }, [graph, index, fullGraph, highlight, depth, landing]);
  const visibleKey = visibleIds ? [...visibleIds].sort().join("\u0000") : "all";
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const viewGraph = useMemo(() => {
    if (!graph || !index) return null;
    const built = buildViewGraph(graph, index, { visible: visibleIds, modelsOnly });
    // A small view is laid out (in a worker) before it is drawn: start now, while the rest renders.
    prelayout(built);
    return built;
  }, [graph, index, visibleKey, modelsOnly]);

  const selectFinding = useCallback(
    (fingerprint: string) => {
      // The history names findings of other runs: one this estate lacks would leave an empty panel.
      if (report && !report.findings.some((f) => f.fingerprint === fingerprint)) {
        setLoadNote("That finding is not in the loaded estate: load the files of that run to see it.");
        return;
      }
      setSelection({ type: "finding", fingerprint });
      setView((v) => (v === "graph" || v === "matrix" ? v : "graph"));
    },
    [report],
  );
  const selectNode = useCallback((id: string) => setSelection({ type: "node", id }), []);

  // Keyboard: "/" search, Esc clear, arrows through findings (in the graph and matrix only: the
  // SQL and history views have rows of their own, and Ctrl+K or Cmd+J belong to the browser).
  const [singleKeys, setSingleKeys] = useSingleKeyShortcuts();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!singleKeys && (event.key === "/" || event.key === "j" || event.key === "k")) return;
      const target = event.target as HTMLElement | null;
      const typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable);
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (event.key === "/" && !typing) {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (event.key === "Escape") {
        // Focus stays in the field (blurring it left keyboard users on the page itself).
        setSelection(null);
      } else if ((event.key === "ArrowDown" || event.key === "ArrowUp" || event.key === "j" || event.key === "k") && !typing && (view === "graph" || view === "matrix") && visible.length > 0) {
        event.preventDefault();
        const at = selectedFinding ? visible.indexOf(selectedFinding) : -1;
        const step = event.key === "ArrowDown" || event.key === "j" ? 1 : -1;
        const next = visible[Math.min(visible.length - 1, Math.max(0, at + step))]!;
        selectFinding(next.fingerprint);
        const row = document.querySelector<HTMLElement>(`[data-fingerprint="${CSS.escape(next.fingerprint)}"]`);
        row?.scrollIntoView({ block: "nearest" });
        // Focus moves with the selection when it is in the list (its one Tab stop follows too).
        if (target?.closest('[role="listbox"]')) row?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [visible, selectedFinding, selectFinding, view, singleKeys]);

  const running = status.state === "running";
  return (
    <DropZone onFiles={loadFiles}>
      <div className="app">
        <header className="topbar">
          <h1 className="brand" title="Loopscope: hidden feedback loops and ML debt between models">
            <span className="logo" aria-hidden="true">⟳</span> Loopscope
          </h1>
          <LoadBar label={label} onLoad={userLoad} onFiles={loadFiles} sources={sources} />
          <SearchBox inputRef={searchRef} graph={graph} owners={index?.owners ?? []} onNode={selectNode} onOwner={(owner) => setFilters({ ...filters, owner })} />
          <nav className="tabs" aria-label="Views">
            {(["graph", "matrix", ...EXTRA_VIEW_NAMES] as View[]).map((v) => (
              <button key={v} type="button" className={view === v ? "on" : ""} aria-pressed={view === v} onClick={() => setView(v)}>
                {v.length <= 3 ? v.toUpperCase() : v[0]!.toUpperCase() + v.slice(1)}
              </button>
            ))}
          </nav>
          <PopupMenu title="Workspace">
            {/* The analysis goes along only when it is of these sources (not while a new one runs). */}
            <WorkspaceSlot sources={sources} label={label} onOpen={load} loadCount={loadCount} analysis={complete && status.state === "done" ? result : null} />
          </PopupMenu>
          <ExportMenu report={complete ? report : undefined} graph={graph} graphRef={graphRef} />
        </header>
        <main className="workspace">
          <aside className="left" aria-label="Findings">
            {report ? (
              <FindingsPanel findings={report.findings} visible={visible} filters={filters} owners={index?.owners ?? []} selected={selectedFinding?.fingerprint} onFilters={setFilters} onSelect={selectFinding} />
            ) : (
              <p className="empty">{running ? "Analysing…" : "Drop manifests anywhere on the page, or open files."}</p>
            )}
          </aside>
          <section className="center" ref={centerRef}>
            {/* The graph pane stays mounted under the other views: sigma keeps its camera and layout,
                and coming back costs no new WebGL renderer (about a second with software WebGL). */}
            <div className="graph-pane" hidden={view !== "graph"}>
              <div className="graph-toolbar">
                <label>
                  <input type="checkbox" checked={fullGraph} onChange={(e) => setFullGraph(e.target.checked)} /> full graph
                </label>
                <label>
                  <input type="checkbox" checked={modelsOnly} onChange={(e) => setModelsOnly(e.target.checked)} /> models only
                </label>
                <label className={fullGraph ? "disabled" : ""}>
                  neighbourhood
                  <input type="range" min={0} max={4} value={depth} disabled={fullGraph} onChange={(e) => setDepth(Number(e.target.value))} aria-label="Neighbourhood depth" />
                  <output>{depth}</output>
                </label>
                <span className="muted">
                  {viewGraph && graph ? viewCounts(viewGraph, graph, modelsOnly, visibleIds !== undefined) : ""}
                  {!highlight && !fullGraph && landing.capped ? " · the biggest loops first: choose a finding to isolate one" : ""}
                </span>
              </div>
              {viewGraph && viewGraph.order > 0 ? (
                <GraphView ref={graphRef} graph={viewGraph} highlight={highlight} active={view === "graph"} onSelectNode={selectNode} onClearSelection={() => setSelection(null)} layoutMillis={viewGraph.order > 2000 ? 6000 : 2500} />
              ) : (
                <p className="empty">{running ? "Analysing…" : "Nothing to draw yet."}</p>
              )}
              {index && <Legend owners={index.owners} />}
            </div>
            {/* Kept mounted once opened, hidden: its order and scroll survive a look at the graph. */}
            {(view === "matrix" || matrixOpened) && graph && index && couplings && (
              <div className="extra-pane" hidden={view !== "matrix"}>
                <MatrixView graph={graph} index={index} couplings={couplings} selected={selection?.type === "pair" ? selection : undefined} onSelect={(a, b) => setSelection({ type: "pair", a, b })} />
              </div>
            )}
            {view === "matrix" && graph && index && !couplings && (
              <p className="empty" role="status" data-testid="matrix-working">
                Working out how the {report?.summary.models.toLocaleString("en-US")} models are coupled…
              </p>
            )}
            <ExtraViews view={view} result={complete ? result : null} sources={sources} onSelectNode={(id) => (setView("graph"), selectNode(id))} onSelectFinding={selectFinding} />
          </section>
          <aside className="right" aria-label="Details" ref={detailsRef}>
            {selectedFinding && index && <FindingDetail finding={selectedFinding} index={index} onSelectNode={selectNode} />}
            {selection?.type === "node" && graph && index && (
              <NodePanel id={selection.id} graph={graph} index={index} depth={impactDepth} onDepth={setImpactDepth} onSelectNode={selectNode} onSelectFinding={selectFinding} />
            )}
            {selectedPair && index && <CouplingDetail coupling={selectedPair} index={index} onSelectNode={selectNode} onShowGraph={() => setView("graph")} />}
            {!selection && report && graph && <EstateSummary report={report} graph={graph} onSelectFinding={selectFinding} />}
          </aside>
        </main>
        <StatusBar note={loadNote} status={status} report={report} notices={result?.notices ?? []} millis={result?.millis} files={sources.length} onCancel={cancelRun}>
          <KeysMenu singleKeys={singleKeys} onSingleKeys={setSingleKeys} />
        </StatusBar>
        <TestState highlight={highlight} view={view} status={status.state} report={report} viewGraph={viewGraph} selection={selection} />
      </div>
    </DropZone>
  );
}

/** "12 models · 20 edges of 40 models": the total counts what the view can show, models alone in the models-only view. */
function viewCounts(view: { order: number; size: number }, graph: EstateGraph, modelsOnly: boolean, part: boolean): string {
  const unit = modelsOnly ? "model" : "node";
  const shown = `${plural(view.order, unit)} · ${plural(view.size, "edge")}`;
  if (!part) return shown;
  const total = modelsOnly ? graph.nodes.filter((n) => n.kind === "model").length : graph.nodes.length;
  return `${shown} of ${plural(total, unit)}`;
}

/** A `#sample=` the page does not bundle (a typo, an old link): said, not silently replaced. */
function unknownSample(name: string): string {
  return `No sample named "${shortLabel(name, 40)}" (there are ${SAMPLES.map((s) => s.name).join(", ")})`;
}
