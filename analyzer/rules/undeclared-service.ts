/**
 * undeclared-service: a consumer name that no document declares, taken as an implicit
 * Service. Info: without a manifest, what it influences in the world is unknown.
 * [Reference] Sculley et al. 2015, §4 "Feedback Loops" and §2 "Undeclared Consumers".
 */
import type { Rule } from "./rule.js";
import { reportUndeclared } from "./undeclared-node.js";

export const undeclaredService: Rule = {
  id: "undeclared-service",
  meta: {
    category: "manifests",
    defaultSeverity: "info",
    description: "A consumer name that no document declares, taken as an implicit Service.",
    rationale: "Services act in the world on what models tell them. An undeclared one cannot say which signals it `influences`, which is exactly the edge that closes hidden feedback loops.",
    paper: "§4 Feedback Loops; §2 Undeclared Consumers",
    fix: "Add a `kind: Service` manifest with its `consumes` and `influences`, or fix the spelling of the consumer.",
  },
  check: ({ estate, report, schemaProblems }) => reportUndeclared(estate, "service", report, schemaProblems),
};
