import { acknowledgementSchema, datasetSchema, modelSchema, outputSchema, serviceSchema } from "../schema/manifest.js";
import { editDistance } from "./edit-distance.js";

/** The fields allowed where an unknown one was written: the document's kind and the place in it. */
function fieldsAt(kind: unknown, path: readonly (string | number)[]): readonly string[] {
  const top = path[0];
  if (path.length === 0) {
    const schema = kind === "Dataset" ? datasetSchema : kind === "Service" ? serviceSchema : kind === "Model" ? modelSchema : undefined;
    return schema ? Object.keys(schema.shape) : ["apiVersion", "kind", "name", "owner", "description"];
  }
  if (path[path.length - 1] === "lineage") return ["namespace", "name"];
  if (top === "outputs" && path.length === 2) return Object.keys(outputSchema.shape);
  if (top === "inputs" && path.length === 2) return ["from", "use", "version"];
  if (top === "acknowledge" && path.length === 2) return Object.keys(acknowledgementSchema.shape);
  if (top === "monitoring") return ["drift", "performance"];
  if (top === "deployment") return ["strategy", "holdout"];
  return [];
}

/**
 * Fields people write on the wrong kind, or at the wrong level, with where they belong: the
 * likeliest first-day mistakes (a Model's `influences` is per output; a Service reads
 * through `consumes`), which are too far from any allowed name to be caught as typos.
 */
const MISPLACED: Record<string, Record<string, string>> = {
  Model: {
    influences: "a Model's effect on the world is declared per output: outputs[].influences",
    consumers: "consumers are declared per output: outputs[].consumers",
    consumes: 'a Model reads through "inputs"',
    derivedFrom: 'a Model learns from its "inputs" (use: training)',
  },
  Service: {
    inputs: 'a Service reads through "consumes"',
    outputs: 'a Service has no outputs; the signals it changes go in "influences"',
    derivedFrom: 'a Service reads through "consumes"',
  },
  Dataset: {
    inputs: 'a Dataset is computed from "derivedFrom"',
    consumes: 'a Dataset is computed from "derivedFrom"',
    consumers: "whoever reads a Dataset declares it (a Model's inputs, a Service's consumes)",
    influences: 'a Dataset changes nothing itself; Models (per output) and Services declare "influences"',
  },
};

/** "; did you mean …?" for an unknown field, from the fields allowed at that place; "" when nothing is close. */
export function suggestField(key: string, path: readonly (string | number)[], kind: unknown): string {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const field of fieldsAt(kind, path)) {
    const d = editDistance(lower, field.toLowerCase());
    if (d < bestDistance) {
      best = field;
      bestDistance = d;
    }
  }
  if (best && best !== key) return `; did you mean "${best}"?`;
  // Own keys only: "__proto__" or "constructor" must not find the prototype's.
  const hints = path.length === 0 && typeof kind === "string" && Object.hasOwn(MISPLACED, kind) ? MISPLACED[kind]! : undefined;
  const misplaced = hints && Object.hasOwn(hints, key) ? hints[key] : undefined;
  return misplaced ? `: ${misplaced}` : "";
}
