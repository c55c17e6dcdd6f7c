import type { Report } from "../types.js";

/** The canonical report (FORMAT.md "Findings"): every other format can be made from it. */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
