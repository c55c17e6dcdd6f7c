import type { Report } from "../types.js";

/**
 * The canonical report (FORMAT.md "Findings"): every other format can be made from it.
 * Compact JSON, like ESLint's and dependency-cruiser's: at 40,000 findings the indented
 * form was 58 MB and a fifth of the run; `jq .` pretty-prints it.
 */
export function formatJson(report: Report): string {
  return [...jsonChunks(report)].join("");
}

const FINDINGS_PER_CHUNK = 2000;

/**
 * The same bytes as `formatJson`, in pieces of about a megabyte: the CLI writes them as they
 * come, so a large report never exists as one string plus one buffer (about 80 MB at
 * 40,000 findings). Byte-identical to `JSON.stringify(report)` and a newline.
 */
export function* jsonChunks(report: Report): Generator<string> {
  let first = true;
  yield "{";
  for (const [key, value] of Object.entries(report)) {
    if (value === undefined) continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    if (Array.isArray(value) && value.length > FINDINGS_PER_CHUNK) {
      yield "[";
      for (let start = 0; start < value.length; start += FINDINGS_PER_CHUNK) {
        const part = JSON.stringify(value.slice(start, start + FINDINGS_PER_CHUNK));
        yield `${start === 0 ? "" : ","}${part.slice(1, -1)}`;
      }
      yield "]";
    } else yield JSON.stringify(value);
  }
  yield "}\n";
}
