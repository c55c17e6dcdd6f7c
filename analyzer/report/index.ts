import type { Report } from "../types.js";
import { formatJson } from "./json.js";
import { formatText } from "./text.js";
import { formatSarif } from "./sarif.js";
import { formatMarkdown } from "./markdown.js";
import { formatJunit } from "./junit.js";
import type { EstateGraph } from "../graph/estate-graph.js";
import type { BaselineComparison } from "../engine/baseline.js";
import type { FailOn } from "../engine/fail-on.js";

export interface ReporterOptions {
  color?: boolean | undefined;
  /** sarif, markdown, junit: base of the rule docs links. */
  docsBaseUrl?: string | undefined;
  /** sarif: the analysis graph, so each step of a loop walk points at its declaration. */
  graph?: EstateGraph | undefined;
  /** text, markdown, junit: this run's baseline counts (stale entries are not in the report). */
  baseline?: BaselineComparison | undefined;
  /** text, markdown, junit: which findings fail the lint (as `lint --fail-on`), for the verdict and failing test cases. */
  failOn?: FailOn | undefined;
  /** text, markdown, junit: stale baseline entries fail the lint too (`lint --strict-baseline`). */
  strictBaseline?: boolean | undefined;
  /** junit: the rule ids that ran, one test case each. */
  rules?: readonly string[] | undefined;
}

/** Pure reporters: report → string. The CLI writes the string; the UI offers it as a download. */
export type Reporter = (report: Report, options?: ReporterOptions) => string;

export const REPORTERS = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  markdown: formatMarkdown,
  junit: formatJunit,
} satisfies Record<string, Reporter>;

export type ReportFormat = keyof typeof REPORTERS;
export const REPORT_FORMATS = Object.keys(REPORTERS) as ReportFormat[];
