/**
 * undeclared-dataset: a bare name nothing declares, taken as an implicit Dataset so small
 * teams can start with models only. Info: declare it to give it an owner and lineage.
 * [Reference] Sculley et al. 2015, §3 "Data Dependencies Cost More than Code Dependencies".
 */
import type { Rule } from "./rule.js";
import { reportUndeclared } from "./undeclared-node.js";

export const undeclaredDataset: Rule = {
  id: "undeclared-dataset",
  meta: {
    category: "manifests",
    defaultSeverity: "info",
    description: "A bare name that no document declares, taken as an implicit Dataset.",
    rationale: "An undeclared dataset has no owner and no lineage (`derivedFrom`), so loops that pass through the data it is computed from stay invisible.",
    paper: "§3 Data Dependencies Cost More than Code Dependencies",
    fix: "Add a `kind: Dataset` manifest with an owner and its `derivedFrom` lineage, or fix the spelling if it was meant to be an existing name.",
  },
  check: ({ estate, report, schemaProblems }) => reportUndeclared(estate, "dataset", report, schemaProblems),
};
