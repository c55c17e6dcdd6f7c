import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, ROOT } from "../helpers/run-cli.js";
import type { EstateGraph } from "../../analyzer/graph/estate-graph.js";

describe("loopscope commands", () => {
  it("prints help and version", () => {
    const help = runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: loopscope <command>");
    for (const command of ["lint", "graph", "schema"]) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(runCli(["lint", "--help"]).stdout).toContain("--fail-on");
    const version = JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")) as { version: string };
    expect(runCli(["--version"]).stdout).toBe(`${version.version}\n`);
    const unknown = runCli(["lnit"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "lnit"');
  });

  it("prints the graph as json, dot and mermaid", () => {
    const json = JSON.parse(runCli(["graph", "samples/bike-shop"]).stdout) as EstateGraph;
    expect(json.nodes.map((n) => n.id)).toContain("bike-recommender/top10");
    expect(json.edges.find((e) => e.source === "bike-recommender/top10" && e.target === "purchases")?.kind).toBe("influences");
    expect(json.loops.some((l) => l.kind === "hidden")).toBe(true);
    const dot = runCli(["graph", "samples/bike-shop", "--format", "dot"]).stdout;
    expect(dot).toMatch(/^digraph loopscope \{/);
    expect(dot).toContain('"bike-recommender/top10" -> "purchases" [label="influences", style=dashed, color=red];');
    const mermaid = runCli(["graph", "samples/bike-shop", "-f", "mermaid"]).stdout;
    expect(mermaid).toMatch(/^flowchart LR/);
    expect(mermaid).toContain("-.->|influences|");
  });

  it("draws the files lint reads: the config's include and exclude apply to graph", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-graph-config-"));
    try {
      cpSync(join(ROOT, "samples/bike-shop"), join(dir, "estate"), { recursive: true });
      // Without the pricing model the hidden loop between it and the recommender is gone.
      writeFileSync(join(dir, "loopscope.config.yaml"), "exclude: ['estate/models/dynamic-pricing.yaml']\n");
      const lint = JSON.parse(runCli(["lint", "estate", "-f", "json", "--fail-on", "never"], { cwd: dir }).stdout) as { findings: { rule: string }[] };
      const graph = JSON.parse(runCli(["graph", "estate"], { cwd: dir }).stdout) as EstateGraph;
      expect(graph.nodes.find((n) => n.id === "dynamic-pricing")).toBeUndefined();
      expect(graph.loops.some((l) => l.kind === "hidden")).toBe(false);
      expect(lint.findings.some((f) => f.rule === "hidden-feedback-loop")).toBe(false);
      writeFileSync(join(dir, "other.yaml"), "exclude: []\n");
      const all = JSON.parse(runCli(["graph", "estate", "--config", "other.yaml"], { cwd: dir }).stdout) as EstateGraph;
      expect(all.nodes.find((n) => n.id === "dynamic-pricing")?.implicit).toBe(false);
      expect(all.loops.some((l) => l.kind === "hidden")).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses an empty path or name (an unset shell variable) instead of reading the working folder", () => {
    for (const args of [["lint", ""], ["lint", "samples/bike-shop", ""], ["graph", ""], ["baseline", ""]]) {
      const result = runCli(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toBe(`loopscope ${args[0]}: an empty path was given (an unset variable?); use "." for this folder\n`);
    }
    expect(runCli(["impact", "", "samples/bike-shop"]).stderr).toBe("loopscope impact: give the name of a model, output (model/output), dataset or service\n");
  });

  it("prints a JSON Schema generated from the zod schema", () => {
    const { code, stdout } = runCli(["schema"]);
    expect(code).toBe(0);
    const schema = JSON.parse(stdout) as { oneOf: { properties: { kind: { const: string } } }[] };
    expect(schema.oneOf.map((s) => s.properties.kind.const).sort()).toEqual(["Dataset", "Model", "Service"]);
  });
});
