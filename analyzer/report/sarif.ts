/**
 * SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, any SARIF viewer). One run; the
 * driver lists only the rules that fired, each with its docs page as `helpUri`. Results
 * carry `ruleIndex`, a level (info → `note`), relative percent-encoded URIs with 1-based
 * regions, the fingerprint in `partialFingerprints`, a loop's declarations as
 * `relatedLocations` and its witness walk as a `codeFlow`, acknowledgements as accepted
 * in-source `suppressions` and the baseline comparison as `baselineState`.
 */
import type { EstateGraph } from "../graph/estate-graph.js";
import type { Finding, Location, Notice, Report, Severity } from "../types.js";
import { REPOSITORY_URL } from "./docs-url.js";
import { plainText, ruleInfo } from "./rule-info.js";

export interface SarifOptions {
  /** Base of the docs links (default: the Loopscope repository). */
  docsBaseUrl?: string | undefined;
  /**
   * The estate graph of the same analysis: when given, each step of a walk points at the
   * manifest field that declares that edge. Without it, steps carry only their message.
   */
  graph?: EstateGraph | undefined;
}

/** Key under `partialFingerprints`; versioned so a future scheme can sit beside it. */
export const SARIF_FINGERPRINT_KEY = "loopscope/v1";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

export function formatSarif(report: Report, options: SarifOptions = {}): string {
  return [...sarifParts(report, options)].join("");
}

/** Where the results go in the indented log, which holds `"results": []` until they are written. */
const RESULTS_AT = '\n      "results": []';
const RESULT_INDENT = "        ";
/** Characters per piece: one result is 1-3 KB, and each piece costs a write. */
const PIECE_CHARS = 1 << 20;

/**
 * The text of `formatSarif`, in pieces of about a megabyte, each result made and indented
 * as it is written. At 195,000 findings (50,000 models) the log is some 500 MB of text,
 * past the longest string V8 can make: `JSON.stringify` of the whole log threw after 40 s
 * and 2.9 GB. The CLI writes the pieces as they come.
 */
export function* sarifParts(report: Report, options: SarifOptions = {}): Generator<string> {
  const ruleIds = [...new Set(report.findings.map((finding) => finding.rule))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const edgeLocations = indexEdges(options.graph);
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: options.docsBaseUrl ?? REPOSITORY_URL,
            rules: ruleIds.map((id) => ruleDescriptor(id, options.docsBaseUrl)),
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: report.notices.map(notification) }],
        results: [],
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  const log = JSON.stringify(sarif, null, 2);
  if (report.findings.length === 0) {
    yield `${log}\n`;
    return;
  }
  // Strings hold no raw line break, so this spot is the results key and nothing else.
  const at = log.indexOf(RESULTS_AT) + RESULTS_AT.length - 1;
  let piece = log.slice(0, at);
  for (let i = 0; i < report.findings.length; i++) {
    const finding = report.findings[i]!;
    const text = JSON.stringify(result(finding, ruleIndex.get(finding.rule) ?? 0, edgeLocations), null, 2);
    piece += `${i === 0 ? "" : ","}\n${RESULT_INDENT}${text.replace(/\n/g, `\n${RESULT_INDENT}`)}`;
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = "";
    }
  }
  yield `${piece}\n      ${log.slice(at)}\n`;
}

function ruleDescriptor(id: string, docsBaseUrl: string | undefined) {
  const info = ruleInfo(id, docsBaseUrl);
  const help = [info.rationale, info.fix ? `How to fix: ${info.fix}` : undefined, `Documentation: ${info.docsUrl}`].filter(Boolean).join("\n\n");
  const helpMarkdown = [info.rationale, info.fix ? `**How to fix:** ${info.fix}` : undefined, `[Documentation](${info.docsUrl})`].filter(Boolean).join("\n\n");
  return {
    id,
    name: id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: plainText(info.description), markdown: info.description },
    fullDescription: { text: plainText(info.rationale ?? info.description), markdown: info.rationale ?? info.description },
    help: { text: plainText(help), markdown: helpMarkdown },
    helpUri: info.docsUrl,
    defaultConfiguration: { level: LEVEL[info.defaultSeverity] },
    properties: { category: info.category, tags: ["loopscope", info.category], ...(info.paper ? { paper: info.paper } : {}) },
  };
}

/** Edge (source, target) → the locations that declare it, first one first. */
type EdgeIndex = Map<string, Location[]>;

function indexEdges(graph: EstateGraph | undefined): EdgeIndex {
  const index: EdgeIndex = new Map();
  for (const edge of graph?.edges ?? []) index.set(`${edge.source}\u0000${edge.target}`, edge.locations);
  return index;
}

function result(finding: Finding, ruleIndex: number, edges: EdgeIndex) {
  const [primary, ...rest] = finding.locations;
  const walk = finding.path ?? [];
  const stepAt = new Map<string, string>();
  for (const step of walk) {
    for (const location of edges.get(`${step.from}\u0000${step.to}`) ?? []) {
      if (!stepAt.has(locationKey(location))) stepAt.set(locationKey(location), `declares ${step.from} → ${step.to} (${step.edge})`);
    }
  }
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: sarifText(finding.message) },
    ...(primary ? { locations: [physical(primary)] } : {}),
    ...(rest.length > 0
      ? {
          relatedLocations: rest.map((location, i) => ({
            id: i + 1,
            ...physical(location),
            message: { text: sarifText(stepAt.get(locationKey(location)) ?? (walk.length > 0 ? "declaration on the loop" : "also declared here")) },
          })),
        }
      : {}),
    ...(walk.length > 0
      ? {
          codeFlows: [
            {
              message: { text: sarifText([walk[0]!.from, ...walk.map((step) => step.to)].join(" → ")) },
              threadFlows: [
                {
                  locations: walk.map((step, i) => {
                    const location = edges.get(`${step.from}\u0000${step.to}`)?.[0];
                    return {
                      executionOrder: i + 1,
                      location: { ...(location ? physical(location) : {}), message: { text: sarifText(`${step.from} → ${step.to} (${step.edge})`) } },
                    };
                  }),
                },
              ],
            },
          ],
        }
      : {}),
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: finding.fingerprint },
    ...(finding.acknowledged
      ? { suppressions: [{ kind: "inSource", status: "accepted", justification: finding.acknowledged.reason + (finding.acknowledged.expires ? ` (until ${finding.acknowledged.expires})` : "") }] }
      : {}),
    ...(finding.baselineState ? { baselineState: finding.baselineState } : {}),
    properties: { models: finding.models, nodes: finding.nodes },
  };
}

function physical(location: Location) {
  return {
    physicalLocation: {
      artifactLocation: { uri: fileUri(location.file) },
      region: { startLine: Math.max(1, location.line), startColumn: Math.max(1, location.column) },
    },
  };
}

function notification(notice: Notice) {
  return {
    level: "note",
    message: { text: sarifText(notice.message) },
    ...(notice.file
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: fileUri(notice.file) },
                ...(notice.line ? { region: { startLine: notice.line, startColumn: Math.max(1, notice.column ?? 1) } } : {}),
              },
            },
          ],
        }
      : {}),
  };
}

/**
 * A relative URI reference: POSIX segments, each percent-encoded (spaces, `#`, `%`, non-ASCII).
 * Paths are POSIX already (the CLI and the page both write `/`), so a backslash is part of a
 * name, as Linux allows: `%5C`. Read as a separator, `back\slash.yaml` became another file.
 */
export function fileUri(path: string): string {
  return path
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

/**
 * Text for a SARIF plain-text message: `[text](1)` there is an embedded link (SARIF 3.11.6) to a
 * location or a URL, so brackets from the estate (an owner, a target, an acknowledgement's
 * rule) are escaped with a backslash, as is the backslash itself; viewers then show them as
 * written instead of a link Loopscope did not make.
 */
export function sarifText(text: string): string {
  return /[[\]\\]/.test(text) ? text.replace(/[[\]\\]/g, "\\$&") : text;
}

function locationKey(location: Location): string {
  return `${location.file}\u0000${location.line}\u0000${location.column}`;
}
