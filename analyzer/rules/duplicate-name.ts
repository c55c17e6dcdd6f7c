/**
 * duplicate-name: two documents declare one name. References become ambiguous; the first
 * declaration (by file path, then position) is used and the others are left out.
 */
import type { Rule } from "./rule.js";

export const duplicateName: Rule = {
  id: "duplicate-name",
  meta: {
    category: "manifests",
    defaultSeverity: "error",
    description: "Two or more documents with the same `name` (names are unique across all kinds).",
    rationale: "Every reference to the name could mean either declaration, so the graph (and every loop in it) depends on file order.",
    fix: "Rename one of them, or delete the stale copy. Names are case-sensitive and shared by Models, Datasets and Services.",
  },
  check({ estate, report }) {
    for (const { name, declarations } of estate.duplicates) {
      const kinds = [...new Set(declarations.map((d) => d.manifest.kind))].sort();
      const files = declarations.map((d) => d.doc.file);
      report({
        message: `"${name}" is declared ${declarations.length} times (${kinds.join(", ")}): ${files.join(", ")}; the first is used`,
        models: kinds.includes("Model") ? [name] : [],
        nodes: [name],
        sites: declarations.map((d) => ({ doc: d.doc, path: ["name"] })),
        identity: [name],
      });
    }
  },
};
