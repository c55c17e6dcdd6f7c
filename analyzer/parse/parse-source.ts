import type { SourceFile } from "../types.js";
import { formatSize, PARSE_LIMITS } from "./limits.js";
import type { ParsedFile } from "./parsed-document.js";
import { parseJson } from "./parse-json.js";
import { parseYaml } from "./parse-yaml.js";

export const API_VERSION = "loopscope/v1";

export { isManifestPath } from "./manifest-path.js";

/**
 * Parses one source file and decides whether it is a Loopscope manifest at all: a file
 * whose first document has no `apiVersion: loopscope/...` is skipped with a notice so a
 * repository's other YAML does not break a lint. A file that cannot be parsed counts as a
 * manifest only when its text mentions `loopscope/`; otherwise it is skipped too.
 */
export function parseSource(source: SourceFile): ParsedFile {
  const { path: file } = source;
  const text = source.text.charCodeAt(0) === 0xfeff ? source.text.slice(1) : source.text;
  if (text.length > PARSE_LIMITS.maxFileBytes) {
    return { file, documents: [], problems: [{ location: { file, line: 1, column: 1 }, message: `file is larger than the limit of ${formatSize(PARSE_LIMITS.maxFileBytes)}; it is not read` }] };
  }
  if (text.includes("\u0000")) {
    return { file, documents: [], problems: [], skipped: "binary file (contains NUL bytes)" };
  }
  const parsed = /\.json$/i.test(file) ? parseJson(file, text) : parseYaml(file, text);
  const first = parsed.documents[0];
  if (first === undefined) {
    if (parsed.problems.length > 0 && !text.includes("loopscope/")) {
      return { file, documents: [], problems: [], skipped: `not a Loopscope manifest (cannot be parsed: ${parsed.problems[0]?.message ?? "syntax error"})` };
    }
    if (parsed.problems.length === 0) return { ...parsed, skipped: "empty file" };
    return parsed;
  }
  // A problem before the first readable document means the real first document is broken:
  // the file is still a manifest (checked in this order so a clean file costs no position look-up).
  const firstIsBroken = parsed.problems.length > 0 && first.index > 0 && parsed.problems.some((p) => p.location.line <= first.locate([]).line);
  if (!firstIsBroken && !isLoopscopeDocument(first.value)) {
    return { file, documents: [], problems: [], skipped: `not a Loopscope manifest (the first document has no \`apiVersion: ${API_VERSION}\`)` };
  }
  return parsed;
}

function isLoopscopeDocument(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const apiVersion = (value as Record<string, unknown>)["apiVersion"];
  return typeof apiVersion === "string" && apiVersion.startsWith("loopscope/");
}
