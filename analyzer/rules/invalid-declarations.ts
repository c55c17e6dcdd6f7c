import type { Location } from "../types.js";
import type { SchemaProblem } from "../validate/validate.js";

/**
 * Names declared by documents that failed validation, with where each is declared. Such a
 * model is left out of the graph, and without this the references to it would say it does not
 * exist ("no Model is named ctr"), sending the reader to the wrong file.
 */
export function invalidDeclarations(problems: readonly SchemaProblem[]): Map<string, Location> {
  const declared = new Map<string, Location>();
  for (const problem of problems) if (problem.name !== undefined && !declared.has(problem.name)) declared.set(problem.name, problem.doc.locate(["name"]));
  return declared;
}

export function invalidDeclarationReason(name: string, at: Location): string {
  return `"${name}" is declared at ${at.file}:${at.line}:${at.column}, but that document is invalid (its invalid-manifest finding says why)`;
}
