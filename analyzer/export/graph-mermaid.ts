import type { EstateGraph } from "../graph/estate-graph.js";

/** Mermaid flowchart: node ids are numbered (names may hold `.`/`-`), labels carry names. */
export function graphToMermaid(graph: EstateGraph): string {
  const ids = new Map(graph.nodes.map((node, i) => [node.id, `n${i}`]));
  const label = (text: string) => `"${text.replace(/"/g, "#quot;")}"`;
  const shapes = { model: ["[", "]"], output: ["([", "])"], dataset: ["[(", ")]"], service: ["[[", "]]"] } as const;
  const lines = ["flowchart LR"];
  for (const node of graph.nodes) {
    const [open, close] = shapes[node.kind];
    lines.push(`  ${ids.get(node.id)}${open}${label(node.id)}${close}`);
  }
  for (const edge of graph.edges) {
    const arrow = edge.kind === "influences" ? "-.->" : "-->";
    lines.push(`  ${ids.get(edge.source)} ${arrow}|${edge.kind}| ${ids.get(edge.target)}`);
  }
  const loopNodes = [...new Set(graph.loops.flatMap((loop) => loop.nodes))].sort();
  if (loopNodes.length > 0) {
    lines.push("  classDef loop stroke:#d33,stroke-width:2px;");
    lines.push(`  class ${loopNodes.map((id) => ids.get(id)).join(",")} loop;`);
  }
  return `${lines.join("\n")}\n`;
}
