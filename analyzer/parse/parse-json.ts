import { LineCounter, parseDocument, type Document } from "yaml";
import type { Location } from "../types.js";
import { LineIndex } from "./line-index.js";
import type { FieldPath, ParsedDocument, ParsedFile } from "./parsed-document.js";
import { locateInYaml } from "./yaml-ast.js";

/**
 * Reads a JSON file: one document, or an array of documents. JSON.parse is several times
 * faster than a position-keeping parser, so positions are recovered lazily, only when a
 * finding needs one, by re-reading the same text with `yaml` (JSON is valid YAML 1.2).
 */
export function parseJson(file: string, text: string): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { file, documents: [], problems: [{ location: syntaxErrorLocation(file, text, error), message: `invalid JSON: ${cleanMessage(error)}` }] };
  }
  let ast: { doc: Document; lines: LineCounter } | undefined;
  const tree = () => {
    if (!ast) {
      const lines = new LineCounter();
      ast = { doc: parseDocument(text, { lineCounter: lines, uniqueKeys: false }), lines };
    }
    return ast;
  };
  const at = (offset: number): Location => {
    const { line, col } = tree().lines.linePos(offset);
    return { file, line, column: col };
  };
  const makeDocument = (index: number, docValue: unknown, prefix: FieldPath): ParsedDocument => ({
    file,
    index,
    value: docValue,
    locate: (path) => at(locateInYaml(tree().doc, [...prefix, ...path]).valueOffset),
    locateKey: (path) => {
      const found = locateInYaml(tree().doc, [...prefix, ...path]);
      return at(found.keyOffset ?? found.valueOffset);
    },
  });
  const documents = Array.isArray(value) ? value.map((item, i) => makeDocument(i, item, [i])) : [makeDocument(0, value, [])];
  return { file, documents, problems: [] };
}

function syntaxErrorLocation(file: string, text: string, error: unknown): Location {
  const match = /position (\d+)/.exec(String(error));
  const offset = match ? Number(match[1]) : text.length;
  return { file, ...new LineIndex(text).position(offset) };
}

function cleanMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/ in JSON at position \d+.*$/s, "").replace(/\s*\(line \d+ column \d+\)$/, "");
}
