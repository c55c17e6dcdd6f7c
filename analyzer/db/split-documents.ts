import { parseDocument } from "yaml";
import type { SourceFile } from "../types.js";
import { PARSE_LIMITS } from "../parse/limits.js";
import { withLoneCrAsLf } from "../parse/line-index.js";

/** One manifest document of a source file, as stored in the `manifests` table. */
export interface ManifestRow {
  file: string;
  docIndex: number;
  /** 1-based line where the document starts. */
  line: number;
  kind: string | null;
  name: string | null;
  owner: string | null;
  raw: string;
}

/**
 * Splits source files into documents with their raw text. Independent of the analyzer's
 * parser on purpose: the table keeps every document, also the ones that failed validation,
 * so a broken manifest can still be read back from the database.
 */
export function splitDocuments(sources: readonly SourceFile[]): ManifestRow[] {
  const rows: ManifestRow[] = [];
  for (const source of [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    for (const row of /\.json$/i.test(source.path) ? splitJson(source) : splitYaml(source)) rows.push(row);
  }
  return rows;
}

function splitJson(source: SourceFile): ManifestRow[] {
  let value: unknown;
  try {
    value = JSON.parse(source.text);
  } catch {
    return [row(source.path, 0, 1, undefined, source.text)];
  }
  if (!Array.isArray(value)) return [row(source.path, 0, 1, value, source.text)];
  return value.map((item, i) => row(source.path, i, 1, item, JSON.stringify(item, null, 2)));
}

/**
 * YAML documents by their `---` / `...` lines, and kind/name/owner from plain top-level
 * `key: value` lines. A full YAML parse per file cost ~1 ms (most of a snapshot's time on
 * big estates); the parse is kept only for documents whose fields are not plain scalars.
 */
function splitYaml(source: SourceFile): ManifestRow[] {
  const rows: ManifestRow[] = [];
  // Lines end at LF, CRLF or a lone CR (as the analyzer counts them, line-index.ts); each line's
  // own ending is kept, so a document's text is as it was written.
  const parts = source.text.split(/(\r\n|\r|\n)/);
  const lines = parts.filter((_, k) => k % 2 === 0);
  const ends = parts.filter((_, k) => k % 2 === 1);
  let start = 0;
  const flush = (end: number) => {
    const body = lines.slice(start, end);
    // A segment of only comments and blank lines is no document (a leading comment block, a trailing `---`).
    if (body.some((line) => line.trim() !== "" && !line.trimStart().startsWith("#"))) {
      rows.push(yamlRow(source.path, rows.length, start + 1, body.map((line, k) => (k < body.length - 1 ? line + ends[start + k]! : line)).join("")));
    }
  };
  lines.forEach((line, i) => {
    const marker = /^(---|\.\.\.)(\s|$)/.exec(line);
    if (!marker) return;
    flush(i);
    start = marker[1] === "---" && line.slice(3).trim() !== "" && !line.slice(3).trim().startsWith("#") ? i : i + 1;
    if (start === i) lines[i] = line.slice(3); // `--- {inline: doc}` keeps its content
  });
  flush(lines.length);
  return rows.length > 0 ? rows : [row(source.path, 0, 1, undefined, source.text)];
}

const PLAIN_FIELD = /^(kind|name|owner):[ \t]*(.*?)[ \t]*(?:[ \t]#.*)?$/;

function yamlRow(file: string, docIndex: number, line: number, raw: string): ManifestRow {
  const fields: Record<string, string> = {};
  let needsParse = false;
  for (const text of raw.split(/\r\n|\r|\n/)) {
    const match = PLAIN_FIELD.exec(text);
    if (!match) continue;
    const value = plainScalar(match[2] ?? "");
    if (value === undefined) needsParse = true;
    else fields[match[1] ?? ""] = value;
  }
  if (needsParse || raw.trimStart().startsWith("{")) {
    try {
      const doc = parseDocument(withLoneCrAsLf(raw), { logLevel: "error" });
      return row(file, docIndex, line, doc.errors.length === 0 ? doc.toJS({ maxAliasCount: PARSE_LIMITS.maxExpandedValues }) : undefined, raw);
    } catch {
      return row(file, docIndex, line, undefined, raw); // alias bombs and the like: keep the text, leave the fields empty
    }
  }
  return row(file, docIndex, line, fields, raw);
}

/** A plain or simply quoted scalar; undefined for anything needing a real YAML parser. */
function plainScalar(text: string): string | undefined {
  if (text === "" || /^[|>&*!{[@`%]/.test(text)) return undefined;
  if (text.startsWith('"')) {
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === "string" ? value : undefined;
    } catch {
      return undefined;
    }
  }
  if (text.startsWith("'")) return text.length >= 2 && text.endsWith("'") ? text.slice(1, -1).replace(/''/g, "'") : undefined;
  return text;
}

function row(file: string, docIndex: number, line: number, value: unknown, raw: string): ManifestRow {
  const field = (key: string): string | null => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
    const found = (value as Record<string, unknown>)[key];
    return typeof found === "string" ? found : null;
  };
  return { file, docIndex, line, kind: field("kind"), name: field("name"), owner: field("owner"), raw };
}

