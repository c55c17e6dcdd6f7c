import { loadAll, YAMLException, type LoadOptions } from "js-yaml";
import { PARSE_LIMITS } from "./limits.js";

/**
 * Where YAML (or JSON) text nests deeper than PARSE_LIMITS.maxDepth, if it does.
 *
 * The `yaml` package reads nested values recursively, so text nested some thousands deep
 * runs it out of stack; near that point V8 can even abort the whole process instead of
 * throwing (a regular expression compiled with no stack left: "RegExpCompiler Allocation
 * failed", seen with a config file of 100,000 `[`). Text bound for the `yaml` package (the
 * config, baseline and mapping files, manifests an import merges into) is read by js-yaml
 * first, whose depth limit stops it with a position, 65 or 66 levels deep (it counts its
 * calls, one per level, give or take one by the kind of collection). Other
 * errors are left to the `yaml` package, which words them better.
 */
export function nestingProblem(text: string): { line: number; column: number; message: string } | undefined {
  try {
    loadAll(text, () => undefined, { maxDepth: PARSE_LIMITS.maxDepth + 2 } as LoadOptions);
  } catch (error) {
    const tooDeep = `values are nested more than ${PARSE_LIMITS.maxDepth} levels deep`;
    if (error instanceof YAMLException && /maxDepth/.test(error.reason)) {
      const mark = error.mark as { line?: number; column?: number } | undefined;
      return { line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1, message: tooDeep };
    }
    if (error instanceof RangeError) return { line: 1, column: 1, message: tooDeep };
  }
  return undefined;
}
