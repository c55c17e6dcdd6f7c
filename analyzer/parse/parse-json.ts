import type { Location } from "../types.js";
import { checkValue } from "./check-value.js";
import { scanJson } from "./json-positions.js";
import { LineIndex } from "./line-index.js";
import { PARSE_LIMITS } from "./limits.js";
import type { FieldPath, ParsedDocument, ParsedFile, ParseProblem } from "./parsed-document.js";
import { locateFlat, type FlatTree, type Located } from "./flat-tree.js";
import { FilePositions, PlacedDocument } from "./document-place.js";

export interface ParseJsonOptions {
  /**
   * Another tool's file (OpenLineage events, a dbt manifest): its readers take a few named
   * fields and walk nothing, so the manifest limits on string length and nesting are not
   * applied to the values. A 70 KB SQL facet or dbt's `compiled_code` is ordinary there, and
   * refusing its event (or the whole dbt project) lost the lineage it carried.
   */
  foreign?: boolean;
}

const INVALID_JSON = "invalid JSON: ";
/** Duplicate keys named per document before "and N more". */
const DUPLICATES_NAMED = 20;

/** The text is not JSON at all (as opposed to JSON whose documents break a rule). */
export function isInvalidJson(parsed: ParsedFile): boolean {
  return parsed.documents.length === 0 && parsed.problems.length === 1 && parsed.problems[0]!.message.startsWith(INVALID_JSON);
}

/**
 * Reads a JSON file: one document, or an array of documents. JSON.parse builds the
 * values (nothing is faster); one scan of the text records where each value starts
 * (json-positions.ts), finds duplicate keys, which JSON.parse would silently resolve to
 * the last, and places syntax errors exactly (Node's messages do not always say where).
 */
export function parseJson(file: string, text: string, { foreign = false }: ParseJsonOptions = {}): ParsedFile {
  let lines: LineIndex | undefined;
  const at = (offset: number): Location => (lines ??= new LineIndex(text)).locate(file, offset);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const scan = scanJson(text, PARSE_LIMITS);
    const offset = scan.ok ? text.length : scan.offset;
    return { file, documents: [], problems: [{ location: at(offset), message: `${INVALID_JSON}${cleanMessage(error, scan.ok ? undefined : scan.message)}` }] };
  }
  let scan = scanJson(text, PARSE_LIMITS, false, true);
  // Fewer keys in the value than in the text: some key is written twice. Find which.
  if (scan.ok && scan.keyCount !== countKeys(value)) scan = scanJson(text, PARSE_LIMITS, true, true);
  if (!scan.ok) return { file, documents: [], problems: [{ location: at(scan.offset), message: `${INVALID_JSON}${scan.message}` }] };
  const problems: ParseProblem[] = [];
  const isList = Array.isArray(value);
  const items: unknown[] = isList ? (value as unknown[]) : [value];
  const tree = scan.tree;
  const positions = new JsonPositions(file, text, tree);
  const nodes: number[] = isList ? childNodes(tree, 0) : [0];
  // Each duplicate key of a document left out is named, as the YAML reader names them (only the
  // first was, so fixing it showed the next), up to DUPLICATES_NAMED a document, then how many
  // more: the first five of the whole file were once named and the documents after them dropped.
  const withDuplicates = new Map<number, number>();
  for (const duplicate of scan.duplicateKeys) {
    const index = isList ? itemAt(tree, nodes, duplicate.offset) : 0;
    const seen = (withDuplicates.get(index) ?? 0) + 1;
    withDuplicates.set(index, seen);
    if (seen <= DUPLICATES_NAMED) problems.push({ location: at(duplicate.offset), message: `duplicate key "${duplicate.key.slice(0, 80)}": JSON readers disagree on which value wins; the document is not read` });
  }
  for (const [index, count] of withDuplicates) {
    if (count <= DUPLICATES_NAMED) continue;
    const last = scan.duplicateKeys.filter((d) => (isList ? itemAt(tree, nodes, d.offset) : 0) === index)[DUPLICATES_NAMED]!;
    problems.push({ location: at(last.offset), message: `and ${count - DUPLICATES_NAMED} more duplicate keys in this document` });
  }
  const documents: ParsedDocument[] = [];
  items.forEach((item, index) => {
    const node = nodes[index] ?? 0;
    if (index >= PARSE_LIMITS.maxDocumentsPerFile) {
      if (index === PARSE_LIMITS.maxDocumentsPerFile) problems.push({ location: at(tree.starts[node]!), message: `more than ${PARSE_LIMITS.maxDocumentsPerFile.toLocaleString("en-US")} documents in one file; the rest of the file is not read` });
      return;
    }
    if (withDuplicates.has(index)) return;
    // JSON has no aliases: only a file near a limit needs the value walk.
    const problem = scan.nearLimits && !foreign ? checkValue(item) : undefined;
    if (problem) {
      problems.push({ location: positions.at(positions.find(node, index, problem.path).valueOffset), message: problem.message });
      return;
    }
    documents.push(new PlacedDocument(file, index, item, positions, node));
  });
  return { file, documents, problems };
}

/** Positions in a JSON file: its flat tree (a path that leaves the document stops at the document). */
class JsonPositions extends FilePositions {
  constructor(
    file: string,
    text: string,
    private readonly tree: FlatTree,
  ) {
    super(file, text);
  }

  find(root: number, _index: number, path: FieldPath): Located {
    return locateFlat(this.text, this.tree, root, path) ?? { valueOffset: this.tree.starts[root]! };
  }
}

/** Keys of every object in a JSON value (no sharing in JSON, so a plain iterative walk). */
function countKeys(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== "object" || item === null) continue;
    if (Array.isArray(item)) {
      for (const child of item) if (typeof child === "object" && child !== null) stack.push(child);
    } else {
      for (const key in item) {
        count++;
        const child = (item as Record<string, unknown>)[key];
        if (typeof child === "object" && child !== null) stack.push(child);
      }
    }
  }
  return count;
}

/** Index of the array item whose text holds `offset` (items are in source order). */
function itemAt(tree: FlatTree, nodes: number[], offset: number): number {
  let low = 0;
  let high = nodes.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (tree.starts[nodes[mid]!]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

function childNodes(tree: FlatTree, node: number): number[] {
  const children: number[] = [];
  for (let c = node + 1; c < tree.ends[node]!; c = tree.ends[c]!) children.push(c);
  return children;
}

function cleanMessage(error: unknown, scanMessage: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/is not valid JSON|Unexpected token/.test(message) && scanMessage) return scanMessage;
  return message
    .replace(/ in JSON at position \d+.*$/s, "")
    .replace(/\s*\(line \d+ column \d+\)$/, "")
    .replace(/^./, (c) => c.toLowerCase());
}
