import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";
import Sigma, { DEFAULT_STYLES } from "sigma";
import { extremityArrow, layerDashed, layerFill, layerPlain, sdfCircle, sdfDiamond, sdfSquare, sdfTriangle } from "sigma/rendering";
import Graph from "graphology";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import type { Highlight } from "../model/highlight.js";
import { edgeId } from "../model/highlight.js";
import { idOf, keyOf, type ViewGraph } from "../model/view-graph.js";
import { notifyFirstFrame } from "../state/first-frame.js";
import { layoutSettings, PRELAYOUT_MAX, prelayout, readyToDraw, warmLayoutWorker } from "./prelayout.js";
import { drawnGraph, EDGES_DRAWN_MAX, followPositions } from "./drawn-graph.js";
import { glideMillis } from "../motion.js";

const BACKGROUND = "#14171c";
const FADED_NODE = "#2b313b";
const FADED_EDGE = "#20252d";
const HIGHLIGHT_EDGE = "#ff5d5d";
const REACH_EDGE = "#7aa2ff";
const TRANSPARENT = "rgba(0,0,0,0)";
const LOOP_RING = { backdropVisibility: "visible", backdropColor: "rgba(255, 93, 93, 0.16)", backdropBorderColor: "#ff5d5d", backdropBorderWidth: 1.5, backdropPadding: 3, backdropArea: "node", backdropShadowBlur: 0 } as const;

export interface GraphViewHandle {
  /** PNG of what the graph shows now, as a data URL. */
  toPng(): string | undefined;
  focus(ids: string[]): void;
}

interface Props {
  graph: ViewGraph;
  highlight: Highlight | null;
  /** False while another view covers the graph pane (it stays mounted, hidden). */
  active?: boolean | undefined;
  onSelectNode: (id: string) => void;
  onClearSelection: () => void;
  /** How long ForceAtlas2 runs after a (re)layout, in ms. */
  layoutMillis: number;
}

/**
 * sigma 4 (WebGL) over a graphology graph. Highlighting goes through one node reducer and
 * one edge reducer reading a ref, then a refresh: the graph itself is never mutated for it.
 * ForceAtlas2 runs in its worker from the seeded positions, for a bounded time.
 */
export const GraphView = forwardRef<GraphViewHandle, Props>(function GraphView({ graph, highlight, active = true, onSelectNode, onClearSelection, layoutMillis }, ref) {
  const container = useRef<HTMLDivElement>(null);
  const renderer = useRef<Sigma | null>(null);
  /** The current view's ForceAtlas2 supervisor, made on first use. */
  const makeLayout = useRef<(() => FA2Layout) | null>(null);
  // Read by the reducers: set in render, so the frame that swaps a new view in already shows it.
  const highlightRef = useRef<Highlight | null>(highlight);
  highlightRef.current = highlight;
  /** The highlight sigma last drew, so a swap's own frame is not drawn a second time. */
  const drawnHighlight = useRef<Highlight | null | undefined>(undefined);
  const hovered = useRef<string | null>(null);
  /** The last view whose layout started on its own (ForceAtlas2 after the first frame). */
  const autoLaidOut = useRef<ViewGraph | null>(null);
  /** The highlight and view the camera was last centred on. */
  const focused = useRef<{ highlight: Highlight | null; view: ViewGraph | null }>({ highlight: null, view: null });
  /** Hidden under another view since sigma last drew: draw once when shown again. */
  const staleWhileHidden = useRef(false);
  const firstFrame = useRef(true);
  const [running, setRunning] = useState(false);
  /** "Draw all" pressed: views over EDGES_DRAWN_MAX edges draw every edge from then on. */
  const [allEdges, setAllEdges] = useState(false);
  const allEdgesRef = useRef(allEdges);
  allEdgesRef.current = allEdges;
  const callbacks = useRef({ onSelectNode, onClearSelection });
  callbacks.current = { onSelectNode, onClearSelection };

  // Small views are laid out before their first frame (deterministic, no visible settling), in
  // a worker; until then the previous view stays. Big ones are drawn at once from the seeded
  // positions and settle in the ForceAtlas2 worker.
  const [, setLaidOut] = useState(0);
  const shownRef = useRef<ViewGraph | null>(null);
  const shown = readyToDraw(graph) ? graph : shownRef.current;
  shownRef.current = shown;
  useEffect(() => {
    if (readyToDraw(graph)) {
      // Laid out between the render that found it not ready and this effect (a small view's
      // layout takes a few milliseconds in its worker): render again, or the old view stays.
      if (shownRef.current !== graph) setLaidOut((n) => n + 1);
      return;
    }
    const job = prelayout(graph); // usually started already, by the app when it built the view
    let live = true;
    job.done.then(
      () => {
        performance.mark("loopscope:layout-done");
        if (live) setLaidOut((n) => n + 1);
      },
      () => undefined, // superseded
    );
    return () => {
      live = false;
      job.cancel();
    };
  }, [graph]);
  // The view sigma shows, and the graph it draws for it (the reducers read it): the view itself,
  // or over EDGES_DRAWN_MAX edges a copy with only the highlighted edges (drawn-graph.ts).
  // Changed only where sigma's graph is swapped.
  const viewRef = useRef<ViewGraph>(shown ?? EMPTY);
  const [firstDrawn] = useState(() => drawnGraph(viewRef.current, highlight, allEdges));
  const graphRef = useRef<ViewGraph>(firstDrawn);

  // One sigma for the component's life: a new view swaps the graph (setGraph) instead of
  // building a renderer again, which costs a second per selection with software WebGL.
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    warmLayoutWorker();
    const sigma = new Sigma(graphRef.current, element, {
      // allowInvalidContainer: a pane with no size (a window shrunk to nothing) must not throw.
      settings: { allowInvalidContainer: true, itemSizesReference: "screen", stagePadding: 90, renderEdgeLabels: graphRef.current.size <= EDGE_LABELS_MAX, labelDensity: 0.6, labelRenderedSizeThreshold: 7, zIndex: true, minCameraRatio: 0.02, maxCameraRatio: 20 },
      primitives: {
        nodes: { shapes: [sdfCircle(), sdfSquare({ cornerRadius: 0.15 }), sdfTriangle({ cornerRadius: 0.1 }), sdfDiamond({ cornerRadius: 0.1 })], layers: [layerFill()] },
        edges: {
          extremities: [extremityArrow()],
          defaultHead: "arrow",
          // Data edges: the plain layer (colour `plainColor`); world edges: the dashed layer, with a
          // transparent plainColor so the gaps stay empty. Custom attributes reach a layer only when
          // declared as variables.
          variables: { plainColor: { type: "color", default: "#5b6472" }, dashSize: { type: "number", default: 0 }, gapSize: { type: "number", default: 0 } },
          layers: [
            layerPlain({ color: { attribute: "plainColor" } }),
            layerDashed({ dashSize: { attribute: "dashSize", default: 0, mode: "pixels" }, gapSize: { attribute: "gapSize", default: 0, mode: "pixels" }, gapColor: 0 }),
          ],
        },
      },
      styles: {
        nodes: [
          DEFAULT_STYLES.nodes,
          {
            shape: { attribute: "shape" },
            labelColor: "#d7dce4",
            labelFont: "Inter, system-ui, sans-serif",
            labelSize: 12,
            // Hover card in the theme's colours (sigma's default is white, unreadable under light labels).
            backdropColor: "#262d38",
            backdropShadowColor: "rgba(0, 0, 0, 0.6)",
            backdropPadding: 5,
          },
        ],
        edges: [DEFAULT_STYLES.edges, { labelColor: "#9aa3b2", labelSize: 10, labelFont: "Inter, system-ui, sans-serif" }],
      },
      nodeReducer: (key, data, attributes) => {
        const current = highlightRef.current;
        const id = idOf(key);
        if (key === hovered.current) return { ...data, highlighted: true, zIndex: 3 };
        if (current && !current.nodes.has(id)) return { ...data, color: FADED_NODE, label: "", zIndex: 0 };
        // Loop members wear a red ring; in small views (40 nodes or fewer) they and every model keep their label.
        const ring = attributes["inLoop"] ? LOOP_RING : null;
        const labelled = graphRef.current.order <= 40 && (attributes["inLoop"] || attributes["kind"] === "model");
        const focused = current ? current.focus.includes(id) : false;
        return { ...data, ...ring, ...(labelled || focused ? { labelVisibility: "visible" } : null), highlighted: focused, zIndex: current ? 2 : ring ? 1 : 0 };
      },
      edgeReducer: (key, data, attributes) => {
        const current = highlightRef.current;
        if (!current) return data;
        const source = idOf(graphRef.current.source(key));
        const target = idOf(graphRef.current.target(key));
        const dashed = (attributes["gapSize"] as number | undefined) ?? 0;
        const paint = (color: string) => ({ color, plainColor: dashed > 0 ? TRANSPARENT : color });
        if (current.edges.has(edgeId(source, target))) return { ...data, ...paint(current.tone === "reach" ? REACH_EDGE : HIGHLIGHT_EDGE), size: Math.max(2, data.size ?? 1), zIndex: 2 };
        if (current.nodes.has(source) && current.nodes.has(target)) return data;
        return { ...data, ...paint(FADED_EDGE), zIndex: 0 };
      },
    } as ConstructorParameters<typeof Sigma>[2]);
    renderer.current = sigma;
    drawnHighlight.current = highlightRef.current;
    let hoverTimer: number | undefined;
    sigma.on("clickNode", ({ node }: { node: string }) => callbacks.current.onSelectNode(idOf(node)));
    sigma.on("clickStage", () => callbacks.current.onClearSelection());
    sigma.on("enterNode", ({ node }: { node: string }) => {
      window.clearTimeout(hoverTimer);
      hoverTimer = window.setTimeout(() => {
        hovered.current = node;
        element.style.cursor = "pointer";
        sigma.refresh({ skipIndexation: true });
      }, 40);
    });
    sigma.on("leaveNode", () => {
      window.clearTimeout(hoverTimer);
      hovered.current = null;
      element.style.cursor = "";
      sigma.refresh({ skipIndexation: true });
    });
    (window as unknown as { __loopscopeSigma?: Sigma }).__loopscopeSigma = sigma;
    // Frames drawn so far, for the browser tests and the load-time measurement (a DOM write per frame is cheap).
    let frames = 0;
    // A first view still being laid out: the empty placeholder's frame is not the view's first.
    if (graphRef.current === EMPTY) firstFrame.current = false;
    sigma.on("afterRender", () => {
      if (firstFrame.current) {
        performance.mark("loopscope:first-frame");
        notifyFirstFrame();
      }
      firstFrame.current = false;
      element.dataset["frames"] = String(++frames);
    });
    return () => {
      window.clearTimeout(hoverTimer);
      sigma.kill();
      renderer.current = null;
    };
  }, []);

  // Each new view: swap it in, fit the camera, and start ForceAtlas2 where it is due.
  useEffect(() => {
    const sigma = renderer.current;
    // Hidden: a view chosen meanwhile is swapped in (and laid out) when the pane is shown again.
    if (!sigma || !shown || !active) return;
    if (viewRef.current !== shown) {
      // Settings and camera first: setGraph draws at once, and each of them would otherwise
      // draw again (edge labels of a big view included) a frame later.
      const edgeLabels = shown.size <= EDGE_LABELS_MAX;
      if (sigma.getSetting("renderEdgeLabels") !== edgeLabels) sigma.setSetting("renderEdgeLabels", edgeLabels);
      sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
      firstFrame.current = true;
      viewRef.current = shown;
      graphRef.current = drawnGraph(shown, highlightRef.current, allEdgesRef.current);
      sigma.setGraph(graphRef.current);
      drawnHighlight.current = highlightRef.current;
      staleWhileHidden.current = false;
    }
    const unfollow = followPositions(shown, () => (viewRef.current === shown ? graphRef.current : shown));
    // The ForceAtlas2 supervisor starts a worker: made when the layout first runs, not per view.
    let fa2: FA2Layout | null = null;
    let timer: number | undefined;
    makeLayout.current = shown.order > 1 && shown.size > 0 ? () => (fa2 ??= new FA2Layout(shown, { settings: layoutSettings(shown) })) : null;
    // Once per view: coming back from another view does not lay it out again.
    let startLayout: (() => void) | undefined;
    let started = false;
    if (autoLaidOut.current !== shown && makeLayout.current && shown.order > PRELAYOUT_MAX && shown.order <= AUTO_LAYOUT_MAX && layoutMillis > 0) {
      // After the first frame: the first picture of a big estate should not wait for the layout.
      // Above AUTO_LAYOUT_MAX the seeded team clusters stay until "Run layout": every layout
      // step redraws the whole view, which keeps a software-rendered page busy for seconds.
      const make = makeLayout.current;
      autoLaidOut.current = shown;
      startLayout = () => {
        if (viewRef.current !== shown) return;
        started = true;
        make().start();
        setRunning(true);
        timer = window.setTimeout(() => {
          fa2?.stop();
          setRunning(false);
        }, layoutMillis);
      };
      sigma.once("afterRender", startLayout);
    }
    return () => {
      // Hidden (or replaced) before its first frame: the layout is still due.
      if (startLayout && !started) {
        sigma.off("afterRender", startLayout);
        autoLaidOut.current = null;
      }
      unfollow();
      window.clearTimeout(timer);
      fa2?.kill();
      makeLayout.current = null;
      setRunning(false);
    };
  }, [shown, layoutMillis, active]);

  useEffect(() => {
    const sigma = renderer.current;
    // A view still being laid out gets the highlight when it is swapped in (the effect runs again);
    // the previous view is not redrawn with a highlight meant for the next one.
    if (!sigma || !shown || !active || shown !== graph || viewRef.current !== shown) return;
    if (drawnHighlight.current !== highlight) {
      if (graphRef.current === shown) sigma.refresh({ skipIndexation: true });
      else {
        // A thinned view: a new copy with this highlight's edges (its nodes are few, so this is quick).
        graphRef.current = drawnGraph(shown, highlight, allEdgesRef.current);
        sigma.setGraph(graphRef.current);
      }
      staleWhileHidden.current = false;
    }
    drawnHighlight.current = highlight;
    // Once per highlight and view: coming back from another view keeps the camera where it was.
    if (highlight && highlight.focus.length > 0 && (focused.current.highlight !== highlight || focused.current.view !== shown)) focusOn(sigma, shown, [...highlight.nodes]);
    focused.current = { highlight, view: shown };
  }, [highlight, shown, graph, active]);

  // Shown again with nothing new to draw: one frame, in case the window changed size meanwhile.
  useEffect(() => {
    if (!active) staleWhileHidden.current = true;
    else if (staleWhileHidden.current) {
      staleWhileHidden.current = false;
      renderer.current?.refresh({ skipIndexation: true });
    }
  }, [active]);

  // "Draw all" gives sigma the whole view.
  useEffect(() => {
    const sigma = renderer.current;
    if (!allEdges || !sigma || graphRef.current === viewRef.current) return;
    graphRef.current = viewRef.current;
    sigma.setGraph(graphRef.current);
  }, [allEdges]);

  useImperativeHandle(ref, () => ({
    toPng() {
      const sigma = renderer.current;
      if (!sigma) return undefined;
      sigma.refresh();
      const canvas = container.current?.querySelector("canvas");
      if (!canvas) return undefined;
      // sigma's canvas is transparent; the file gets the page's background so the light labels stay readable.
      const out = document.createElement("canvas");
      out.width = canvas.width;
      out.height = canvas.height;
      const context = out.getContext("2d");
      if (!context) return canvas.toDataURL("image/png");
      context.fillStyle = BACKGROUND;
      context.fillRect(0, 0, out.width, out.height);
      context.drawImage(canvas, 0, 0);
      return out.toDataURL("image/png");
    },
    focus(ids: string[]) {
      if (renderer.current) focusOn(renderer.current, graphRef.current, ids);
    },
  }));

  const toggleLayout = () => {
    const make = makeLayout.current;
    if (!make) return;
    const fa2 = make();
    if (fa2.isRunning()) {
      fa2.stop();
      setRunning(false);
    } else {
      fa2.start();
      setRunning(true);
      window.setTimeout(() => {
        if (makeLayout.current === make) {
          fa2.stop();
          setRunning(false);
        }
      }, layoutMillis || 3000);
    }
  };

  const clicked = useRef(false);
  return (
    <div className="graph-wrap">
      {/* What it shows is reachable from the findings list, search and the detail panel; the
          camera from the keyboard too (a mouse-only zoom left small labels unreadable). */}
      <div
        ref={container}
        className="graph-canvas"
        data-testid="graph-canvas"
        role="application"
        aria-roledescription="graph"
        tabIndex={0}
        aria-label={`${shown ? `Graph of ${shown.order.toLocaleString("en-US")} nodes and ${shown.size.toLocaleString("en-US")} edges` : "Graph"}: arrow keys move, + and - zoom, 0 fits`}
        // Focus from a click (on a node, or to pan) keeps the arrows for the findings list, as before.
        onPointerDown={() => (clicked.current = true)}
        onBlur={() => (clicked.current = false)}
        onKeyDown={(event) => {
          const camera = renderer.current?.getCamera();
          if (!camera || clicked.current || event.ctrlKey || event.metaKey || event.altKey) return;
          const move = cameraMove(event.key, camera.getState());
          if (!move) return;
          event.preventDefault();
          // Handled here: the page's own arrows would also step through the findings.
          event.stopPropagation();
          if (move === "fit") camera.reset({ duration: glideMillis(200) });
          else camera.animate(move, { duration: glideMillis(150) });
        }}
      />
      {shown && shown.size > EDGES_DRAWN_MAX && !allEdges && (
        <div className="graph-note" role="status" data-testid="edges-thinned">
          {shown.size.toLocaleString("en-US")} edges are not drawn: more than {EDGES_DRAWN_MAX.toLocaleString("en-US")} make every frame slow without a GPU. Select a node or a loop to draw
          its edges.{" "}
          <button type="button" onClick={() => setAllEdges(true)}>
            Draw all
          </button>
        </div>
      )}
      <div className="graph-controls">
        <button type="button" onClick={toggleLayout} title="Stop or rerun the ForceAtlas2 layout">
          {running ? "■ Stop layout" : "↻ Run layout"}
        </button>
        <button type="button" onClick={() => renderer.current?.getCamera().reset({ duration: glideMillis(300) })} title="Fit the whole graph">
          ⤢ Fit
        </button>
      </div>
    </div>
  );
});

/** The camera after a key: arrows pan a fifth of the view, + and - zoom by 1.5, 0 fits. */
export function cameraMove(key: string, state: { x: number; y: number; ratio: number; angle: number }): { x: number; y: number; ratio: number } | "fit" | undefined {
  const step = state.ratio / 5;
  const { x, y, ratio } = state;
  switch (key) {
    case "ArrowLeft":
      return { x: x - step, y, ratio };
    case "ArrowRight":
      return { x: x + step, y, ratio };
    case "ArrowUp":
      return { x, y: y + step, ratio };
    case "ArrowDown":
      return { x, y: y - step, ratio };
    case "+":
    case "=":
      return { x, y, ratio: ratio / 1.5 };
    case "-":
    case "_":
      return { x, y, ratio: ratio * 1.5 };
    case "0":
      return "fit";
    default:
      return undefined;
  }
}

/** Views up to this many nodes run ForceAtlas2 on their own after the first frame. */
const AUTO_LAYOUT_MAX = 1000;
/** Edge labels ("loop · via purchases") only in views up to this many edges. */
const EDGE_LABELS_MAX = 120;
/** What sigma holds while the first view is still being laid out. */
const EMPTY: ViewGraph = new Graph({ type: "directed", multi: false, allowSelfLoops: true });

function focusOn(sigma: Sigma, graph: ViewGraph, ids: string[]): void {
  const points = ids.map((id) => sigma.getNodeDisplayData(keyOf(id))).filter((d): d is NonNullable<typeof d> => Boolean(d) && graph.hasNode(keyOf(ids[0]!)) !== undefined);
  if (points.length === 0) return;
  // Bounds by a loop: a loop of many thousand nodes would overflow Math.min(...xs).
  let [left, right, bottom, top] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of points) [left, right, bottom, top] = [Math.min(left, p.x), Math.max(right, p.x), Math.min(bottom, p.y), Math.max(top, p.y)];
  const x = (left + right) / 2;
  const y = (bottom + top) / 2;
  const spread = Math.max(right - left, top - bottom);
  const ratio = Math.min(1.2, Math.max(0.3, spread * 1.3));
  void sigma.getCamera().animate({ x, y, ratio }, { duration: glideMillis(400) });
}
