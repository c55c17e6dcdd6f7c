import { Document, isMap, isNode, isScalar, isSeq, parseAllDocuments, visit, type YAMLMap, type YAMLSeq } from "yaml";
import { nestingProblem } from "../parse/nesting-guard.js";
import type { Notice } from "../types.js";
import type { ImportedDocument, ImportedFile } from "./imported-file.js";
import { headerComment, joinDocuments } from "./render-manifests.js";
import { PARSE_LIMITS } from "../parse/limits.js";
import { LineIndex, withLoneCrAsLf } from "../parse/line-index.js";

/** Fields the import writes and keeps in step with lineage; lists grow, never shrink. */
const LIST_FIELDS = new Set(["inputs", "consumes", "derivedFrom"]);
/** Fields the import fills only when missing, so hand edits win. */
const FILL_FIELDS = new Set(["owner", "description", "lineage"]);

export interface MergeResult {
  /** The new file text; undefined when the existing file cannot be merged safely (left alone). */
  text: string | undefined;
  notices: Notice[];
}

/**
 * Re-import into an existing file without losing what people wrote by hand. The existing
 * file is edited in place through yaml's Document API, so comments, key order and every
 * field the import does not own (influences, monitoring, deployment, acknowledge, ...)
 * survive. Lineage lists are merged as unions: events are samples of runtime, and a run
 * that did not read a table does not prove the dependency is gone.
 */
export function mergeImportedFile(existingText: string, file: ImportedFile, path: string): MergeResult {
  const notices: Notice[] = [];
  const deep = nestingProblem(existingText);
  if (deep) return { text: undefined, notices: [{ file: path, line: deep.line, column: deep.column, message: `cannot merge into this file (${deep.message}); it was left unchanged` }] };
  // Lone CRs as line breaks (line-index.ts): the yaml package read such a file as one line (a
  // first comment swallowed it all) and the merge wrote over the fields added by hand.
  const docs = parseAllDocuments(withLoneCrAsLf(existingText), { logLevel: "error" });
  const broken = docs.find((d) => d.errors.length > 0);
  if (!(docs instanceof Array) || broken) {
    const error = broken?.errors[0];
    const line = error?.linePos?.[0];
    return { text: undefined, notices: [{ file: path, line: line?.line ?? 1, column: line?.col ?? 1, message: `cannot merge into this file (${error?.message.split("\n")[0] ?? "not YAML"}); it was left unchanged` }] };
  }
  let before: string;
  try {
    before = JSON.stringify(docs.map(plainValue));
  } catch (error) {
    // An alias bomb: the lint reports it at its position; the import leaves the file be.
    return { text: undefined, notices: [{ file: path, message: `cannot merge into this file (${error instanceof Error ? error.message : String(error)}); it was left unchanged` }] };
  }
  const byName = new Map<string, Document>();
  for (const doc of docs) {
    const name = doc.get("name");
    if (typeof name === "string" && !byName.has(name)) byName.set(name, doc);
  }
  let lines: LineIndex | undefined;
  const placeOf = (node: unknown): Omit<Notice, "message"> => {
    const range = isNode(node) ? node.range : undefined;
    return range ? (lines ??= new LineIndex(existingText)).locate(path, range[0]) : { file: path };
  };
  const result: Document[] = [...docs];
  for (const generated of file.documents) {
    const existing = byName.get(generated.name);
    if (!existing) {
      result.push(new Document(generated));
      continue;
    }
    const kind = existing.get("kind");
    if (kind !== generated.kind) {
      notices.push({ file: path, message: `${generated.name} is a ${String(kind)} in this file but the import makes it a ${generated.kind}; the file's version was kept` });
      continue;
    }
    const say: Say = (node, message) => notices.push({ ...placeOf(node), message: `${generated.name}: ${message}` });
    // Anchors, aliases and merge keys share nodes: growing a list grew its aliases, and a field
    // written over a merged one replaced what the lint read through `<<`. Such a document is
    // left as written, and said when the events would change it.
    const shared = sharingNode(existing);
    if (shared !== undefined) {
      const trial = existing.clone();
      mergeDocument(trial, generated, () => undefined);
      if (JSON.stringify(plainValue(trial)) !== JSON.stringify(plainValue(existing))) {
        say(shared, "uses YAML anchors, aliases or merge keys, which share values between fields; the import leaves it as written: compare it with the events and add what they show by hand");
      }
      continue;
    }
    mergeDocument(existing, generated, say);
  }
  // Nothing new: leave the file byte for byte as the user keeps it.
  if (result.length === docs.length && JSON.stringify(result.map(plainValue)) === before) return { text: existingText, notices };
  const first = result[0];
  // A file of comments only has no document to hold them: yaml keeps them on the stream.
  const streamComment = docs.length === 0 ? (docs as { comment?: string }).comment : undefined;
  if (first && streamComment) first.commentBefore = streamComment;
  else if (first && (first.commentBefore == null || first.commentBefore.trimStart().startsWith("Imported by"))) first.commentBefore = headerComment(file.header);
  return { text: inFileStyle(joinDocuments(result), existingText), notices };
}

/**
 * The merged text in the file's own style: CRLF line ends when every line of the file ended so,
 * and its byte-order mark. A merge wrote a Windows team's files back as LF, a diff of every line.
 */
function inFileStyle(text: string, existing: string): string {
  const bom = existing.charCodeAt(0) === 0xfeff ? "\uFEFF" : "";
  const crlf = existing.includes("\r\n") && !/(^|[^\r])\n/.test(existing);
  return bom + (crlf ? text.replace(/\n/g, "\r\n") : text);
}

/**
 * A document's value, its aliases expanded up to the lint's own limit (100,000 values counting
 * aliases, docs/limits.md): the `yaml` package's default of 100 made a valid file with 101
 * merge keys an internal error.
 */
function plainValue(doc: Document): unknown {
  return doc.toJS({ maxAliasCount: PARSE_LIMITS.maxExpandedValues });
}

/** The first anchor, alias or merge key (`<<`) of a document, if any. */
function sharingNode(doc: Document): unknown {
  let found: unknown;
  visit(doc, {
    Alias(_, node) {
      found = node;
      return visit.BREAK;
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === "<<") {
        found = pair.key;
        return visit.BREAK;
      }
      return undefined;
    },
    Node(_, node) {
      if (node.anchor) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Says something about a node of the existing file (its place is found from the node). */
type Say = (node: unknown, message: string) => void;

function mergeDocument(doc: Document, generated: ImportedDocument, say: Say): void {
  for (const [key, value] of Object.entries(generated)) {
    if (LIST_FIELDS.has(key)) unionList(doc, doc.contents as YAMLMap, key, value as unknown[]);
    else if (FILL_FIELDS.has(key) && !doc.has(key)) doc.set(key, value);
    else if (key === "lineage") keptIdentity(doc.contents as YAMLMap, value, say, "");
    else if (key === "outputs") mergeOutputs(doc, value as Record<string, unknown>[], say);
  }
}

/**
 * A `lineage` identity already in the file wins (it may be a hand fix), but one that differs
 * from what the import found is said: re-importing dbt with another `--namespace` reported
 * "1 unchanged" and kept the old namespace without a word, so runtime events no longer matched.
 */
function keptIdentity(map: YAMLMap, generated: unknown, say: Say, what: string): void {
  const node = map.get("lineage", true);
  const kept = isMap(node) ? { namespace: node.get("namespace"), name: node.get("name") } : undefined;
  const found = generated as { namespace: string; name: string };
  if (kept && kept.namespace === found.namespace && kept.name === found.name) return;
  const shown = kept && typeof kept.namespace === "string" && typeof kept.name === "string" ? `${kept.namespace}/${kept.name}` : "the one written";
  say(node, `${what}keeps its lineage identity ${shown}; the import found ${found.namespace}/${found.name} (edit or remove \`lineage\` to take the new one)`);
}

function mergeOutputs(doc: Document, outputs: Record<string, unknown>[], say: Say): void {
  const seq = doc.get("outputs");
  if (!isSeq(seq)) {
    doc.set("outputs", outputs);
    return;
  }
  for (const output of outputs) {
    const existing = seq.items.find((item) => isMap(item) && item.get("name") === output["name"]);
    if (!isMap(existing)) {
      seq.add(doc.createNode(output));
      continue;
    }
    for (const [key, value] of Object.entries(output)) {
      if (key === "consumers") unionList(doc, existing, key, value as unknown[]);
      else if (key !== "name" && !existing.has(key)) existing.set(key, doc.createNode(value));
      else if (key === "lineage") keptIdentity(existing, value, say, `output ${String(output["name"])} `);
    }
  }
}

/** Adds the generated items the list lacks, matching inputs by `from`, at the end. */
function unionList(doc: Document, map: YAMLMap, key: string, values: unknown[]): void {
  const node = map.get(key, true);
  const seq = node;
  if (!isSeq(seq)) {
    if (values.length > 0) map.set(key, doc.createNode(values));
    return;
  }
  const present = new Set((seq as YAMLSeq).items.map(itemKey));
  for (const value of values) {
    const k = typeof value === "string" ? value : String((value as { from?: unknown }).from);
    if (present.has(k)) continue;
    seq.add(doc.createNode(value));
    present.add(k);
  }
}

function itemKey(item: unknown): string {
  if (isScalar(item)) return String(item.value);
  if (isMap(item)) return String(item.get("from"));
  return "";
}
