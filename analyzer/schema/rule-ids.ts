/**
 * Every rule id of RULES.md, v1, with its default severity and section. Ids are fixed:
 * configs and baselines key on them. The config validator and `loopscope init` use this list
 * so that they work even before a rule's implementation lands in the catalogue
 * (analyzer/rules/index.ts); where the catalogue has the rule, its own metadata wins.
 */
export interface DocumentedRule {
  id: string;
  defaultSeverity: "error" | "warning" | "info";
  section: string;
  /** What it finds, as RULES.md words it (for editor hover text). */
  finds: string;
}

export const DOCUMENTED_RULES: readonly DocumentedRule[] = [
  { id: "hidden-feedback-loop", defaultSeverity: "error", section: "Loops", finds: "an SCC with two or more models and at least one `influences` edge; involved: all models of the SCC; runtime coupling only: warning" },
  { id: "circular-model-dependency", defaultSeverity: "error", section: "Loops", finds: "an SCC with two or more models and no `influences` edge" },
  { id: "direct-feedback-loop", defaultSeverity: "warning", section: "Loops", finds: "a model whose outputs reach its own inputs without passing another model, through at least one `influences` edge; runtime coupling only: info" },
  { id: "invalid-manifest", defaultSeverity: "error", section: "Manifests and references", finds: "a document that breaks the schema: file, line, column and the field path; the document is left out, the rest is analysed" },
  { id: "duplicate-name", defaultSeverity: "error", section: "Manifests and references", finds: "two documents with one `name` (both locations)" },
  { id: "unknown-reference", defaultSeverity: "error", section: "Manifests and references", finds: "`x/y` naming a model or output that does not exist; the message suggests the closest existing name" },
  { id: "undeclared-dataset", defaultSeverity: "info", section: "Manifests and references", finds: "a bare name that no document declares, taken as an implicit Dataset" },
  { id: "undeclared-service", defaultSeverity: "info", section: "Manifests and references", finds: "a consumer name that no document declares, taken as an implicit Service" },
  { id: "undeclared-consumer", defaultSeverity: "warning", section: "Boundary erosion", finds: "a model or service that reads or consumes an output whose `consumers` does not name it; involved: producer and consumer models" },
  { id: "phantom-consumer", defaultSeverity: "warning", section: "Boundary erosion", finds: "an output that names a declared Model or Service as consumer, where that consumer's own manifest does not read or consume it" },
  { id: "correction-cascade", defaultSeverity: "warning", section: "Boundary erosion", finds: "model B reads model A's output and both declare the same `target`: B patches A" },
  { id: "deep-model-chain", defaultSeverity: "info", section: "Boundary erosion", finds: "a chain of `maxDepth` (default 4) or more models, each reading the previous one's output; one finding per longest chain" },
  { id: "shared-outcome", defaultSeverity: "warning", section: "Entanglement", finds: "two models that both influence one dataset (an `influences` edge from one of their outputs, or from a service that consumes one of their outputs) while at least one of them trains (`use: training` or `both`) on that dataset or on any dataset derived from it through a chain of `derivedFrom`; one finding per pair, naming the dataset(s)" },
  { id: "input-entanglement", defaultSeverity: "info", section: "Entanglement", finds: "two models that share at least `minShared` (default 3) inputs with a Jaccard index of at least `minJaccard` (default 0.5); one finding per pair. A model's inputs are the nodes its own `inputs` list resolves to (a bare model name counts as each of that model's outputs)" },
  { id: "unstable-data-dependency", defaultSeverity: "warning", section: "Data dependencies", finds: "a model that reads an output of a model with another `owner` (both owners set, and different) without a `version` pin; a read declared only by the producer's `consumers` has no pin" },
  { id: "unused-output", defaultSeverity: "info", section: "Data dependencies", finds: "an output that no one consumes or reads" },
  { id: "unmonitored-loop", defaultSeverity: "warning", section: "Operations", finds: "a model in a feedback loop (hidden or direct) without `monitoring.drift: true`" },
  { id: "loop-without-holdout", defaultSeverity: "warning", section: "Operations", finds: "a model that trains (`use: training` or `both`) on data inside a feedback loop it belongs to, whose `deployment` keeps no holdout (`holdout` absent or 0) and whose strategy is not `bandit`" },
  { id: "missing-owner", defaultSeverity: "info", section: "Operations", finds: "a Model without `owner`" },
  { id: "expired-acknowledgement", defaultSeverity: "warning", section: "Acknowledgements", finds: "an `acknowledge` entry past its `expires` date; the finding it covered is reported again" },
  { id: "stale-acknowledgement", defaultSeverity: "info", section: "Acknowledgements", finds: "an `acknowledge` entry that covers no finding" },
];

export const RULE_IDS: readonly string[] = DOCUMENTED_RULES.map((rule) => rule.id);
