import type { Estate } from "../graph/attributes.js";
import type { FindingDraft } from "./rule.js";

/** Drafts for implicit nodes of one kind: one per name, located at every reference. */
export function undeclaredDrafts(estate: Estate, kind: "dataset" | "service"): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const node of estate.implicit.values()) {
    if (node.kind !== kind) continue;
    const referrers = [...new Set(node.references.map((r) => r.by.split("/")[0]!))].sort();
    const models = referrers.filter((name) => estate.models.has(name));
    drafts.push({
      message: `"${node.id}" is referenced by ${referrers.join(", ")} but never declared; it is taken as an implicit ${kind === "dataset" ? "Dataset" : "Service"}`,
      models,
      nodes: [node.id],
      sites: node.references.map((r) => r.site),
      identity: [node.id],
    });
  }
  return drafts;
}
