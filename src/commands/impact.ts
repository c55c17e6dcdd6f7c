import type { Command } from "./command.js";
import { impact, pathText, type Impact, type ReachedGroups } from "../../analyzer/impact.js";
import { oneOf, parseFlags } from "../io/parse-flags.js";
import { analyzePaths, noManifestsError } from "../io/analyze-paths.js";
import { commandProgress } from "../io/progress.js";
import { EXIT, UsageError } from "../exit-codes.js";
import { visible } from "../../analyzer/report/visible-text.js";
import { plural } from "../../analyzer/report/plural.js";

const IMPACT_FORMATS = ["text", "json"] as const;

export const impactCommand: Command = {
  name: "impact",
  summary: "show what a change to a model, output, dataset or service reaches",
  usage: `Usage: loopscope impact <name> [paths...] [options]

<name> is a model, an output (model/output), a dataset or a service. Prints what a change
to it reaches downstream (models, services, datasets and outputs, with hop counts: edges
on the shortest path), the feedback loops it reaches, and what it depends on upstream.
Paths default to the current folder.

Options:
  -f, --format <text|json>   output format (default text)
      --depth <N>            follow at most N edges in each direction
      --config <FILE>        config file (its include/exclude apply)
      --no-progress          never draw the progress line that long runs show on a
                             terminal's stderr (never drawn with --format json or in CI)
`,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, {
      format: { type: "string", short: "f" },
      depth: { type: "string" },
      config: { type: "string" },
      "no-progress": { type: "boolean" },
    });
    const format = oneOf("format", values.format, IMPACT_FORMATS, "text");
    const [name, ...paths] = positionals;
    if (name === undefined || name === "") throw new UsageError("give the name of a model, output (model/output), dataset or service");
    let depth: number | undefined;
    if (values.depth !== undefined) {
      depth = Number(values.depth);
      // Digits only: Number() also takes "0x10", "1e1" and " 3", which no one means as a depth.
      if (!/^\d{1,6}$/.test(values.depth) || depth < 1) throw new UsageError(`--depth must be a whole number from 1 to 999,999 (got "${values.depth}")`);
    }
    const analysis = await analyzePaths(paths.length > 0 ? paths : ["."], io.cwd, values.config, commandProgress(io, values["no-progress"] === true || format !== "text"), [io.stdoutFile]);
    if (analysis.report.summary.files === 0) throw noManifestsError(paths.length > 0 ? paths : ["."], analysis, io.cwd, io.stderr);
    const result = impact(analysis.graph, name, { depth });
    if (!result.found) {
      throw new UsageError(`"${name}" is not in the estate${result.suggestion !== undefined ? `; did you mean "${result.suggestion}"?` : ""}`);
    }
    io.stdout(format === "json" ? `${JSON.stringify(result.impact, null, 2)}\n` : formatImpact(result.impact));
    return EXIT.ok;
  },
};

/** The text form: the target, then downstream, loops and upstream, nearest first. */
export function formatImpact(result: Impact): string {
  const { target } = result;
  const lines = [`${target.id} (${target.kind}${target.implicit ? ", implicit" : ""}${target.owner ? `, owner ${visible(target.owner)}` : ""})${result.depth !== undefined ? `, up to ${plural(result.depth, "hop")}` : ""}`, ""];
  section(lines, "downstream: a change here reaches", result.downstream, true);
  if (result.loops.length === 0) lines.push("loops reached: none", "");
  else {
    lines.push(`loops reached (${result.loops.length}):`);
    for (const loop of result.loops) {
      const where = loop.hops === 0 ? "it is on the loop" : `enters at ${loop.entry}, ${plural(loop.hops, "hop")}`;
      lines.push(`  ${loop.kind} loop: ${loop.models.join(", ")} (${where}${loop.throughTraining ? "" : "; runtime coupling only"})`);
    }
    lines.push("");
  }
  section(lines, "upstream: it depends on", result.upstream, false);
  return `${lines.join("\n").trimEnd()}\n`;
}

function section(lines: string[], title: string, groups: ReachedGroups, down: boolean): void {
  const total = groups.models.length + groups.services.length + groups.datasets.length + groups.outputs.length;
  if (total === 0) {
    lines.push(`${title}: nothing`, "");
    return;
  }
  lines.push(`${title} (${plural(groups.models.length, "model")}, ${plural(groups.services.length, "service")}, ${plural(groups.datasets.length, "dataset")}, ${plural(groups.outputs.length, "output")}):`);
  const kinds = ["models", "services", "datasets", "outputs"] as const;
  const width = kinds.reduce((most, kind) => groups[kind].reduce((m, node) => Math.max(m, node.id.length), most), 0);
  for (const kind of kinds) {
    for (const node of groups[kind]) {
      lines.push(`  ${kind.slice(0, -1).padEnd(7)} ${node.id.padEnd(width)}  ${plural(node.hops, "hop").padEnd(7)}${node.hops > 1 ? `  ${pathText(node, down)}` : ""}`.trimEnd());
    }
  }
  lines.push("");
}
