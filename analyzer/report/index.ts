import type { Report } from "../types.js";
import { formatJson } from "./json.js";
import { formatText } from "./text.js";

export interface ReporterOptions {
  color?: boolean | undefined;
}

/** Pure reporters: report → string. The CLI writes the string; the UI offers it as a download. */
export type Reporter = (report: Report, options?: ReporterOptions) => string;

export const REPORTERS = {
  text: formatText,
  json: formatJson,
} satisfies Record<string, Reporter>;

export type ReportFormat = keyof typeof REPORTERS;
export const REPORT_FORMATS = Object.keys(REPORTERS) as ReportFormat[];
