import { dataset, model, type Doc } from "../helpers/estate.js";

/**
 * Three versions of one small estate, for history tests:
 * v1: ranker trains on clicks it influences (direct-feedback-loop); pricer reads an undeclared `sales`;
 * v2: `sales` declared (fixed), forecast reads a misspelt `ranker/topp` (unknown-reference introduced);
 * v3: ranker no longer influences clicks (loop fixed); the misspelling stays.
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
