import { z } from "zod";
import { nameSchema } from "../schema/manifest.js";

/**
 * Which OpenLineage jobs are ML models. Lineage tools know jobs, not models, so every job
 * is a Service unless the user says otherwise: `--models REGEX`, a mapping file, or a
 * `jobType` facet naming an ML job type. dbt's `MODEL` job type is a SQL model, not an ML
 * one, so it is deliberately not in the default list.
 */
export const DEFAULT_MODEL_JOB_TYPES = ["ML_MODEL", "MODEL_TRAINING", "TRAINING", "INFERENCE", "PREDICTION"];

export const importMappingSchema = z.strictObject({
  models: z.array(z.string()).default([]).describe("Regular expressions over job names (or namespace/name): these jobs become Models."),
  services: z.array(z.string()).default([]).describe("Regular expressions: these jobs stay Services even if `models` or the job type matches."),
  modelJobTypes: z.array(z.string()).default(DEFAULT_MODEL_JOB_TYPES).describe("`jobType` facet values that make a job a Model."),
  names: z.record(z.string(), nameSchema).default({}).describe("Loopscope names for jobs or datasets, keyed by their OpenLineage name (or namespace/name)."),
});

export type ImportMapping = z.infer<typeof importMappingSchema>;

/**
 * `importMappingSchema.safeParse`, keeping a `names` entry for a job or dataset called
 * `__proto__`: zod's record leaves that key out (a guard against prototype pollution), so the
 * entry was ignored without a word. It is checked as any name and kept as an own property.
 */
export function parseImportMapping(value: unknown): ReturnType<typeof importMappingSchema.safeParse> {
  const parsed = importMappingSchema.safeParse(value);
  const raw = parsed.success && typeof value === "object" && value !== null ? (value as Record<string, unknown>)["names"] : undefined;
  if (!parsed.success || typeof raw !== "object" || raw === null || !Object.hasOwn(raw, "__proto__")) return parsed;
  const name = nameSchema.safeParse((raw as Record<string, unknown>)["__proto__"]);
  if (!name.success) return { success: false, error: new z.ZodError(name.error.issues.map((issue) => ({ ...issue, path: ["names", "__proto__", ...issue.path] }))) } as ReturnType<typeof importMappingSchema.safeParse>;
  Object.defineProperty(parsed.data.names, "__proto__", { value: name.data, enumerable: true, writable: true, configurable: true });
  return parsed;
}

/** Where a mapping came from, for notices: its file and, when known, where each `names` entry starts. */
export interface MappingOrigin {
  file: string;
  names?: Readonly<Record<string, { line: number; column: number }>> | undefined;
}

/** A name the mapping gives: which `names` entry gave it, and where that entry is (if known). */
export interface MappedName {
  name: string;
  entry: string;
  /** The mapping file, with the entry's line and column when the CLI read them. */
  location?: { file: string; line?: number | undefined; column?: number | undefined } | undefined;
}

export interface JobMatcher {
  isModel(job: { namespace: string; name: string; jobType?: string | undefined }): boolean;
  /** The user's Loopscope name for a job or dataset, if the mapping names one. */
  nameFor(entity: { namespace: string; name: string }): MappedName | undefined;
}

/** Regular expressions are tested against `name` and against `namespace/name`. */
export function jobMatcher(mapping: ImportMapping | undefined, extraModels: RegExp[] = [], origin?: MappingOrigin): JobMatcher {
  const models = [...extraModels, ...(mapping?.models ?? []).map((r) => new RegExp(r))];
  const services = (mapping?.services ?? []).map((r) => new RegExp(r));
  const jobTypes = new Set((mapping?.modelJobTypes ?? DEFAULT_MODEL_JOB_TYPES).map((t) => t.toUpperCase()));
  const names = mapping?.names ?? {};
  const matches = (patterns: RegExp[], job: { namespace: string; name: string }) => patterns.some((p) => p.test(job.name) || p.test(`${job.namespace}/${job.name}`));
  return {
    isModel(job) {
      if (matches(services, job)) return false;
      return matches(models, job) || (job.jobType !== undefined && jobTypes.has(job.jobType.toUpperCase()));
    },
    nameFor(entity) {
      const entry = [`${entity.namespace}/${entity.name}`, entity.name].find((key) => Object.hasOwn(names, key));
      if (entry === undefined) return undefined;
      const position = origin?.names && Object.hasOwn(origin.names, entry) ? origin.names[entry] : undefined;
      return { name: names[entry]!, entry, location: origin && { file: origin.file, line: position?.line, column: position?.column } };
    },
  };
}
