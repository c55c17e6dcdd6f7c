import { relative, resolve, sep } from "node:path";
import { BASELINE_VERSION, BaselineSchema, type Baseline } from "../../analyzer/schema/baseline.js";
import { UsageError } from "../exit-codes.js";
import { formatFieldPath, parsePositioned } from "./positioned-text.js";
import { readSideText, SideFileError, sideFileProblem, SIDE_FILE_LIMITS } from "./read-side-file.js";

/** Reads and validates a baseline file; every problem is a UsageError with file:line:column. */
export function loadBaseline(cwd: string, file: string): Baseline {
  const { text, label } = readBaselineText(cwd, file);
  return parseBaselineText(text, label);
}

/**
 * A baseline file's text and the name to show for it (relative to cwd); a file that cannot be
 * read (missing, a folder or FIFO, over the size limit) is a UsageError.
 */
export function readBaselineText(cwd: string, file: string): { text: string; label: string } {
  const absolute = resolve(cwd, file);
  const label = relative(cwd, absolute).split(sep).join("/") || file;
  let text: string;
  try {
    text = readSideText(absolute, SIDE_FILE_LIMITS.baseline);
  } catch (error) {
    const hint = error instanceof SideFileError ? "" : `; create one with \`loopscope baseline <paths> -o ${file}\``;
    throw new UsageError(`${label}: cannot read baseline (${sideFileProblem(error)})${hint}`);
  }
  return { text, label };
}

export function parseBaselineText(text: string, label: string): Baseline {
  const parsed = parsePositioned(text, label);
  const result = BaselineSchema.safeParse(parsed.value);
  if (result.success) return result.data;
  throw new UsageError(
    result.error.issues
      .map((issue) => {
        const path = issue.path.filter((key): key is string | number => typeof key !== "symbol");
        if (issue.code === "unrecognized_keys") return issue.keys.map((key) => `${parsed.at([...path, key], true)}: unknown key "${key}" (${formatFieldPath([...path, key])})`).join("\n");
        // "expected 1 (version)" said nothing of what to do about a baseline of another format.
        const version = (parsed.value as { version?: unknown } | null)?.version;
        if (path.length === 1 && path[0] === "version" && typeof version === "number" && version > BASELINE_VERSION) {
          return `${parsed.at(path)}: a baseline of format version ${version}, from a newer Loopscope; this one reads version ${BASELINE_VERSION}: upgrade Loopscope (rewriting the file with this one would lose its reasons) (version)`;
        }
        return `${parsed.at(path)}: ${issue.message} (${formatFieldPath(path)})`;
      })
      .join("\n"),
  );
}
