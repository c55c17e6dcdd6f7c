import type { EstateGraph } from "../graph/estate-graph.js";

const SHAPES = { model: "box", output: "ellipse", dataset: "cylinder", service: "component" } as const;

/** Graphviz DOT: shape by kind, world (`influences`) edges dashed red, loop members bold. */
export function graphToDot(graph: EstateGraph): string {
  const inLoop = new Set(graph.loops.flatMap((loop) => loop.nodes));
  const lines = ["digraph loopscope {", "  rankdir=LR;", '  node [fontname="Helvetica"];'];
  for (const node of graph.nodes) {
    const style = [node.implicit ? "dashed" : "", inLoop.has(node.id) ? "bold" : ""].filter(Boolean).join(",");
    lines.push(`  ${quote(node.id)} [shape=${SHAPES[node.kind]}${style ? `, style="${style}"` : ""}${inLoop.has(node.id) ? ", color=red" : ""}];`);
  }
  for (const edge of graph.edges) {
    const attributes = [`label=${quote(edge.kind === "reads" && edge.use ? `reads (${edge.use})` : edge.kind)}`];
    if (edge.kind === "influences") attributes.push("style=dashed", "color=red");
    lines.push(`  ${quote(edge.source)} -> ${quote(edge.target)} [${attributes.join(", ")}];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}
