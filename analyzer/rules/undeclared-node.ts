import type { Estate } from "../graph/attributes.js";
import type { FindingDraft } from "./rule.js";
import type { SchemaProblem } from "../validate/validate.js";
import { invalidDeclarationReason, invalidDeclarations } from "./invalid-declarations.js";

/** Reports implicit nodes of one kind: one finding per name, located at every reference. */
export function reportUndeclared(estate: Estate, kind: "dataset" | "service", report: (draft: FindingDraft) => void, schemaProblems: readonly SchemaProblem[]): undefined {
  const invalid = invalidDeclarations(schemaProblems);
  for (const node of estate.implicit.values()) {
    if (node.kind !== kind) continue;
    const referrers = [...new Set(node.references.map((r) => r.by.split("/")[0]!))].sort();
    const models = referrers.filter((name) => estate.models.has(name));
    report({
      message: invalid.has(node.id)
        ? `"${node.id}" is referenced by ${referrers.join(", ")}; ${invalidDeclarationReason(node.id, invalid.get(node.id)!).replace(/^"[^"]*" is/, "it is")}, so it is taken as an implicit ${kind === "dataset" ? "Dataset" : "Service"} until that is fixed`
        : `"${node.id}" is referenced by ${referrers.join(", ")} but never declared; it is taken as an implicit ${kind === "dataset" ? "Dataset" : "Service"}`,
      models,
      nodes: [node.id],
      sites: node.references.map((r) => r.site),
      identity: [node.id],
    });
  }
}
