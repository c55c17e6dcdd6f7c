import { z } from "zod";

/**
 * The executable form of FORMAT.md (manifest format v1). Types come from z.infer /
 * z.input; `loopscope schema` prints the JSON Schema generated from these values.
 */

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const REFERENCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,199})?$/;

export const nameSchema = z
  .string()
  .regex(NAME_PATTERN, "must start with a letter or digit and hold only letters, digits, '.', '_' and '-' (at most 200 characters)")
  .describe("Unique across all kinds in one analysis; case-sensitive.");

export const referenceSchema = z
  .string()
  .regex(REFERENCE_PATTERN, "must be a name or `model/output`")
  .describe("A bare name (Dataset, Service or Model: all its outputs) or `model/output`.");

/** Versions are strings; YAML users write `version: 3`, so numbers are accepted and kept as text. */
const versionSchema = z.union([z.string().min(1), z.number()]).transform((v) => String(v));

export const inputUseSchema = z.enum(["training", "serving", "both"]);

/** Inputs written as a bare name (their field path has no `from`); marked as the schema makes them. */
const shorthandInputs = new WeakSet<object>();

/** True for an input the manifest wrote as a bare name rather than `{ from: ... }`. */
export function isShorthandInput(input: object): boolean {
  return shorthandInputs.has(input);
}

export const inputSchema = z.union([
  referenceSchema.transform((from) => {
    const input = { from, use: "both" as const, version: undefined as string | undefined };
    shorthandInputs.add(input);
    return input;
  }),
  z.strictObject({
    from: referenceSchema,
    use: inputUseSchema.default("both").describe("training | serving | both (default both)"),
    version: versionSchema.optional().describe("Pin of the producer's version; absent = unpinned."),
  }),
]);

const lineageIdentitySchema = z
  .strictObject({ namespace: z.string().min(1), name: z.string().min(1) })
  .describe("The OpenLineage namespace and name of this dataset or output, for matching runtime lineage.");

/** A job's identity: written by `loopscope import` where the manifest's name is not the job's own. */
const jobIdentitySchema = lineageIdentitySchema.describe("The OpenLineage namespace and name of the job this model or service runs as, for matching runtime lineage when its name differs.");

export const outputSchema = z.strictObject({
  name: nameSchema,
  description: z.string().optional(),
  consumers: z.array(nameSchema).default([]).describe("Services or Models that use this output."),
  influences: z.array(nameSchema).default([]).describe("Signals (datasets) that change when this output is acted on."),
  lineage: lineageIdentitySchema.optional(),
});

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 2027-02-30 has the shape of a date but is not one; expiry compares dates as text, so 9999-99-99 would never expire. */
/** True for text that is not YYYY-MM-DD (its own message says so) or a day that exists: 2099-13-45 does not. */
export function onTheCalendar(text: string): boolean {
  if (!ISO_DATE.test(text)) return true; // the pattern's own message says what is wrong
  const [year, month, day] = text.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const isoDate = z.union([z.string().regex(ISO_DATE, "must be a date YYYY-MM-DD").refine(onTheCalendar, "must be a date YYYY-MM-DD that exists on the calendar"), z.date()]).transform((d) =>
  typeof d === "string" ? d : d.toISOString().slice(0, 10),
);

export const acknowledgementSchema = z.strictObject({
  rule: z.string().min(1).describe("The rule id this model accepts."),
  reason: z.string().min(1).describe("Why the finding is accepted."),
  expires: isoDate.optional().describe("After this date the finding is reported again."),
});

const common = {
  apiVersion: z.literal("loopscope/v1"),
  name: nameSchema,
  owner: z.string().min(1).optional().describe("Team or person accountable."),
  description: z.string().optional(),
};

export const modelSchema = z.strictObject({
  ...common,
  kind: z.literal("Model"),
  version: versionSchema.optional(),
  target: z.string().min(1).optional().describe("What the model predicts or optimises."),
  inputs: z.array(inputSchema).default([]),
  outputs: z
    .array(outputSchema)
    .default([])
    .superRefine((outputs, ctx) => {
      const seen = new Set<string>();
      outputs.forEach((o, i) => {
        if (seen.has(o.name)) ctx.addIssue({ code: "custom", message: `output name "${o.name}" is used twice`, path: [i, "name"] });
        seen.add(o.name);
      });
    }),
  monitoring: z
    .strictObject({ drift: z.boolean().default(false), performance: z.boolean().default(false) })
    .optional(),
  deployment: z
    .strictObject({
      strategy: z.enum(["full", "canary", "shadow", "ab-test", "bandit"]).optional(),
      holdout: z.number().min(0).max(1).optional().describe("Share of traffic kept away from the model, 0 to 1."),
    })
    .optional(),
  acknowledge: z.array(acknowledgementSchema).default([]),
  lineage: jobIdentitySchema.optional(),
});

export const datasetSchema = z.strictObject({
  ...common,
  kind: z.literal("Dataset"),
  derivedFrom: z.array(nameSchema).default([]).describe("Datasets this one is computed from."),
  lineage: lineageIdentitySchema.optional(),
});

export const serviceSchema = z.strictObject({
  ...common,
  kind: z.literal("Service"),
  consumes: z.array(referenceSchema).default([]),
  influences: z.array(nameSchema).default([]),
  lineage: jobIdentitySchema.optional(),
});

export const manifestSchema = z.discriminatedUnion("kind", [modelSchema, datasetSchema, serviceSchema]);

export type ModelManifest = z.infer<typeof modelSchema>;
export type DatasetManifest = z.infer<typeof datasetSchema>;
export type ServiceManifest = z.infer<typeof serviceSchema>;
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestKind = Manifest["kind"];
export const MANIFEST_KINDS: readonly ManifestKind[] = ["Model", "Dataset", "Service"];
