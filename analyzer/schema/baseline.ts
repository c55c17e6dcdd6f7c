/**
 * The baseline file (`loopscope baseline -o loopscope-baseline.json`): the findings an estate
 * already had when Loopscope was switched on. JSON, not YAML: one canonical serialisation
 * (sorted entries, two-space indent) keeps regenerated baselines diff-stable, and every CI
 * tool can read it. Matching uses `fingerprint` only; rule, models and nodes are for people.
 */
import { z } from "zod";

export const BASELINE_VERSION = 1;

export const BaselineEntrySchema = z.strictObject({
  rule: z.string().min(1),
  /** Involved models, sorted (empty for findings about datasets, services or files). */
  models: z.array(z.string()),
  /** Involved nodes, only written when there are no models to name the finding by. */
  nodes: z.array(z.string()).optional(),
  fingerprint: z.string().min(1),
  /** Why this finding is accepted for now; people fill it in, regeneration keeps it. */
  reason: z.string(),
});

export const BaselineSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(BASELINE_VERSION),
  tool: z.literal("loopscope"),
  entries: z.array(BaselineEntrySchema),
});

export type BaselineEntry = z.infer<typeof BaselineEntrySchema>;
export type Baseline = z.infer<typeof BaselineSchema>;
