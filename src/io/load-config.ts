/**
 * Finds and reads the Loopscope config: `--config FILE`, else the first of
 * loopscope.config.yaml / .yml / .json in the current folder or any folder above it.
 * Every problem is a UsageError whose lines read `file:line:column: message`.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { validateConfig, type ConfigProblem, type LoopscopeConfig } from "../../analyzer/schema/config.js";
import { RULES } from "../../analyzer/rules/index.js";
import { UsageError } from "../exit-codes.js";

export const CONFIG_FILE_NAMES = ["loopscope.config.yaml", "loopscope.config.yml", "loopscope.config.json"] as const;

export interface LoadedConfig {
  config: LoopscopeConfig;
  /** Absolute path of the file, or undefined when none was found (defaults apply). */
  file?: string | undefined;
  /** Folder that include/exclude globs are relative to. */
  directory: string;
}

/** The config in effect for `cwd`: the explicit file, the nearest one upward, or the defaults. */
export function loadConfig(cwd: string, explicit?: string): LoadedConfig {
  const file = explicit !== undefined ? resolve(cwd, explicit) : findConfigFile(cwd);
  if (file === undefined) return { config: { failOn: "error", rules: {} }, directory: cwd };
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`${display(cwd, file)}: cannot read config (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return { config: parseConfigText(text, display(cwd, file)), file, directory: dirname(file) };
}

/** The nearest config file from `cwd` upward, if any. */
export function findConfigFile(cwd: string): string | undefined {
  let directory = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(directory, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/**
 * Parses and validates config text (YAML, which also reads JSON) and throws one UsageError
 * listing every problem with its position. `label` is the file name shown in messages.
 */
export function parseConfigText(text: string, label: string): LoopscopeConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${label}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    throw new UsageError(doc.errors.map((error) => `${at(error.pos[0])}: ${firstLine(error.message)}`).join("\n"));
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new UsageError(`${label}:1:1: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { config, problems } = validateConfig(value, RULES);
  if (!config) {
    throw new UsageError(problems.map((problem) => `${at(offsetOf(doc, problem))}: ${problem.message} (${formatPath(problem.path)})`).join("\n"));
  }
  return config;
}

/** Start offset of the node a problem is about: the key for unknown keys, else the value. */
function offsetOf(doc: Document, problem: ConfigProblem): number {
  let node: unknown = doc.contents;
  let best = rangeStart(node) ?? 0;
  for (const [i, key] of problem.path.entries()) {
    const last = i === problem.path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && (isScalar(item.key) ? item.key.value : item.key) === key);
      if (!pair) break;
      const target = last && problem.atKey ? pair.key : (pair.value ?? pair.key);
      node = target;
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

function formatPath(path: (string | number)[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? key : `.${key}`)).join("") || "(root)";
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

function display(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return (rel.startsWith("..") || rel === "" ? file : rel).split(sep).join("/");
}
