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
  /**
   * Where the lint ran, relative to the repository root (`services/ranking/`), put in front of
   * every path: GitHub reads a SARIF path from the root, and a lint run in a sub-folder
   * (`working-directory:` in a monorepo) pointed every alert at a file that is not there.
   */
  pathPrefix?: string | undefined;
}

/**
 * GitHub code scanning's limits (docs.github.com, "SARIF results exceed limit"): a run of more
 * than 25,000 results, or a result with more than 10,000 thread-flow locations, is refused
 * whole; only 1,000 locations of a result are read. Past them Loopscope leaves results, steps
 * and locations out and says so (a notification in the log, and the CLI on stderr): a 10,000-
 * model estate's 40,759 results, or one loop of 13,000 steps, got the whole upload rejected.
 */
export const SARIF_LIMITS = { results: 25_000, flowSteps: 1_000, relatedLocations: 1_000 } as const;

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
  const { findings, leftOut } = sarifFindings(report.findings);
  const ruleIds = [...new Set(findings.map((finding) => finding.rule))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const edgeLocations = indexEdges(options.graph);
  const uri = uriMaker(options.pathPrefix);
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
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: [...(leftOut > 0 ? [leftOutNotification(leftOut, report.findings.length)] : []), ...report.notices.map((notice) => notification(notice, uri))] }],
        results: [],
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  const log = JSON.stringify(sarif, null, 2);
  if (findings.length === 0) {
    yield `${log}\n`;
    return;
  }
  // Strings hold no raw line break, so this spot is the results key and nothing else.
  const at = log.indexOf(RESULTS_AT) + RESULTS_AT.length - 1;
  let piece = log.slice(0, at);
  for (let i = 0; i < findings.length; i++) {
    const finding = findings[i]!;
    const text = JSON.stringify(result(finding, ruleIndex.get(finding.rule) ?? 0, edgeLocations, uri), null, 2);
    piece += `${i === 0 ? "" : ","}\n${RESULT_INDENT}${text.replace(/\n/g, `\n${RESULT_INDENT}`)}`;
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = "";
    }
  }
  yield `${piece}\n      ${log.slice(at)}\n`;
}

/**
 * The findings a SARIF run holds: all of them up to GitHub's limit, else the ones that need
 * attention first (new before baselined, not acknowledged before acknowledged, then by
 * severity), kept in report order.
 */
export function sarifFindings(all: readonly Finding[]): { findings: readonly Finding[]; leftOut: number } {
  if (all.length <= SARIF_LIMITS.results) return { findings: all, leftOut: 0 };
  const rank = (f: Finding) => (f.acknowledged ? 6 : 0) + (f.baselineState === "unchanged" ? 3 : 0) + (f.severity === "error" ? 0 : f.severity === "warning" ? 1 : 2);
  const order = all.map((finding, i) => ({ i, rank: rank(finding) })).sort((a, b) => a.rank - b.rank || a.i - b.i);
  const kept = new Set(order.slice(0, SARIF_LIMITS.results).map((entry) => entry.i));
  return { findings: all.filter((_, i) => kept.has(i)), leftOut: all.length - SARIF_LIMITS.results };
}

function leftOutNotification(leftOut: number, total: number) {
  return {
    level: "warning",
    message: {
      text: `${leftOut.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} findings are left out of this log: GitHub code scanning refuses a run of more than ${SARIF_LIMITS.results.toLocaleString("en-US")} results. Kept: new before baselined, unacknowledged before acknowledged, most severe first. The JSON report has every finding.`,
    },
  };
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

function result(finding: Finding, ruleIndex: number, edges: EdgeIndex, uri: (file: string) => string) {
  const [primary, ...allRest] = finding.locations;
  // A loop of 13,000 steps made one result of 7 MB that got the whole upload refused.
  const rest = allRest.slice(0, SARIF_LIMITS.relatedLocations);
  const fullWalk = finding.path ?? [];
  const walk = fullWalk.slice(0, SARIF_LIMITS.flowSteps);
  const stepsLeftOut = fullWalk.length - walk.length;
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
    ...(primary ? { locations: [physical(primary, uri)] } : {}),
    ...(rest.length > 0
      ? {
          relatedLocations: rest.map((location, i) => ({
            id: i + 1,
            ...physical(location, uri),
            message: { text: sarifText(stepAt.get(locationKey(location)) ?? (walk.length > 0 ? "declaration on the loop" : "also declared here")) },
          })),
        }
      : {}),
    ...(walk.length > 0
      ? {
          codeFlows: [
            {
              message: { text: sarifText([walk[0]!.from, ...walk.map((step) => step.to)].join(" → ") + (stepsLeftOut > 0 ? ` → … (${stepsLeftOut.toLocaleString("en-US")} more steps; the JSON report has the whole walk)` : "")) },
              threadFlows: [
                {
                  locations: walk.map((step, i) => {
                    const location = edges.get(`${step.from}\u0000${step.to}`)?.[0];
                    return {
                      executionOrder: i + 1,
                      location: { ...(location ? physical(location, uri) : {}), message: { text: sarifText(`${step.from} → ${step.to} (${step.edge})`) } },
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
    // An acknowledged finding is suppressed; "new" on it made consumers that count new results over-count.
    ...(finding.baselineState && !finding.acknowledged ? { baselineState: finding.baselineState } : {}),
    properties: {
      models: finding.models,
      nodes: finding.nodes,
      ...(allRest.length > rest.length ? { relatedLocationsLeftOut: allRest.length - rest.length } : {}),
      ...(stepsLeftOut > 0 ? { walkStepsLeftOut: stepsLeftOut } : {}),
    },
  };
}

function physical(location: Location, uri: (file: string) => string) {
  return {
    physicalLocation: {
      artifactLocation: { uri: uri(location.file) },
      region: { startLine: Math.max(1, location.line), startColumn: Math.max(1, location.column) },
    },
  };
}

function notification(notice: Notice, uri: (file: string) => string) {
  return {
    level: "note",
    message: { text: sarifText(notice.message) },
    ...(notice.file
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uri(notice.file) },
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
/** A file's URI with `prefix` in front (`a/b/` + `../c.yaml` is `a/c.yaml`). */
function uriMaker(prefix: string | undefined): (file: string) => string {
  if (!prefix) return fileUri;
  // An absolute path (POSIX, or a Windows drive) is left as it is.
  return (file) => fileUri(file.startsWith("/") || /^[A-Za-z]:[\\/]/.test(file) ? file : joinedPath(prefix, file));
}

/** `prefix` and a relative `path` as one POSIX path, `.` and `..` resolved as far as they go. */
function joinedPath(prefix: string, path: string): string {
  const parts: string[] = [];
  for (const part of `${prefix}/${path}`.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

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
