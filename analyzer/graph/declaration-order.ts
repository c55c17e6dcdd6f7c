import type { DocumentPlace, FieldPath } from "../parse/parsed-document.js";
import type { Declaration } from "./attributes.js";

/**
 * The order references are resolved in (FORMAT.md "The graph"): every model's, then every
 * dataset's, then every service's, each kind in (file, document) order, and within a
 * manifest in field order. An edge lists its declarations in this order, whatever order the
 * manifests arrived in, so `reads` takes the first consumer-side pin and exports are stable.
 */
export function compareDeclarations(a: Declaration, b: Declaration): number {
  return compareSites(a.doc, a.path, b.doc, b.path);
}

/** Phase of a manifest's references: models', then datasets', then services'. */
function phaseOf(doc: DocumentPlace): number {
  const kind = doc.kind;
  return kind === "Model" ? 0 : kind === "Dataset" ? 1 : 2;
}

export function compareSites(docA: DocumentPlace, pathA: FieldPath, docB: DocumentPlace, pathB: FieldPath): number {
  if (docA !== docB) {
    const phase = phaseOf(docA) - phaseOf(docB);
    if (phase !== 0) return phase;
    if (docA.file !== docB.file) return docA.file < docB.file ? -1 : 1;
    return docA.index - docB.index;
  }
  return comparePaths(pathA, pathB);
}

/**
 * Field order inside one manifest, as the resolver walks it: a model's `inputs` before its
 * `outputs`, and in each output its `name` (the produces edge), then `consumers`, then
 * `influences`; a service's `consumes` before its `influences`.
 */
const FIELD_RANK: Record<string, number> = { inputs: 0, derivedFrom: 0, consumes: 0, outputs: 1, influences: 1, name: 0, from: 0, consumers: 1 };

function comparePaths(a: FieldPath, b: FieldPath): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    return fieldRank(x, i) - fieldRank(y, i);
  }
  return a.length - b.length;
}

function fieldRank(field: string | number, depth: number): number {
  if (typeof field === "number") return field;
  // Under an output, `influences` comes after `consumers` (at the top level it follows `consumes`).
  if (field === "influences" && depth > 0) return 2;
  return FIELD_RANK[field] ?? 3;
}
