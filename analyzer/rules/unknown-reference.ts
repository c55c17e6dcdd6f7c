/**
 * unknown-reference: an `x/y` that names a model or output that does not exist (or a name
 * of the wrong kind). The message suggests the closest existing name. One finding per
 * referrer and reference, naming every distinct reason.
 */
import type { Rule } from "./rule.js";
import type { ReferenceProblem } from "../graph/attributes.js";
import { invalidDeclarationReason, invalidDeclarations } from "./invalid-declarations.js";

export const unknownReference: Rule = {
  id: "unknown-reference",
  meta: {
    category: "manifests",
    defaultSeverity: "error",
    description: "A `model/output` reference to a model or output that does not exist, or a name used as the wrong kind.",
    rationale: "A dangling reference is a dependency Loopscope cannot follow; a loop through it stays hidden.",
    fix: "Correct the reference (the message suggests the closest existing name), or add the missing output to the producer's manifest.",
  },
  check({ estate, schemaProblems, report }) {
    const invalid = invalidDeclarations(schemaProblems);
    // One finding per (by, reference), its fingerprint: a reference wrong in two fields
    // (a Service that consumes and influences itself) names every reason, each once.
    const byIdentity = new Map<string, ReferenceProblem[]>();
    for (const problem of estate.referenceProblems) {
      const key = `${problem.by}\u0000${problem.reference}`;
      const group = byIdentity.get(key);
      if (group) group.push(problem);
      else byIdentity.set(key, [problem]);
    }
    for (const problems of byIdentity.values()) {
      const { by, reference } = problems[0]!;
      const models = [by.split("/")[0]!];
      // A model left out for an invalid document is not missing: say where it is declared.
      const declaredAt = invalid.get(reference.split("/")[0]!);
      const suggested = declaredAt ? undefined : problems.find((problem) => problem.suggestion)?.suggestion;
      const reasons = declaredAt ? invalidDeclarationReason(reference.split("/")[0]!, declaredAt) : [...new Set(problems.map((problem) => problem.reason))].join("; ");
      report({
        message: `${by} references "${reference}": ${reasons}${suggested ? `; did you mean "${suggested}"?` : ""}`,
        models: estate.models.has(models[0]!) ? models : [],
        nodes: [by],
        sites: problems.map((problem) => problem.site),
        identity: [by, reference],
        data: suggested ? { suggestion: suggested } : undefined,
      });
    }
  },
};
