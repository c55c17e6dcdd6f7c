import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { analyze } from "../../analyzer/index.js";
import { analyzeDocs, dataset, model, modelsOf, service } from "../helpers/estate.js";

describe("loops (FORMAT.md, Loops)", () => {
  it("finds a hidden loop closed through one shared signal, where no simple cycle passes both models", () => {
    // Both models change `purchases` through the storefront and both learn from it.
    const analysis = analyzeDocs([
      model("recommender", { inputs: [{ from: "purchases", use: "training" }], outputs: [{ name: "top10", consumers: ["shop"] }] }),
      model("pricing", { inputs: [{ from: "purchases", use: "training" }], outputs: [{ name: "price", consumers: ["shop"] }] }),
      service("shop", { influences: ["purchases"] }),
      dataset("purchases"),
    ]);
    expect(modelsOf(analysis, "hidden-feedback-loop")).toEqual([["pricing", "recommender"]]);
    const finding = analysis.report.findings.find((f) => f.rule === "hidden-feedback-loop")!;
    expect(finding.severity).toBe("error");
    // The walk is closed and visits both models.
    expect(finding.path![0]!.from).toBe(finding.path![finding.path!.length - 1]!.to);
    const visited = new Set(finding.path!.flatMap((s) => [s.from, s.to]));
    expect(visited.has("recommender") && visited.has("pricing")).toBe(true);
    expect(finding.path!.some((s) => s.edge === "influences")).toBe(true);
    // Each model also shapes its own training data: two direct loops.
    expect(modelsOf(analysis, "direct-feedback-loop")).toEqual([["pricing"], ["recommender"]]);
  });

  it("reports runtime coupling one severity lower", () => {
    const analysis = analyzeDocs([
      model("a", { inputs: [{ from: "signal", use: "serving" }], outputs: [{ name: "o", influences: ["signal"] }] }),
      model("b", { inputs: [{ from: "signal", use: "serving" }], outputs: [{ name: "o", influences: ["signal"] }] }),
      dataset("signal"),
    ]);
    const hidden = analysis.report.findings.find((f) => f.rule === "hidden-feedback-loop")!;
    expect(hidden.severity).toBe("warning");
    expect(analysis.report.findings.filter((f) => f.rule === "direct-feedback-loop").map((f) => f.severity)).toEqual(["info", "info"]);
  });

  it("finds a circular model dependency when models feed each other's outputs directly", () => {
    const analysis = analyzeDocs([
      model("a", { inputs: [{ from: "b/out", use: "training" }], outputs: [{ name: "out" }] }),
      model("b", { inputs: ["a/out"], outputs: [{ name: "out" }] }),
    ]);
    expect(modelsOf(analysis, "circular-model-dependency")).toEqual([["a", "b"]]);
    expect(modelsOf(analysis, "hidden-feedback-loop")).toEqual([]);
    expect(modelsOf(analysis, "direct-feedback-loop")).toEqual([]);
  });

  it("counts a loop declared only by the producer's consumers list", () => {
    const analysis = analyzeDocs([
      model("a", { outputs: [{ name: "out", consumers: ["b"] }] }),
      model("b", { outputs: [{ name: "out", consumers: ["a"] }] }),
    ]);
    expect(modelsOf(analysis, "circular-model-dependency")).toEqual([["a", "b"]]);
  });

  it("does not call a single model's cycle a hidden loop, and needs an influences edge for a direct loop", () => {
    const analysis = analyzeDocs([model("solo", { inputs: ["solo/out"], outputs: [{ name: "out" }] })]);
    expect(analysis.report.findings.filter((f) => f.rule.endsWith("loop") || f.rule === "circular-model-dependency")).toEqual([]);
  });

  it("does not report a direct loop that passes through another model", () => {
    const analysis = analyzeDocs([
      model("a", { inputs: [{ from: "clicks", use: "training" }], outputs: [{ name: "o", consumers: ["b"] }] }),
      model("b", { outputs: [{ name: "o", influences: ["clicks"] }] }),
      dataset("clicks"),
    ]);
    expect(modelsOf(analysis, "direct-feedback-loop")).toEqual([]);
    expect(modelsOf(analysis, "hidden-feedback-loop")).toEqual([["a", "b"]]);
  });

  it("follows derivedFrom lineage and services on a direct loop", () => {
    const analysis = analyzeDocs([
      model("ranker", { inputs: [{ from: "features", use: "training" }], outputs: [{ name: "ranking", consumers: ["feed"] }] }),
      service("feed", { consumes: ["ranker/ranking"], influences: ["events"] }),
      dataset("events"),
      dataset("features", { derivedFrom: ["events"] }),
    ]);
    const finding = analysis.report.findings.find((f) => f.rule === "direct-feedback-loop")!;
    expect(finding.models).toEqual(["ranker"]);
    expect(finding.path!.map((s) => s.to)).toEqual(["ranker/ranking", "feed", "events", "features", "ranker"]);
    expect(finding.severity).toBe("warning");
  });

  it("shows a direct loop through the read the model trains on, not a shorter one through a serving read", () => {
    const analysis = analyzeDocs([
      model("ranker", { inputs: [{ from: "queries", use: "serving" }, { from: "clicks", use: "training" }], outputs: [{ name: "results", consumers: ["serp"] }] }),
      service("serp", { consumes: ["ranker/results"], influences: ["queries", "page-events"] }),
      dataset("page-events"),
      dataset("clicks", { derivedFrom: ["page-events"] }),
      dataset("queries"),
    ]);
    const finding = analysis.report.findings.find((f) => f.rule === "direct-feedback-loop")!;
    expect(finding.path!.map((s) => s.to)).toEqual(["ranker/results", "serp", "page-events", "clicks", "ranker"]);
    // Located at the training read that closes it (ranker's `clicks` input), not at `queries`.
    const clicksLine = stringify(model("ranker", { inputs: [{ from: "queries", use: "serving" }, { from: "clicks", use: "training" }] })).split("\n").findIndex((l) => l.includes("from: clicks")) + 1;
    const lines = finding.locations.filter((l) => l.file === "ranker.yaml").map((l) => l.line);
    expect(lines).toContain(clicksLine);
    expect(lines).not.toContain(clicksLine - 2); // `from: queries`
    expect(analysis.graph.loops.find((l) => l.kind === "direct")!.nodes).toContain("clicks");
  });

  it("shows a hidden loop through a read the models train on, not only through serving reads", () => {
    const analysis = analyzeDocs([
      model("a", { inputs: [{ from: "s3", use: "serving" }], outputs: [{ name: "oa", influences: ["s1"] }] }),
      model("b", { inputs: [{ from: "s1", use: "serving" }, { from: "s2", use: "training" }], outputs: [{ name: "ob", influences: ["s3"] }] }),
      dataset("s1"),
      dataset("s2", { derivedFrom: ["s1"] }),
      dataset("s3"),
    ]);
    const finding = analysis.report.findings.find((f) => f.rule === "hidden-feedback-loop")!;
    expect(finding.severity).toBe("error"); // through training
    expect(finding.path).toContainEqual({ from: "s2", to: "b", edge: "reads" });
    expect(finding.path![0]!.from).toBe(finding.path!.at(-1)!.to); // still a closed walk
  });

  it("goes through a missing influence or training read once, not in front of a second whole walk", () => {
    const walkOf = (rule: string, docs: Parameters<typeof analyzeDocs>[0]) => {
      const path = analyzeDocs(docs).report.findings.find((f) => f.rule === rule)!.path!;
      return [path[0]!.from, ...path.map((s) => s.to)].join(" ");
    };
    // The nearest-first walk a → a/o → b → b/o → a has no influences edge; the witness once put
    // a → a/o → d → b → b/o → a in front of it: two closed walks, b's read of a/o listed for nothing.
    expect(
      walkOf("hidden-feedback-loop", [
        model("a", { inputs: ["b/o"], outputs: [{ name: "o", influences: ["d"] }] }),
        model("b", { inputs: ["a/o", "d"], outputs: [{ name: "o" }] }),
      ]),
    ).toBe("a a/o d b b/o a");
    // The same for the read b trains on (its own output), on a circular dependency.
    expect(
      walkOf("circular-model-dependency", [
        model("a", { inputs: [{ from: "b/o", use: "serving" }], outputs: [{ name: "o" }] }),
        model("b", { inputs: [{ from: "a/o", use: "serving" }, { from: "b/o", use: "training" }], outputs: [{ name: "o" }] }),
      ]),
    ).toBe("a a/o b b/o b b/o a");
    // Made again through the influence, the walk must keep the read b trains on (a/o → b): the
    // walk a → a/o → d → b → b/o → a showed serving reads only, on a loop reported as training.
    // Both edges leave a/o, so no shorter closed walk has both.
    expect(
      walkOf("hidden-feedback-loop", [
        model("a", { inputs: [{ from: "b/o", use: "serving" }], outputs: [{ name: "o", influences: ["d"] }] }),
        model("b", { inputs: [{ from: "a/o", use: "training" }, { from: "d", use: "serving" }], outputs: [{ name: "o" }] }),
      ]),
    ).toBe("a a/o d b b/o a a/o b b/o a");
  });

  it("leads a one-model finding with a location in that model's own file, though another file sorts first", () => {
    const analysis = analyze(
      [
        { path: "catalog/data.yaml", text: "apiVersion: loopscope/v1\nkind: Service\nname: serp\nconsumes: [ranker/results]\ninfluences: [page-events]\n---\napiVersion: loopscope/v1\nkind: Dataset\nname: page-events\n---\napiVersion: loopscope/v1\nkind: Dataset\nname: clicks\nderivedFrom: [page-events]\n" },
        { path: "models/ranker.yaml", text: "apiVersion: loopscope/v1\nkind: Model\nname: ranker\ninputs: [{ from: clicks, use: training }]\noutputs: [{ name: results, consumers: [serp] }]\n" },
      ],
      { today: "2026-11-28" },
    );
    const finding = analysis.report.findings.find((f) => f.rule === "direct-feedback-loop")!;
    expect(finding.locations[0]!.file).toBe("models/ranker.yaml");
    // Every location is still there, the rest in file order.
    expect(finding.locations.map((l) => l.file)).toContain("catalog/data.yaml");
  });

  it("treats a bare model name as every output of that model", () => {
    const analysis = analyzeDocs([
      model("a", { inputs: ["b"], outputs: [{ name: "x", consumers: ["b"] }] }),
      model("b", { outputs: [{ name: "p" }, { name: "q" }] }),
    ]);
    const reads = analysis.graph.edges.filter((e) => e.target === "a").map((e) => e.source);
    expect(reads).toEqual(["b/p", "b/q"]);
    expect(modelsOf(analysis, "circular-model-dependency")).toEqual([["a", "b"]]);
  });

  it("finds the direct loop of a model with no outputs that a service consumes as itself", () => {
    // The graph held the cycle clicks → m → svc → clicks; no rule reported it.
    const analysis = analyzeDocs([
      model("m", { inputs: [{ from: "clicks", use: "training" }] }),
      service("svc", { consumes: ["m"], influences: ["clicks"] }),
      dataset("clicks"),
    ]);
    const loop = analysis.report.findings.find((f) => f.rule === "direct-feedback-loop")!;
    expect(loop.models).toEqual(["m"]);
    expect(loop.path?.map((step) => `${step.from} ${step.edge} ${step.to}`)).toEqual(["m consumes svc", "svc influences clicks", "clicks reads m"]);
    expect(loop.severity).toBe("warning");
  });
});
