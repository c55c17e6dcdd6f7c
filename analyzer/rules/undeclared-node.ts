import type { Estate } from "../graph/attributes.js";
import type { FindingDraft } from "./rule.js";

/** Reports implicit nodes of one kind: one finding per name, located at every reference. */
export function reportUndeclared(estate: Estate, kind: "dataset" | "service", report: (draft: FindingDraft) => void): undefined {
  for (const node of estate.implicit.values()) {
    if (node.kind !== kind) continue;
    const referrers = [...new Set(node.references.map((r) => r.by.split("/")[0]!))].sort();
    const models = referrers.filter((name) => estate.models.has(name));
    report({
      message: `"${node.id}" is referenced by ${referrers.join(", ")} but never declared; it is taken as an implicit ${kind === "dataset" ? "Dataset" : "Service"}`,
      models,
      nodes: [node.id],
      sites: node.references.map((r) => r.site),
      identity: [node.id],
    });
  }
}
