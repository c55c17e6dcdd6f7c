import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findSimilarPairs } from "../../analyzer/derive/similar-pairs.js";
import { findSharedOutcomes } from "../../analyzer/derive/shared-outcomes.js";
import { analyzeDocs, dataset, model, modelsOf, service } from "../helpers/estate.js";

describe("input similarity join (prefix filtering)", () => {
  it("finds exactly the pairs a comparison of every pair finds", () => {
    const sets = fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { maxLength: 8 }), { maxLength: 25 });
    const thresholds = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom(0, 0.2, 0.5, 0.6, 0.75, 1));
    fc.assert(
      fc.property(sets, thresholds, (lists, [minShared, minJaccard]) => {
        const inputSets = lists.map((inputs, model) => ({ model: 100 + model, inputs: [...inputs].sort((a, b) => a - b) }));
        const expected: string[] = [];
        for (let i = 0; i < inputSets.length; i++) {
          for (let j = i + 1; j < inputSets.length; j++) {
            const a = new Set(inputSets[i]!.inputs);
            const shared = inputSets[j]!.inputs.filter((x) => a.has(x));
            const union = a.size + inputSets[j]!.inputs.length - shared.length;
            if (shared.length >= minShared && shared.length / union >= minJaccard) expected.push(`${100 + i}-${100 + j}:${shared.join(",")}`);
          }
        }
        const { pairs, crowded } = findSimilarPairs(inputSets, minShared, minJaccard);
        expect(crowded).toEqual([]);
        expect(pairs.map((p) => `${p.models[0]}-${p.models[1]}:${p.shared.join(",")}`).sort()).toEqual(expected.sort());
      }),
      { numRuns: 300 },
    );
  });

  it("does not enumerate pairs through an input more models read than the cap, and says so only when it could pair models", () => {
    // 3,000 models read the shared input 0 and three of their own; 4 more share 90, 91, 92 as well.
    const inputSets = Array.from({ length: 3000 }, (_, m) => ({ model: m, inputs: [0, 100 + 3 * m, 101 + 3 * m, 102 + 3 * m] }));
    for (let m = 0; m < 4; m++) inputSets.push({ model: 5000 + m, inputs: [0, 90, 91, 92] });
    const { pairs, crowded } = findSimilarPairs(inputSets, 3, 0.5, 500);
    // Input 0 is the most common, so it is in no set's prefix: no pair can need it, none is missed.
    expect(crowded).toEqual([]);
    // With a lower bar it would be needed, and is reported instead of enumerated.
    expect(findSimilarPairs(inputSets, 1, 0, 500).crowded).toEqual([{ node: 0, readers: 3004 }]);
    // Pairs through rarer inputs are still found, and the crowded input counts in their overlap.
    expect(pairs.map((p) => [p.models, p.shared])).toEqual([
      [[5000, 5001], [0, 90, 91, 92]], [[5000, 5002], [0, 90, 91, 92]], [[5000, 5003], [0, 90, 91, 92]],
      [[5001, 5002], [0, 90, 91, 92]], [[5001, 5003], [0, 90, 91, 92]], [[5002, 5003], [0, 90, 91, 92]],
    ]);
  });

  it("reports a crowded input as a finding with data.capped instead of dropping pairs silently", () => {
    const docs = Array.from({ length: 502 }, (_, m) => model(`m${m}`, { inputs: ["events", "users", "orders", `own-${m}`] }));
    const analysis = analyzeDocs(docs);
    const capped = analysis.report.findings.filter((f) => f.rule === "input-entanglement" && f.data?.["capped"]);
    expect(capped.map((f) => f.nodes)).toEqual([["events"]]);
    expect(capped[0]!.data).toMatchObject({ capped: true, readers: 502, cap: 500 });
    expect(modelsOf(analysis, "input-entanglement")).toEqual([[]]); // 125,751 pairs are not listed one by one
    expect(capped[0]!.locations.length).toBeGreaterThan(0);
  });
});

describe("shared outcomes", () => {
  it("follow derivedFrom downstream through several hops, never upstream", () => {
    const analysis = analyzeDocs([
      model("a", { outputs: [{ name: "o", influences: ["raw"] }] }),
      model("b", { inputs: [{ from: "features", use: "training" }], outputs: [{ name: "o", influences: ["raw"] }] }),
      model("c", { inputs: [{ from: "upstream", use: "training" }], outputs: [{ name: "o", influences: ["raw"] }] }),
      dataset("raw", { derivedFrom: ["upstream"] }),
      dataset("clean", { derivedFrom: ["raw"] }),
      dataset("features", { derivedFrom: ["clean"] }),
    ]);
    // b trains on raw's grandchild: pairs with b. c trains only upstream of raw: no pair a–c.
    expect(modelsOf(analysis, "shared-outcome")).toEqual([["a", "b"], ["b", "c"]]);
    const finding = analysis.report.findings.find((f) => f.rule === "shared-outcome")!;
    expect(finding.data).toEqual({ datasets: ["raw"], trainers: ["b"] });
  });

  it("count a model acting through a service, and list one finding per pair with every shared dataset", () => {
    const analysis = analyzeDocs([
      model("ranker", { inputs: [{ from: "clicks", use: "both" }, { from: "orders", use: "training" }], outputs: [{ name: "top", consumers: ["shop"], influences: ["clicks"] }] }),
      model("pricer", { outputs: [{ name: "price" }] }),
      service("shop", { consumes: ["pricer/price"], influences: ["clicks", "orders"] }),
      dataset("clicks"),
      dataset("orders"),
    ]);
    const findings = analysis.report.findings.filter((f) => f.rule === "shared-outcome");
    expect(findings.map((f) => [f.models, f.data?.["datasets"]])).toEqual([[["pricer", "ranker"], ["clicks", "orders"]]]);
  });

  it("report a dataset with too many pairs as one capped finding naming every influencer", () => {
    const docs = [
      ...Array.from({ length: 12 }, (_, m) => model(`m${String(m).padStart(2, "0")}`, { inputs: [{ from: "orders", use: "training" }], outputs: [{ name: "o", influences: ["orders"] }] })),
      dataset("orders"),
    ];
    const analysis = analyzeDocs(docs);
    expect(modelsOf(analysis, "shared-outcome")).toHaveLength(66); // 12 choose 2, under the cap
    // With a cap of 10 pairs per dataset the same estate gives one crowded group.
    const { index } = { index: analysisGraph(docs).index };
    const result = findSharedOutcomes(index, 10);
    expect(result.pairs).toEqual([]);
    expect(result.crowded.map((c) => [index.ids[c.dataset], c.influencers.length, c.pairs])).toEqual([["orders", 12, 66]]);
  });
});

describe("deep model chains", () => {
  it("condense a cycle of models into one step that counts all its models", () => {
    const analysis = analyzeDocs([
      model("head", { outputs: [{ name: "o", consumers: ["x"] }] }),
      model("x", { inputs: ["head/o", "y/o"], outputs: [{ name: "o", consumers: ["y"] }] }),
      model("y", { inputs: ["x/o"], outputs: [{ name: "o", consumers: ["x", "tail"] }] }),
      model("tail", { inputs: ["y/o"] }),
    ]);
    const finding = analysis.report.findings.find((f) => f.rule === "deep-model-chain")!;
    expect(finding.data).toEqual({ chain: ["head", "x", "y", "tail"], depth: 4 });
    // The cycle is shown as one step: "head → x → y → tail" said that x feeds y and y feeds tail only.
    expect(finding.message).toBe("chain of 4 models, each reading the previous one's output: head → {x, y} → tail; models in braces read each other in a loop");
    expect(modelsOf(analysis, "circular-model-dependency")).toEqual([["x", "y"]]);
  });

  it("stays linear on a chain of 20,000 models (no recursion, no per-model search)", () => {
    const n = 20_000;
    const docs = Array.from({ length: n }, (_, i) => model(`m${String(i).padStart(5, "0")}`, { inputs: i === 0 ? ["raw"] : [`m${String(i - 1).padStart(5, "0")}/o`], outputs: [{ name: "o" }] }));
    const analysis = analyzeDocs(docs);
    const chains = analysis.report.findings.filter((f) => f.rule === "deep-model-chain");
    expect(chains).toHaveLength(1);
    expect(chains[0]!.models).toHaveLength(n);
  }, 120_000);
});

describe("boundary findings keep stable identities for runtime evidence", () => {
  it("undeclared-consumer and phantom-consumer are fingerprinted by output id and consumer", () => {
    const docs = [
      model("p", { outputs: [{ name: "out", consumers: ["ghost"] }, { name: "other" }] }),
      model("ghost", {}),
      model("reader", { inputs: ["p/other"] }),
    ];
    const first = analyzeDocs(docs).report.findings.filter((f) => f.rule.endsWith("-consumer"));
    expect(first.map((f) => [f.rule, f.models, f.data])).toEqual([
      ["phantom-consumer", ["ghost", "p"], { output: "p/out", consumer: "ghost" }],
      ["undeclared-consumer", ["p", "reader"], { output: "p/other", consumer: "reader" }],
    ]);
    // Renaming files and reordering documents keeps the fingerprints.
    const again = analyzeDocs([...docs].reverse()).report.findings.filter((f) => f.rule.endsWith("-consumer"));
    expect(again.map((f) => f.fingerprint)).toEqual(first.map((f) => f.fingerprint));
  });
});

import { parseSource } from "../../analyzer/parse/parse-source.js";
import { validateDocument, type ValidManifest } from "../../analyzer/validate/validate.js";
import { buildEstate } from "../../analyzer/graph/build-graph.js";
import { filesOf } from "../helpers/estate.js";
import type { Doc } from "../helpers/estate.js";

function analysisGraph(docs: Doc[]) {
  const valid: ValidManifest[] = [];
  for (const file of filesOf(docs)) for (const doc of parseSource(file).documents) {
    const result = validateDocument(doc);
    if (result.manifest) valid.push(result.manifest);
  }
  return buildEstate(valid).graph;
}
