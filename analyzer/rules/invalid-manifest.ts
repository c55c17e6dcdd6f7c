/**
 * invalid-manifest: a document that breaks the format (syntax or schema). The document is
 * left out and the rest of the estate is still analysed, so one broken file never hides
 * the loops in the others.
 */
import type { Rule } from "./rule.js";
import { compareLocations } from "../engine/sort.js";

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
    // A broken file has no names to be known by: its file's name (not the path as typed, which
    // changes with the folder lint runs from), the message, and which time the same name and
    // message come, counted in path order (files arrive in any order) so that three broken
    // documents are three findings, each listed, and two broken `m.yaml` in two folders are two.
    const occurrence = occurrences();
    for (const problem of [...parseProblems].sort((a, b) => compareLocations(a.location, b.location))) {
      const key = [fileName(problem.location.file), problem.message];
      report({
        message: problem.message,
        models: [],
        nodes: [],
        sites: [],
        locations: [problem.location],
        identity: [...key, occurrence(key)],
      });
    }
    for (const problem of [...schemaProblems].sort((a, b) => compareLocations(a.location, b.location))) {
      const isModel = (problem.doc.value as { kind?: unknown } | null)?.kind === "Model";
      const key = [problem.name ?? `${fileName(problem.doc.file)}#${problem.doc.index}`, problem.fieldPath, problem.message];
      report({
        message: `${problem.fieldPath}: ${problem.message}`,
        models: isModel && problem.name ? [problem.name] : [],
        nodes: [],
        sites: [],
        locations: [problem.location],
        // A named document keeps its name's identity (a duplicate name is its own rule); a nameless one is counted like a broken file.
        identity: problem.name ? key : [...key, occurrence(key)],
        data: { field: problem.fieldPath },
      });
    }
  },
};

/** Numbers each key by how many times it has come so far: "1", "2", ... */
function occurrences(): (key: string[]) => string {
  const seen = new Map<string, number>();
  return (key) => {
    const joined = key.join("\u0000");
    const n = (seen.get(joined) ?? 0) + 1;
    seen.set(joined, n);
    return String(n);
  };
}

/** The last part of a path: the same whichever folder the lint ran from or the file moved to. */
function fileName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
