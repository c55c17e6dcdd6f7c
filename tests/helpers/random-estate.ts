import fc from "fast-check";
import type { Doc } from "./estate.js";

const USES = ["training", "serving", "both", undefined] as const;

/**
 * Random small estates with every kind of edge: model inputs (shorthand and objects, bare
 * model names and `model/output`), consumers (models, services, undeclared), influences,
 * service consumes/influences, derivedFrom lineage and undeclared datasets. All references
 * resolve, so the oracle and the analyzer see the same graph.
 */
export const estateArbitrary = fc
  .record({ models: fc.integer({ min: 1, max: 7 }), datasets: fc.integer({ min: 1, max: 5 }), services: fc.integer({ min: 0, max: 3 }), influenceRate: fc.integer({ min: 0, max: 30 }), servingRate: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(101)), linkRate: fc.integer({ min: 5, max: 40 }), seed: fc.array(fc.nat(1000), { minLength: 400, maxLength: 400 }) })
  .map(({ models, datasets, services, influenceRate, servingRate, linkRate, seed }) => {
    let i = 0;
    const next = (n: number) => (n <= 0 ? 0 : seed[i++ % seed.length]! % n);
    const chance = (p: number) => next(100) < p;
    const modelNames = Array.from({ length: models }, (_, k) => `m${k}`);
    const datasetNames = Array.from({ length: datasets }, (_, k) => `d${k}`);
    const serviceNames = Array.from({ length: services }, (_, k) => `s${k}`);
    const outputs = modelNames.map((m) => Array.from({ length: 1 + next(2) }, (_, k) => `o${k}`));
    const signals = [...datasetNames, "undeclared-signal"];
    const pick = <T>(list: T[], p: number) => list.filter(() => chance(p));
    const docs: Doc[] = [];
    modelNames.forEach((m, k) => {
      const inputs: (string | Doc)[] = [];
      // servingRate 101: runtime coupling only (every read is an explicit serving read).
      const allServing = servingRate > 100;
      const use = () => (allServing || chance(servingRate) ? "serving" : USES[next(4)]);
      for (const d of pick(signals, 30)) inputs.push(!allServing && chance(40) ? d : { from: d, use: use() });
      for (const s of pick(serviceNames, 10)) inputs.push(s);
      modelNames.forEach((other, j) => {
        if (!chance(linkRate)) return;
        const ref = chance(30) ? other : `${other}/${outputs[j]![next(outputs[j]!.length)]}`;
        inputs.push(!allServing && chance(50 - servingRate / 2) ? ref : { from: ref, use: use() });
      });
      const consumerPool = [...(allServing ? [] : modelNames), ...serviceNames, "undeclared-consumer"];
      docs.push({
        apiVersion: "loopscope/v1",
        kind: "Model",
        name: m,
        inputs: dedupe(inputs),
        outputs: outputs[k]!.map((o) => ({ name: o, consumers: pick(consumerPool, linkRate / 2), influences: pick(signals, influenceRate) })),
      });
    });
    datasetNames.forEach((d, k) => docs.push({ apiVersion: "loopscope/v1", kind: "Dataset", name: d, derivedFrom: pick(datasetNames.filter((_, j) => j !== k), 20) }));
    serviceNames.forEach((s) => {
      const consumes = [...pick(datasetNames, 10), ...modelNames.flatMap((m, j) => (chance(25) ? [chance(30) ? m : `${m}/${outputs[j]![0]}`] : []))];
      docs.push({ apiVersion: "loopscope/v1", kind: "Service", name: s, consumes: [...new Set(consumes)], influences: pick(signals, influenceRate + 5) });
    });
    return docs;
  });

function dedupe(inputs: (string | Doc)[]): (string | Doc)[] {
  const seen = new Set<string>();
  return inputs.filter((input) => {
    const key = typeof input === "string" ? input : (input["from"] as string);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
