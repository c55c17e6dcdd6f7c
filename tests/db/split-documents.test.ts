import { describe, expect, test } from "vitest";
import { parseAllDocuments } from "yaml";
import { splitDocuments } from "../../analyzer/db/index.js";
import { bikeShop } from "./helpers.js";

describe("manifests table: documents with their raw text", () => {
  test("multi-document YAML: one row per document, leading comments kept with the first, lines 1-based", () => {
    const text = "# datasets\napiVersion: loopscope/v1\nkind: Dataset\nname: a\nowner: 'team x'\n---\napiVersion: loopscope/v1\nkind: Dataset\nname: \"b\" # quoted\n---\n# only a comment\n...\n";
    expect(splitDocuments([{ path: "d.yaml", text }])).toEqual([
      { file: "d.yaml", docIndex: 0, line: 1, kind: "Dataset", name: "a", owner: "team x", raw: "# datasets\napiVersion: loopscope/v1\nkind: Dataset\nname: a\nowner: 'team x'" },
      { file: "d.yaml", docIndex: 1, line: 7, kind: "Dataset", name: "b", owner: null, raw: 'apiVersion: loopscope/v1\nkind: Dataset\nname: "b" # quoted' },
    ]);
  });

  test("lone CR and CRLF line ends: the same rows and lines as LF, each document's text as written", () => {
    const text = "# datasets\napiVersion: loopscope/v1\nkind: Dataset\nname: a\n---\nkind: Model\nname: &n m\nowner: *n\n";
    const lf = splitDocuments([{ path: "d.yaml", text }]);
    for (const end of ["\r", "\r\n"]) {
      const other = splitDocuments([{ path: "d.yaml", text: text.replace(/\n/g, end) }]);
      expect(other.map(({ raw, ...rest }) => rest)).toEqual(lf.map(({ raw, ...rest }) => rest));
      expect(other.map((r) => r.raw)).toEqual(lf.map((r) => r.raw.replace(/\n/g, end)));
    }
  });

  test("fields that are not plain scalars fall back to a YAML parse; broken documents keep their text", () => {
    const rows = splitDocuments([
      { path: "flow.yaml", text: "{apiVersion: loopscope/v1, kind: Model, name: m, owner: t}\n" },
      { path: "anchor.yaml", text: "kind: Model\nname: &n shared\nowner: *n\n" },
      { path: "broken.yaml", text: "kind: Model\nname: [unclosed\n" },
    ]);
    expect(rows.map((r) => [r.file, r.kind, r.name, r.owner])).toEqual([
      ["anchor.yaml", "Model", "shared", "shared"],
      ["broken.yaml", null, null, null],
      ["flow.yaml", "Model", "m", "t"],
    ]);
    expect(rows[1]?.raw).toBe("kind: Model\nname: [unclosed\n");
  });

  test("JSON: an array is one row per element; a single object is one row", () => {
    const rows = splitDocuments([
      { path: "a.json", text: JSON.stringify([{ kind: "Model", name: "x" }, { kind: "Dataset", name: "y", owner: "o" }]) },
      { path: "b.json", text: '{"kind":"Service","name":"s"}' },
    ]);
    expect(rows.map((r) => [r.file, r.docIndex, r.kind, r.name, r.owner])).toEqual([
      ["a.json", 0, "Model", "x", null],
      ["a.json", 1, "Dataset", "y", "o"],
      ["b.json", 0, "Service", "s", null],
    ]);
  });

  test("agrees with the yaml package on every bike-shop document's kind, name and owner", () => {
    const { sources } = bikeShop();
    const expected = sources.flatMap((s) =>
      parseAllDocuments(s.text as string)
        .map((d) => d.toJS() as Record<string, unknown> | null)
        .filter((v) => v !== null)
        .map((v) => [s.path, v["kind"] ?? null, v["name"] ?? null, v["owner"] ?? null]),
    );
    expect(splitDocuments(sources).map((r) => [r.file, r.kind, r.name, r.owner])).toEqual(expected.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0)));
  });
});
