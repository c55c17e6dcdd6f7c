import type { z } from "zod";
import { manifestSchema, MANIFEST_KINDS, type Manifest } from "../schema/manifest.js";
import type { DocumentPlace, FieldPath, ParsedDocument } from "../parse/parsed-document.js";
import type { Location } from "../types.js";
import { suggestField } from "./suggest-field.js";

/** A document that passed the schema, with its place kept for position look-ups (not its parsed value). */
export interface ValidManifest {
  manifest: Manifest;
  doc: DocumentPlace;
}

/** One schema problem, positioned at the offending field. */
export interface SchemaProblem {
  doc: ParsedDocument;
  /** Name of the document when it has a readable one (for the fingerprint and the message). */
  name?: string | undefined;
  fieldPath: string;
  message: string;
  location: Location;
}

const MAX_PROBLEMS_PER_DOCUMENT = 20;

/** Validates one document against the zod schema of FORMAT.md. */
export function validateDocument(doc: ParsedDocument): { manifest?: ValidManifest; problems: SchemaProblem[] } {
  const value = doc.value;
  const name = readName(value);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { problems: [{ doc, name, fieldPath: "(document)", message: `a manifest must be a mapping of fields, got ${describe(value)}`, location: doc.locate([]) }] };
  }
  const result = manifestSchema.safeParse(value);
  if (result.success) return { manifest: { manifest: result.data, doc: doc.place(result.data.kind) }, problems: [] };
  const problems = result.error.issues
    .flatMap((issue) => toProblems(doc, name, value as Record<string, unknown>, issue))
    .sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
  if (problems.length > MAX_PROBLEMS_PER_DOCUMENT) {
    const kept = problems.slice(0, MAX_PROBLEMS_PER_DOCUMENT);
    const first = kept[0]!;
    kept.push({ ...first, fieldPath: "(document)", message: `${problems.length - MAX_PROBLEMS_PER_DOCUMENT} more schema problems in this document are not listed`, location: doc.locate([]) });
    return { problems: kept };
  }
  return { problems };
}

function toProblems(doc: ParsedDocument, name: string | undefined, value: Record<string, unknown>, issue: z.core.$ZodIssue): SchemaProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      doc,
      name,
      fieldPath: formatPath([...path, key]),
      message: `unknown field "${key}"${suggestField(key, path, value["kind"])}`,
      location: doc.locateKey([...path, key]),
    }));
  }
  const fieldPath = formatPath(path);
  const actual = valueAt(value, path);
  let message: string;
  if (path.length === 1 && path[0] === "kind") {
    message = actual === undefined ? `missing required field (one of ${MANIFEST_KINDS.join(", ")})` : `must be one of ${MANIFEST_KINDS.join(", ")} (got ${describe(actual)})`;
  } else if (path.length === 1 && path[0] === "apiVersion") {
    message = `must be "loopscope/v1" (got ${describe(actual)})`;
  } else if (issue.code === "invalid_type" && actual === undefined) {
    message = "missing required field";
  } else if (issue.code === "invalid_union" && actual !== null && (typeof actual === "string" || typeof actual === "object") && !Array.isArray(actual)) {
    // A shorthand union (string | object): explain with the branch that matches the value's shape.
    const branch = issue.errors.find((errors) => errors.length > 0 && !errors.some((e) => e.code === "invalid_type" && e.path.length === 0));
    if (branch) return branch.flatMap((sub) => toProblems(doc, name, value, { ...sub, path: [...issue.path, ...sub.path] } as z.core.$ZodIssue));
    message = issue.message;
  } else if (issue.code === "invalid_union" && (typeof actual !== "object" || actual === null)) {
    // Only an input is a string-or-object union; `version` and `expires` are unions of scalars.
    const field = issue.path[issue.path.length - 1];
    message =
      field === "expires" ? `must be a date YYYY-MM-DD (got ${describe(actual)})`
      : field === "version" ? `must be a string or a finite number (got ${describe(actual)})`
      : `expected a reference string or an object with "from", got ${describe(actual)}`;
  } else {
    message = issue.message.replace(/^Invalid (input|option): /, "").replace(/^Too (big|small): /, "");
    if (issue.code === "invalid_value" || (issue.code === "invalid_type" && !message.includes("received"))) message += ` (got ${describe(actual)})`;
    // `derivedFrom: [ads-ctr/pctr]` (a prediction log) is a wrong kind, not a wrong spelling.
    const field = path.findLast((p): p is string => typeof p === "string");
    if ((field === "derivedFrom" || field === "influences") && typeof actual === "string" && /^[^/]+\/[^/]+$/.test(actual)) {
      const advice = field === "derivedFrom" ? "declare the table the output is logged to as a Dataset, and name that" : "name the signal, a Dataset, that acting on it changes";
      message = `"${actual}" is a model output; ${field} must name a Dataset (${advice})`;
    }
    // `holdout: 5` meant 5%: the share is a fraction.
    if (fieldPath === "deployment.holdout" && typeof actual === "number" && actual > 1 && actual <= 100) message += ` (a share of traffic from 0 to 1: ${actual}% is ${actual / 100})`;
  }
  return [{ doc, name, fieldPath, message, location: doc.locate(path) }];
}

export function formatPath(path: FieldPath): string {
  if (path.length === 0) return "(document)";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function valueAt(value: unknown, path: FieldPath): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function readName(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || !Object.prototype.hasOwnProperty.call(value, "name")) return undefined;
  const name = (value as Record<string, unknown>)["name"];
  return typeof name === "string" && name.length <= 200 ? name : undefined;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return `${typeof value} ${String(value)}`;
}
