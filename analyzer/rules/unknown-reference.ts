/**
 * unknown-reference: an `x/y` that names a model or output that does not exist (or a name
 * of the wrong kind). The message suggests the closest existing name.
 */
import type { Rule } from "./rule.js";

export const unknownReference: Rule = {
  id: "unknown-reference",
  meta: {
    category: "manifests",
    defaultSeverity: "error",
    description: "A `model/output` reference to a model or output that does not exist, or a name used as the wrong kind.",
    rationale: "A dangling reference is a dependency Loopscope cannot follow; a loop through it stays hidden.",
    fix: "Correct the reference (the message suggests the closest existing name), or add the missing output to the producer's manifest.",
  },
  check({ estate, report }) {
    for (const problem of estate.referenceProblems) {
      const models = [problem.by.split("/")[0]!];
      const suggestion = problem.suggestion ? `; did you mean "${problem.suggestion}"?` : "";
      report({
        message: `${problem.by} references "${problem.reference}": ${problem.reason}${suggestion}`,
        models: estate.models.has(models[0]!) ? models : [],
        nodes: [problem.by],
        sites: [problem.site],
        identity: [problem.by, problem.reference],
        data: problem.suggestion ? { suggestion: problem.suggestion } : undefined,
      });
    }
  },
};
