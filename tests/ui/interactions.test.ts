import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import { generateEstate } from "../../bench/generate.js";
import { computeInteractions, interactionSteps, unpairedGroups } from "../../ui/model/interactions.js";
import { indexEstate } from "../../ui/model/estate-index.js";
import { analyzeDocs, model } from "../helpers/estate.js";

function couplings(docs: Parameters<typeof analyzeDocs>[0]) {
  const { graph, report } = analyzeDocs(docs);
  return computeInteractions(graph, indexEstate(graph, report.findings), report.findings);
}

describe("the interaction matrix's couplings", () => {
  it("name the inputs two models share, in name order, and the output one reads of the other", () => {
    const pairs = couplings([
      model("a", { inputs: ["orders", "clicks", "prices"], outputs: [{ name: "score" }] }),
      model("b", { inputs: ["prices", "orders", "a/score"] }),
    ]);
    const ab = pairs.get("a\u0000b")!;
    expect(ab.kinds.sort()).toEqual(["inputs", "reads"]);
    expect(ab.reasons).toContain("both read orders, prices");
    expect(ab.reasons).toContain("b reads a/score");
    expect(ab.nodes).toEqual(["a/score", "orders", "prices"]);
  });

  it("name at most 20 shared inputs a pair, with how many more, however many they share", () => {
    // 30 models, each reading every other model's output: each pair shares 28 inputs.
    const n = 30;
    const pairs = couplings(Array.from({ length: n }, (_, i) => model(`m${i}`, { inputs: Array.from({ length: n }, (_, j) => `m${j}/o`).filter((_, j) => j !== i), outputs: [{ name: "o" }] })));
    const inputs = pairs.get("m0\u0000m1")!;
    const reason = inputs.reasons.find((r) => r.startsWith("both read"))!;
    const shared = Array.from({ length: n }, (_, j) => `m${j}/o`).filter((id) => id !== "m0/o" && id !== "m1/o").sort();
    expect(reason).toBe(`both read ${shared.slice(0, 20).join(", ")} and 8 more`);
    expect(pairs.size).toBe((n * (n - 1)) / 2);
  });
});

describe("loops and inputs too big to pair", () => {
  // n models in one hidden loop: model i trains on d<i> and its output changes d<i+1>.
  const ring = (n: number) => Array.from({ length: n }, (_, i) => model(`m${String(i).padStart(3, "0")}`, { inputs: [{ from: `d${i}`, use: "training" }], outputs: [{ name: "o", influences: [`d${(i + 1) % n}`] }] }));
  const groups = (docs: Parameters<typeof analyzeDocs>[0]) => {
    const { graph, report } = analyzeDocs(docs);
    const index = indexEstate(graph, report.findings);
    return { pairs: computeInteractions(graph, index, report.findings), unpaired: unpairedGroups(graph, index) };
  };

  it("are named, not left out silently: a loop of 61 models made no pair and said nothing", () => {
    const at60 = groups(ring(60));
    expect(at60.pairs.size).toBe((60 * 59) / 2);
    expect(at60.unpaired).toEqual([]);
    const at61 = groups(ring(61));
    expect(at61.pairs.size).toBe(0);
    expect(at61.unpaired).toEqual([{ kind: "loop", label: "hidden loop of 61 models", models: 61 }]);
  });

  it("an input read by more than 200 models is named with its readers", () => {
    const readers = Array.from({ length: 201 }, (_, i) => model(`r${i}`, { inputs: ["features"] }));
    const { pairs, unpaired } = groups(readers);
    expect(pairs.size).toBe(0);
    expect(unpaired).toEqual([{ kind: "input", label: "features", models: 201 }]);
    expect(groups(readers.slice(1)).unpaired).toEqual([]);
  });
});

describe("the couplings worked out in steps", () => {
  it("pause every few thousand units of work and end with what computeInteractions gives", () => {
    const { graph, report } = analyze(generateEstate({ models: 600, seed: 3 }), { today: "2026-11-28" });
    const index = indexEstate(graph, report.findings);
    const steps = interactionSteps(graph, index, report.findings);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    expect(pauses).toBeGreaterThan(3);
    const whole = computeInteractions(graph, index, report.findings);
    expect(step.value.size).toBeGreaterThan(100);
    expect(JSON.stringify([...step.value])).toBe(JSON.stringify([...whole]));
  });
});
