/**
 * YAML (and therefore JSON) text parsed with positions, so problems found later by zod can be
 * reported as `file:line:column`. Shared by the config and baseline loaders.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import { load, type LoadOptions } from "js-yaml";
import { nestingProblem } from "../../analyzer/parse/nesting-guard.js";
import { PARSE_LIMITS } from "../../analyzer/parse/limits.js";
import { MANIFEST_YAML_SCHEMA } from "../../analyzer/parse/yaml-schema.js";
import { LineIndex, withLoneCrAsLf } from "../../analyzer/parse/line-index.js";
import { UsageError } from "../exit-codes.js";

export interface PositionedText {
  value: unknown;
  /** `label:line:column` of the node at `path` (of its key when `atKey`), or of the nearest parent found. */
  at(path: readonly (string | number)[], atKey?: boolean): string;
}

/** Parses `text`; syntax errors and alias bombs become one UsageError with positions. */
export function parsePositioned(text: string, label: string): PositionedText {
  const json = quickJson(text);
  if (json) {
    // Positions are wanted only for a problem: the `yaml` package reads the text then.
    let positions: ReturnType<typeof yamlPositions> | undefined;
    return { value: json.value, at: (path, atKey) => (positions ??= yamlPositions(text, label)).at(path, atKey) };
  }
  const deep = nestingProblem(text);
  if (deep) throw new UsageError(`${label}:${deep.line}:${deep.column}: ${deep.message}; nothing in this file is used`);
  const { doc, at, position } = yamlPositions(text, label);
  if (doc.errors.length > 0) {
    // The `yaml` package's own advice for several documents names its API, not the user's fix.
    const said = (error: (typeof doc.errors)[number]) => (error.code === "MULTIPLE_DOCS" ? "this file holds one YAML document; another one starts here (remove the --- line or what follows it)" : error.message.split("\n")[0]);
    throw new UsageError(doc.errors.map((error) => `${position(error.pos[0])}: ${said(error)}`).join("\n"));
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new UsageError(`${label}:1:1: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { value, at };
}

/**
 * JSON text (a baseline, a JSON config) read by js-yaml with the manifests' schema: the
 * `yaml` package's document API took 4.2 s for the 7 MB baseline of a 10,000-model estate,
 * js-yaml 0.17 s. JSON has no aliases, tags or merge keys, so both give the same value; a
 * duplicate key, a syntax error or nesting past the limit makes js-yaml throw, and the text
 * then takes the `yaml` package's path, which reports it with its position.
 */
function quickJson(text: string): { value: unknown } | undefined {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return { value: load(text, { schema: MANIFEST_YAML_SCHEMA, maxDepth: PARSE_LIMITS.maxDepth + 2 } as LoadOptions) };
  } catch {
    return undefined;
  }
}

function yamlPositions(text: string, label: string) {
  // The manifests' line index and lone-CR handling (analyzer/parse/line-index.ts), so a config
  // saved with old Mac line ends reads as lines and positions count as in the manifests.
  const lines = new LineIndex(text);
  const doc = parseDocument(withLoneCrAsLf(text), { prettyErrors: false, uniqueKeys: true, logLevel: "error" });
  const position = (offset: number) => {
    const { line, column } = lines.locate(label, offset);
    return `${label}:${line}:${column}`;
  };
  return { doc, position, at: (path: readonly (string | number)[], atKey = false) => position(offsetOf(doc, path, atKey)) };
}

function offsetOf(doc: Document, path: readonly (string | number)[], atKey: boolean): number {
  let node: unknown = doc.contents;
  let best = rangeStart(node) ?? 0;
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && (isScalar(item.key) ? item.key.value : item.key) === key);
      if (!pair) break;
      node = i === path.length - 1 && atKey ? pair.key : (pair.value ?? pair.key);
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key];
    } else break;
    best = rangeStart(node) ?? best;
  }
  return best;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | undefined)?.range?.[0];
}

/** `rules.deep-model-chain.maxDepth`, `entries[3].reason`. */
export function formatFieldPath(path: readonly (string | number)[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? key : `.${key}`)).join("") || "(root)";
}
