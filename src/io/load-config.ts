/**
 * Finds and reads the Loopscope config: `--config FILE`, else the first of
 * loopscope.config.yaml / .yml / .json in the current folder or any folder above it.
 * Every problem is a UsageError whose lines read `file:line:column: message`.
 */
import { lstatSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { validateConfig, type LoopscopeConfig } from "../../analyzer/schema/config.js";
import { RULES } from "../../analyzer/rules/index.js";
import { UsageError } from "../exit-codes.js";
import { formatFieldPath, parsePositioned } from "./positioned-text.js";
import { compileGlob, GlobError } from "./match-glob.js";
import { readSideText, sideFileProblem, SIDE_FILE_LIMITS } from "./read-side-file.js";

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
    text = readSideText(file, SIDE_FILE_LIMITS.config);
  } catch (error) {
    throw new UsageError(`${display(cwd, file)}: cannot read config (${sideFileProblem(error)})`);
  }
  return { config: parseConfigText(text, display(cwd, file)), file, directory: dirname(file) };
}

/** The nearest config file from `cwd` upward, if any. */
export function findConfigFile(cwd: string): string | undefined {
  let directory = resolve(cwd);
  for (;;) {
    const found = findConfigIn(directory);
    if (found !== undefined) return found;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/**
 * The config file in `directory` itself, if any. A dangling link counts (its read then fails
 * with the reason): skipping it ran the lint with a parent's config or the defaults.
 */
export function findConfigIn(directory: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = join(directory, name);
    try {
      lstatSync(candidate);
      return candidate;
    } catch {
      // not there
    }
  }
  return undefined;
}

/**
 * Parses and validates config text (YAML, which also reads JSON) and throws one UsageError
 * listing every problem with its position. `label` is the file name shown in messages.
 */
export function parseConfigText(text: string, label: string): LoopscopeConfig {
  const parsed = parsePositioned(text, label);
  const { config, problems } = validateConfig(parsed.value, RULES);
  if (!config) {
    throw new UsageError(problems.map((problem) => `${parsed.at(problem.path, problem.atKey)}: ${problem.message} (${formatFieldPath(problem.path)})`).join("\n"));
  }
  // A glob that cannot be read is the config's problem, said now, not an error halfway through the walk.
  const globProblems: string[] = [];
  for (const field of ["include", "exclude"] as const) {
    config[field]?.forEach((glob, i) => {
      try {
        compileGlob(glob);
      } catch (error) {
        if (!(error instanceof GlobError)) throw error;
        globProblems.push(`${parsed.at([field, i])}: not a glob: ${error.message} (${formatFieldPath([field, i])})`);
      }
    });
  }
  if (globProblems.length > 0) throw new UsageError(globProblems.join("\n"));
  return config;
}

function display(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  // Relative even when found in a parent folder (`../loopscope.config.yaml:3:3`): terminals and editors resolve it.
  return (rel === "" ? file : rel).split(sep).join("/");
}
