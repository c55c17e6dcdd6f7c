import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { analyze } from "../../analyzer/index.js";
import { analyzeDocs, dataset, filesOf, model, service } from "../helpers/estate.js";

describe("graph (FORMAT.md, The graph)", () => {
  it("merges a relation declared on both sides into one edge with both locations", () => {
    const analysis = analyzeDocs([
      model("a", { outputs: [{ name: "out", consumers: ["b"] }] }),
      model("b", { inputs: [{ from: "a/out", use: "training", version: 3 }] }),
    ]);
    const edge = analysis.graph.edges.find((e) => e.source === "a/out" && e.target === "b")!;
    expect(edge.kind).toBe("reads");
    expect(edge.use).toBe("training");
    expect(edge.version).toBe("3");
    expect(edge.declaredBy).toEqual(["consumer", "producer"]);
    expect(edge.locations.map((l) => l.file)).toEqual(["a.yaml", "b.yaml"]);
  });

  it("merges both sides of every edge of an output with many consumers (each declared once per side)", () => {
    const readers = Array.from({ length: 40 }, (_, i) => `reader-${String(i).padStart(2, "0")}`);
    const analysis = analyzeDocs([
      model("hub", { outputs: [{ name: "out", consumers: readers }] }),
      // Consumer sides arrive after the producer listed all 40, and in reverse order.
      ...readers.reverse().map((name) => model(name, { inputs: [{ from: "hub/out", use: "training" }] })),
    ]);
    const fromHub = analysis.graph.edges.filter((e) => e.source === "hub/out");
    expect(fromHub).toHaveLength(40);
    for (const edge of fromHub) expect(edge.declaredBy).toEqual(["consumer", "producer"]);
    expect(analysis.graph.edges).toHaveLength(41);
  });

  it("builds every edge kind with its declaring position", () => {
    const analysis = analyzeDocs([
      model("m", { inputs: ["d2"], outputs: [{ name: "o", consumers: ["s"], influences: ["d1"] }] }),
      service("s", { consumes: ["m/o"], influences: ["d1"] }),
      dataset("d1"),
      dataset("d2", { derivedFrom: ["d1"] }),
    ]);
    const kinds = analysis.graph.edges.map((e) => `${e.source} -${e.kind}-> ${e.target}`);
    expect(kinds).toEqual(["d1 -derives-> d2", "d2 -reads-> m", "m -produces-> m/o", "m/o -influences-> d1", "m/o -consumes-> s", "s -influences-> d1"]);
    for (const edge of analysis.graph.edges) expect(edge.locations.length).toBeGreaterThan(0);
  });

  it("creates implicit datasets and services for undeclared names and reports them", () => {
    const analysis = analyzeDocs([model("m", { inputs: ["raw"], outputs: [{ name: "o", consumers: ["web"] }] })]);
    const implicit = analysis.graph.nodes.filter((n) => n.implicit).map((n) => `${n.kind}:${n.id}`);
    expect(implicit).toEqual(["dataset:raw", "service:web"]);
    expect(analysis.report.findings.map((f) => f.rule).sort()).toEqual(["undeclared-dataset", "undeclared-service"]);
    expect(analysis.report.findings.every((f) => f.severity === "info")).toBe(true);
  });

  it("says a model left out for an invalid document is declared there, not missing", () => {
    const analysis = analyze(
      [
        { path: "ctr.yaml", text: "apiVersion: loopscope/v1\nkind: Model\nname: ctr\noutputs: [{ name: pctr }]\ndeployment: { holdout: 5 }\n" },
        { path: "auction.yaml", text: "apiVersion: loopscope/v1\nkind: Model\nname: auction\ninputs: [ctr/pctr, ctr]\n" },
      ],
      { today: "2026-11-28" },
    );
    const messages = analysis.report.findings.filter((f) => f.rule !== "invalid-manifest").map((f) => `${f.rule}: ${f.message}`);
    expect(messages).toContain('unknown-reference: auction references "ctr/pctr": "ctr" is declared at ctr.yaml:3:7, but that document is invalid (its invalid-manifest finding says why)');
    expect(messages).toContain('undeclared-dataset: "ctr" is referenced by auction; it is declared at ctr.yaml:3:7, but that document is invalid (its invalid-manifest finding says why), so it is taken as an implicit Dataset until that is fixed');
    expect(messages.join("\n")).not.toContain("no Model is named");
  });

  it("makes an undeclared name used as a consumer a Service whichever file comes first, and refuses it as a signal", () => {
    const consumerSide = model("m1", { outputs: [{ name: "o", consumers: ["x"] }] });
    const signalSide = model("m2", { outputs: [{ name: "o", influences: ["x"] }] });
    const shapes = [["a.yaml", "b.yaml"], ["b.yaml", "a.yaml"]].map(([first, second]) => {
      const analysis = analyze([
        { path: first!, text: stringify(consumerSide) },
        { path: second!, text: stringify(signalSide) },
      ], { today: "2026-11-28" });
      return {
        kind: analysis.graph.nodes.find((n) => n.id === "x")!.kind,
        findings: analysis.report.findings.map((f) => `${f.rule}: ${f.message}`).sort(),
      };
    });
    expect(shapes[0]).toEqual(shapes[1]);
    expect(shapes[0]!.kind).toBe("service");
    expect(shapes[0]!.findings).toContain('unknown-reference: m2 references "x": influences must name a Dataset, but "x" is used as an (undeclared) Service elsewhere');
  });

  it("reports an unknown x/y with the closest existing name", () => {
    const analysis = analyzeDocs([model("pricing", { outputs: [{ name: "price" }] }), model("m", { inputs: ["pricing/prize", "pricng/price"] })]);
    const messages = analysis.report.findings.filter((f) => f.rule === "unknown-reference").map((f) => f.message);
    expect(messages).toEqual([
      'm references "pricing/prize": Model "pricing" has no output "prize" (it has price); did you mean "pricing/price"?',
      'm references "pricng/price": no Model is named "pricng"; did you mean "pricing/price"?',
    ]);
  });

  it("suggests only names that exist: a misspelt model with an output it does not have gets its nearest output", () => {
    const analysis = analyzeDocs([
      model("recommender", { outputs: [{ name: "picks" }, { name: "scores" }] }),
      model("ranker"),
      model("m", { inputs: ["recomender/top10", "recomender/score", "rankr/list"] }),
    ]);
    const suggestions = analysis.report.findings.filter((f) => f.rule === "unknown-reference").map((f) => f.data?.["suggestion"]);
    // recommender has no top10 and two outputs, none near it: no suggestion rather than a wrong one; ranker has no outputs: itself.
    expect(suggestions).toEqual([undefined, "recommender/scores", "ranker"]);
  });

  it("reports duplicate names at both locations and keeps the first", () => {
    const analysis = analyze([
      { path: "b.yaml", text: stringify(dataset("x")) },
      { path: "a.yaml", text: stringify(model("x")) },
    ]);
    const finding = analysis.report.findings.find((f) => f.rule === "duplicate-name")!;
    expect(finding.locations).toHaveLength(2);
    expect(analysis.graph.nodes.find((n) => n.id === "x")!.kind).toBe("model"); // a.yaml comes first
  });

  it("is safe with names that are JavaScript object internals", () => {
    const names = ["constructor", "toString", "hasOwnProperty", "valueOf"];
    const analysis = analyze([
      ...filesOf(names.map((name) => dataset(name))),
      { path: "m.yaml", text: "apiVersion: loopscope/v1\nkind: Model\nname: m\ninputs: [constructor, toString, hasOwnProperty, valueOf]\noutputs:\n  - name: constructor\n    influences: [valueOf]\n" },
      { path: "proto.yaml", text: "apiVersion: loopscope/v1\nkind: Dataset\nname: p\n__proto__: { polluted: true }\n" },
    ]);
    expect(analysis.graph.nodes.map((n) => n.id)).toEqual(["constructor", "hasOwnProperty", "m", "m/constructor", "toString", "valueOf"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(analysis.report.findings.map((f) => `${f.rule} ${f.message}`)).toEqual([
      "loop-without-holdout m trains on valueOf inside a direct feedback loop, with no holdout",
      "missing-owner model m has no owner",
      "unmonitored-loop m is in a direct feedback loop but has no drift monitoring (monitoring.drift is not set)",
      "direct-feedback-loop m learns from data its own outputs change",
      "unused-output no model reads and no service consumes m/constructor",
      'invalid-manifest __proto__: unknown field "__proto__"',
    ]);
  });
});
