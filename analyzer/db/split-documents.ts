import { parseAllDocuments } from "yaml";
import type { SourceFile } from "../types.js";

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
    if (/\.json$/i.test(source.path)) rows.push(...splitJson(source));
    else rows.push(...splitYaml(source));
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

function splitYaml(source: SourceFile): ManifestRow[] {
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(source.text);
  } catch {
    return [row(source.path, 0, 1, undefined, source.text)];
  }
  const list = Array.isArray(docs) ? docs : [];
  if (list.length === 0) return [row(source.path, 0, 1, undefined, source.text)];
  return list.map((doc, i) => {
    const [start, , end] = doc.range ?? [0, source.text.length, source.text.length];
    let value: unknown;
    try {
      value = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;
    } catch {
      value = undefined; // alias bombs and the like: keep the text, leave the fields empty
    }
    return row(source.path, i, lineAt(source.text, start), value, source.text.slice(start, end));
  });
}

function row(file: string, docIndex: number, line: number, value: unknown, raw: string): ManifestRow {
  const field = (key: string): string | null => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
    const found = (value as Record<string, unknown>)[key];
    return typeof found === "string" ? found : null;
  };
  return { file, docIndex, line, kind: field("kind"), name: field("name"), owner: field("owner"), raw };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
