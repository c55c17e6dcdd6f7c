import type { Location } from "../types.js";
import type { SchemaProblem } from "../validate/validate.js";

/**
 * Names declared by documents that failed validation, with where each is declared. Such a
 * model is left out of the graph, and without this the references to it would say it does not
 * exist ("no Model is named ctr"), sending the reader to the wrong file.
 */
export function invalidDeclarations(problems: readonly SchemaProblem[]): Map<string, Location> {
  // The first declaration in (file, document) order, as for valid ones (declaration-order.ts),
  // not in the order the files arrived: the CLI's reader thread delivers them in walk order, so
  // unrelated files added to an estate changed which of two invalid copies a message named.
  const first = new Map<string, SchemaProblem>();
  for (const problem of problems) {
    if (problem.name === undefined) continue;
    const kept = first.get(problem.name);
    if (!kept || comesBefore(problem, kept)) first.set(problem.name, problem);
  }
  const declared = new Map<string, Location>();
  for (const [name, problem] of first) declared.set(name, problem.doc.locate(["name"]));
  return declared;
}

function comesBefore(a: SchemaProblem, b: SchemaProblem): boolean {
  return a.doc.file !== b.doc.file ? a.doc.file < b.doc.file : a.doc.index < b.doc.index;
}

export function invalidDeclarationReason(name: string, at: Location): string {
  return `"${name}" is declared at ${at.file}:${at.line}:${at.column}, but that document is invalid (its invalid-manifest finding says why)`;
}
