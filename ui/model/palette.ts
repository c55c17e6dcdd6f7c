import type { NodeKind, Severity } from "../../analyzer/types.js";

/** Colour-blind-friendly categorical palette (Okabe–Ito plus extensions) for owner teams. */
const TEAM_COLOURS = ["#56b4e9", "#e69f00", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#9ad0a0", "#b39ddb", "#ffab91", "#80cbc4", "#c5e1a5"];

export const UNOWNED_COLOUR = "#8a8f98";
export const SEVERITY_COLOURS: Record<Severity, string> = { error: "#ff5d5d", warning: "#ffb020", info: "#5eb1ff" };
export const KIND_SHAPES: Record<NodeKind, string> = { model: "square", output: "circle", dataset: "diamond", service: "triangle" };
export const KIND_LABELS: Record<NodeKind, string> = { model: "Model", output: "Output", dataset: "Dataset", service: "Service" };
export const KIND_GLYPHS: Record<NodeKind, string> = { model: "■", output: "●", dataset: "◆", service: "▲" };

/** Owner → colour, stable for a given set of owners (sorted, then assigned in order). */
export function teamColours(owners: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(owners)].sort();
  return new Map(sorted.map((owner, i) => [owner, TEAM_COLOURS[i % TEAM_COLOURS.length]!]));
}
