import { LineCounter, parseAllDocuments, type Document } from "yaml";
import type { Location } from "../types.js";
import type { FieldPath, ParsedDocument, ParsedFile, ParseProblem } from "./parsed-document.js";
import { locateInYaml } from "./yaml-ast.js";
import { PARSE_LIMITS } from "./limits.js";

/** Reads a YAML stream: every `---` document, with positions for every field. */
export function parseYaml(file: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const problems: ParseProblem[] = [];
  const documents: ParsedDocument[] = [];
  const at = (offset: number): Location => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  let parsed: ReturnType<typeof parseAllDocuments>;
  try {
    parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (error) {
    return { file, documents, problems: [{ location: { file, line: 1, column: 1 }, message: `cannot parse YAML: ${String(error)}` }] };
  }
  const docs: Document[] = Array.isArray(parsed) ? parsed : [];
  docs.forEach((doc, index) => {
    if (index >= PARSE_LIMITS.maxDocumentsPerFile) {
      if (index === PARSE_LIMITS.maxDocumentsPerFile) {
        problems.push({ location: at((doc.range?.[0] ?? 0)), message: `more than ${PARSE_LIMITS.maxDocumentsPerFile} documents in one file; the rest of the file is not read` });
      }
      return;
    }
    const errors = doc.errors.filter((e) => e.code !== "MULTIPLE_DOCS");
    if (errors.length > 0) {
      for (const error of errors.slice(0, 5)) {
        problems.push({ location: at(error.pos[0]), message: firstLine(error.message) });
      }
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: PARSE_LIMITS.maxAliasCount });
    } catch (error) {
      const message = error instanceof ReferenceError ? "too many aliases: this looks like an alias bomb (\"billion laughs\"); the document is not read" : `cannot read document: ${firstLine(String(error))}`;
      problems.push({ location: at((doc.range?.[0] ?? 0)), message });
      return;
    }
    if (value === null || value === undefined) {
      if (isEmptyDocument(text, doc)) return; // `---` separators and comments only
    }
    documents.push({
      file,
      index,
      value,
      locate: (path: FieldPath) => at(locateInYaml(doc, path).valueOffset),
      locateKey: (path: FieldPath) => {
        const found = locateInYaml(doc, path);
        return at(found.keyOffset ?? found.valueOffset);
      },
    });
  });
  return { file, documents, problems };
}

function isEmptyDocument(text: string, doc: Document): boolean {
  return doc.contents === null && !/\S/.test(stripComments(text.slice((doc.range?.[0] ?? 0), (doc.range?.[2] ?? text.length))));
}

function stripComments(text: string): string {
  return text.replace(/#.*$/gm, "").replace(/^(---|\.\.\.)\s*$/gm, "");
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

