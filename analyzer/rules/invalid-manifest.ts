/**
 * invalid-manifest: a document that breaks the format (syntax or schema). The document is
 * left out and the rest of the estate is still analysed, so one broken file never hides
 * the loops in the others.
 */
import type { Rule } from "./rule.js";

export const invalidManifest: Rule = {
  id: "invalid-manifest",
  meta: {
    category: "manifests",
    defaultSeverity: "error",
    description: "A file that cannot be parsed, or a document that breaks the manifest schema (FORMAT.md).",
    rationale: "A manifest Loopscope cannot read is a model whose dependencies nobody can check: every loop through it goes unseen.",
    fix: "Fix the field named in the message; `loopscope schema` prints a JSON Schema that editors use for completion and inline errors.",
  },
  check({ parseProblems, schemaProblems, report }) {
    for (const problem of parseProblems) {
      report({
        message: problem.message,
        models: [],
        nodes: [],
        sites: [],
        locations: [problem.location],
        identity: [problem.location.file, problem.message],
      });
    }
    for (const problem of schemaProblems) {
      const isModel = (problem.doc.value as { kind?: unknown } | null)?.kind === "Model";
      report({
        message: `${problem.fieldPath}: ${problem.message}`,
        models: isModel && problem.name ? [problem.name] : [],
        nodes: [],
        sites: [],
        locations: [problem.location],
        identity: [problem.name ?? `${problem.doc.file}#${problem.doc.index}`, problem.fieldPath, problem.message],
        data: { field: problem.fieldPath },
      });
    }
  },
};
