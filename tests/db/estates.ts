import type { Analysis } from "../../analyzer/index.js";
import { analyzeDocs, dataset, model, type Doc } from "../helpers/estate.js";

/**
 * Three versions of one small estate, for history tests:
 * v1: ranker trains on clicks it influences (direct-feedback-loop); pricer reads an undeclared `sales`;
 * v2: `sales` declared (fixed), forecast reads a misspelt `ranker/topp` (unknown-reference introduced);
 * v3: ranker no longer influences clicks (loop fixed); the misspelling stays.
 * Other rules may fire on these too; tests take the exact expectation from the analyses.
 */
export const ESTATE_VERSIONS: Doc[][] = [
  [
    model("ranker", { inputs: [{ from: "clicks", use: "training" }], outputs: [{ name: "top", influences: ["clicks"] }] }),
    dataset("clicks"),
    model("pricer", { inputs: [{ from: "sales", use: "training" }] }),
  ],
  [
    model("ranker", { inputs: [{ from: "clicks", use: "training" }], outputs: [{ name: "top", influences: ["clicks"] }] }),
    dataset("clicks"),
    dataset("sales"),
    model("pricer", { inputs: [{ from: "sales", use: "training" }] }),
    model("forecast", { inputs: [{ from: "ranker/topp", use: "serving" }] }),
  ],
  [
    model("ranker", { inputs: [{ from: "clicks", use: "training" }], outputs: [{ name: "top" }] }),
    dataset("clicks"),
    dataset("sales"),
    model("pricer", { inputs: [{ from: "sales", use: "training" }] }),
    model("forecast", { inputs: [{ from: "ranker/topp", use: "serving" }] }),
  ],
];

export const analyseVersions = (): Analysis[] => ESTATE_VERSIONS.map((docs) => analyzeDocs(docs));

/** The expected diff between two analyses, computed from their fingerprints alone (the oracle). */
export function expectedDiff(before: Analysis, after: Analysis): { introduced: string[]; fixed: string[]; stillOpen: string[] } {
  const a = new Set(before.report.findings.map((f) => f.fingerprint));
  const b = new Set(after.report.findings.map((f) => f.fingerprint));
  return {
    introduced: [...b].filter((f) => !a.has(f)).sort(),
    fixed: [...a].filter((f) => !b.has(f)).sort(),
    stillOpen: [...b].filter((f) => a.has(f)).sort(),
  };
}

export const fingerprintsOf = (list: { fingerprint: string }[]): string[] => list.map((f) => f.fingerprint).sort();
export const rulesOf = (list: { rule: string }[]): string[] => list.map((f) => f.rule);
