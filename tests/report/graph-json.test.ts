import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import { graphJsonParts } from "../../analyzer/export/graph-json.js";
import { generateEstate } from "../../bench/generate.js";

describe("graph --format json in pieces", () => {
  it("has the bytes of JSON.stringify(graph, null, 2), in pieces of a megabyte or two", () => {
    // At 50,000 models the text is 286 MB: as one string it was most of the command's memory.
    const { graph } = analyze(generateEstate({ models: 1500, seed: 3 }), { today: "2026-11-28" });
    const pieces = [...graphJsonParts(graph)];
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeLessThan(3 * 2 ** 20);
    expect(pieces.join("")).toBe(`${JSON.stringify(graph, null, 2)}\n`);
  });

  it("writes an empty estate as JSON.stringify does", () => {
    const graph = { nodes: [], edges: [], loops: [] };
    expect([...graphJsonParts(graph)].join("")).toBe(`${JSON.stringify(graph, null, 2)}\n`);
  });
});
