import type { Command } from "./command.js";
import { graphToDot } from "../../analyzer/export/graph-dot.js";
import { graphToMermaid } from "../../analyzer/export/graph-mermaid.js";
import { analyzePaths } from "../io/analyze-paths.js";
import { commandProgress } from "../io/progress.js";
import { oneOf, parseFlags } from "../io/parse-flags.js";
import { EXIT, UsageError } from "../exit-codes.js";
import { toOpenLineageNdjson } from "../../analyzer/export/openlineage.js";
import { graphJsonParts } from "../../analyzer/export/graph-json.js";
import { today } from "../io/today.js";
import { visible } from "../../analyzer/report/visible-text.js";

const GRAPH_FORMATS = ["json", "dot", "mermaid", "openlineage"] as const;

export const graphCommand: Command = {
  name: "graph",
  summary: "print the estate graph (json, dot, mermaid or openlineage) for other tools",
  usage: `Usage: loopscope graph <paths...> [--format json|dot|mermaid|openlineage] [--config FILE] [--no-progress]

Prints the dependency graph of the estate: nodes (models, outputs, datasets, services),
edges (reads, produces, consumes, influences, derives) with their declaring locations,
and the loops. json is the default; dot renders with Graphviz, mermaid in Markdown.
openlineage prints NDJSON: a JobEvent per model and service with its declared lineage
(LineageJobFacet; influenced datasets as outputs marked loopscope_influence) and a
DatasetEvent per derived dataset, for Marquez or DataHub (eventTime: today, UTC midnight;
LOOPSCOPE_TODAY overrides it).

The files are the ones \`lint\` reads: the config's include and exclude apply (--config
FILE, else loopscope.config.yaml|.yml|.json here or in the nearest folder above).

A long run shows a progress line on a terminal's stderr when the graph goes to a file or a
pipe (never over a graph printed on the terminal, never in CI; --no-progress turns it off).
`,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, { format: { type: "string", short: "f" }, config: { type: "string" }, "no-progress": { type: "boolean" } });
    const format = oneOf("format", values.format, GRAPH_FORMATS, "json");
    if (positionals.length === 0) throw new UsageError("give at least one file or folder");
    // The same files as lint, read the same way (config, reader thread): a graph that drew
    // files the config leaves out would show loops that lint never reports.
    // Progress only while the graph goes elsewhere (`> graph.dot`): it was silent for the 15 s a
    // 50,000-model estate takes; over a graph printed on the terminal the two would interleave.
    const progress = commandProgress(io, values["no-progress"] === true || io.isTTY);
    const { graph, report } = await analyzePaths(positionals, io.cwd, values.config, progress, [io.stdoutFile]);
    for (const notice of report.notices) io.stderr(`notice: ${visible(`${notice.file ? `${notice.file}: ` : ""}${notice.message}`)}\n`);
    if (format === "dot") io.stdout(graphToDot(graph));
    else if (format === "mermaid") io.stdout(graphToMermaid(graph));
    else if (format === "openlineage") io.stdout(toOpenLineageNdjson(graph, { eventTime: `${today()}T00:00:00Z` }));
    else for (const piece of graphJsonParts(graph)) io.stdout(piece);
    return EXIT.ok;
  },
};
