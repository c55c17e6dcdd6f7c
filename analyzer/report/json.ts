import type { Report } from "../types.js";
import { jsonBytes } from "./json-bytes.js";

/**
 * The canonical report (FORMAT.md "Findings"): every other format can be made from it.
 * Compact JSON, like ESLint's and dependency-cruiser's: at 40,000 findings the indented
 * form was 58 MB and a fifth of the run; `jq .` pretty-prints it.
 */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report)}\n`;
}

/**
 * The same bytes as `formatJson`, as UTF-8 pieces of about a megabyte, written without
 * building the text: the CLI writes them as they come, so a large report never exists as
 * one string plus one buffer (about 80 MB at 40,000 findings). With `reuse`, each piece is
 * valid only until the next is taken (see jsonBytes).
 */
export function reportJsonBytes(report: Report, { reuse = false }: { reuse?: boolean | undefined } = {}): Generator<Uint8Array> {
  return jsonBytes(report, { suffix: "\n", reuse });
}
