/**
 * "How Loopscope decides" for each rule page in docs/rules/: the exact reading of RULES.md's
 * trigger, including every interpretation the implementation had to make. Rendered by
 * render-page.ts; keep it in step with the rule's code.
 */
export const RULE_NOTES: Record<string, string> = {
  "hidden-feedback-loop": `
- Loops are found on the strongly connected components (SCCs) of the estate graph (FORMAT.md, "Loops"). A component with two or more models and at least one \`influences\` edge between two of its nodes is one finding naming all its models.
- The finding's \`path\` is a closed walk that visits every model of the component (shortest paths joined end to end) and passes an \`influences\` edge and, when the loop goes through training, a read a model trains on (a walk through serving reads alone would read as runtime coupling).
- When no model of the component reads, for training (\`use: training\` or \`both\`), a node of the component, the loop is runtime coupling only and is reported one severity lower (\`warning\`).`,
  "circular-model-dependency": `
- An SCC with two or more models and no \`influences\` edge inside it: the models feed each other's outputs directly.
- Runtime coupling only (no training read inside the component) is reported one severity lower.`,
  "direct-feedback-loop": `
- From the model's outputs, through nodes that are not models, back to one of its inputs, with at least one \`influences\` edge on the way. One finding per model.
- A model can have this finding and be part of a hidden feedback loop at the same time.
- If none of the model's training reads comes from a node its outputs reach, the loop is runtime coupling and is reported as \`info\`.
- The \`path\` ends in a read the model trains on when one closes the loop, and the finding is located there: the shortest loop back may come through a serving-only read, which is not the loop the model learns from.`,
  "invalid-manifest": `
- Syntax errors (YAML or JSON) and schema violations each become one finding at the offending line and column, with the field path in the message.
- The broken document is left out; every other document is still analysed.`,
  "duplicate-name": `
- Names are unique across Models, Datasets and Services and case-sensitive. The first declaration (by file path, then position in the file) is used; the finding carries every declaration's location.`,
  "unknown-reference": `
- A \`model/output\` reference where the model or the output does not exist, or a name used as the wrong kind (a Dataset in \`consumers\`, a Model in \`influences\`). The message suggests the closest existing name.
- One finding per referring document and reference (its fingerprint). A reference that is wrong in two fields of one document (a Service with \`consumes: [s]\` and \`influences: [s]\` naming itself) is one finding at both fields whose message gives each reason.
- A name nothing declares but an output lists among its \`consumers\` is an implicit Service everywhere, whichever file comes first: in another model's \`influences\` or a Dataset's \`derivedFrom\` it is the wrong kind (\`"x" is used as an (undeclared) Service elsewhere\`), and in \`consumes\` too.
- A model whose own document is invalid is left out of the graph but is not missing: references to it say where it is declared and that the document is invalid (its \`invalid-manifest\` finding says why), with no "did you mean".`,
  "undeclared-dataset": `
- One finding per undeclared name, located at every reference to it. Involved models: the models that reference it.`,
  "undeclared-service": `
- A consumer name (in an output's \`consumers\`) that no document declares becomes an implicit Service. One finding per name.`,
  "undeclared-consumer": `
- For every \`reads\` edge (to a model) and \`consumes\` edge (to a service) whose source is a model **output**, Loopscope checks whether the producer's \`consumers\` list for that output names the consumer. If only the consumer declares the relation (in its \`inputs\` or \`consumes\`), it is a finding.
- A bare model name in \`inputs\` or \`consumes\` reads every output of that model, so each output whose \`consumers\` does not name the reader is its own finding.
- Reads of Datasets are not covered: datasets have no \`consumers\` list.
- One finding per (output, consumer). Involved models: the producer, and the consumer when it is a model. The fingerprint is built from the output id and the consumer name, so runtime lineage evidence about the same read matches it.`,
  "phantom-consumer": `
- For every name in an output's \`consumers\` that is a **declared** Model or Service: if that consumer's own manifest does not read the output (a model's \`inputs\`, by \`model/output\` or by the bare model name) or consume it (a service's \`consumes\`), it is a finding.
- A consumer name that nothing declares is an implicit Service and is reported by \`undeclared-service\` instead; a Dataset named as consumer is an \`unknown-reference\`.
- One finding per (output, consumer). Involved models: the producer, and the consumer when it is a model. The fingerprint is built from the output id and the consumer name.`,
  "correction-cascade": `
- Model B reads an output of model A (declared on either side: B's \`inputs\` or A's \`consumers\`), A and B are different models, and both declare a \`target\` with exactly the same text.
- One finding per (A, B), however many of A's outputs B reads. Two models that read each other with the same target are two findings.
- A bare model name that resolves to a model with no outputs is not a read of an output and does not count.`,
  "deep-model-chain": `
- The model-to-model graph has an edge A → B when B reads an output of A (declared on either side). Services and datasets between two models do not make a chain.
- **One finding per longest chain:** for every *end* of that graph (a model whose outputs no other model reads), the longest chain that ends there, if it has \`maxDepth\` or more models. A branch that is shorter than another path to the same end is not reported separately; two different ends are two findings.
- Cycles of models are condensed first (they are reported by \`circular-model-dependency\`): a cycle on a chain counts as all of its models. This keeps the search linear in the size of the estate. The message shows such a cycle as one step in braces (\`head → {x, y} → tail\`; more than three models are cut to the first three and a count), since listed in a row its models would read as a chain they are not; \`data.chain\` lists them all, in name order within the cycle.
- When two chains to one end are equally long, the one whose earlier model sorts first by name is reported.
- Involved models: every model of the chain; \`data.chain\` lists them in order.`,
  "shared-outcome": `
- A model *influences* a dataset D when one of its outputs has an \`influences\` edge to D, or when a service that consumes one of its outputs (declared on either side) influences D.
- A model *trains on* D when it has a \`reads\` edge with \`use: training\` or \`both\` from D or from any dataset derived from D through a chain of \`derivedFrom\` (downstream lineage). Training on a dataset that D is derived *from* (upstream) does not count.
- Two different models that both influence D, at least one of which trains on D: one finding per pair, naming every such dataset in \`data.datasets\` (and who trains in \`data.trainers\`).
- Pairs are enumerated per dataset, only among models that influence it, never over all pairs of models. If one dataset alone would produce more than 50,000 pairs, it is reported as a single finding naming all its influencing models, with \`data.capped: true\` and the pair count, instead of pair by pair.`,
  "input-entanglement": `
- A model's inputs are the nodes its **own** \`inputs\` list resolves to: a bare model name counts as each of that model's outputs; reads declared only by a producer's \`consumers\` list do not count. References that do not resolve count as nothing.
- Two models are reported when they share at least \`minShared\` inputs and the Jaccard index (shared ÷ all distinct inputs of the two) is at least \`minJaccard\`. One finding per pair, with the shared inputs in \`data.shared\`.
- Pairs are found with a prefix-filtered similarity join, never by comparing all pairs. An input read by more than 500 models is *crowded*: pairs are not enumerated through it (that input alone could make hundreds of thousands of findings), though it still counts in the shared inputs and the Jaccard index of pairs found through rarer inputs. Each crowded input that could have paired models is reported as one finding with \`data.capped: true\` and its number of readers, so nothing is dropped silently.
- A finding names, locates and lists in \`data.shared\` at most 20 of the shared inputs, the first by name; \`data.sharedOmitted\` counts the rest, and the message gives the full count. Models that each read hundreds of the same inputs (a clique of 400 models reading each other's outputs) otherwise made a report that grew with the cube of their number: 3.4 GB, now 307 MB.`,
  "unstable-data-dependency": `
- Model B reads an output of model A (declared on either side), both manifests set \`owner\` and the owners differ (exact text), and the read has no \`version\`. A read declared only in A's \`consumers\` has no pin.
- One finding per read (output, reader). Involved models: the reader and the producer.`,
  "unused-output": `
- An output with no \`reads\` edge (to a model) and no \`consumes\` edge (to a service, declared or implicit). An output's \`influences\` do not count as use.`,
  "unmonitored-loop": `
- Every model that is in a hidden feedback loop (a \`hidden-feedback-loop\` component) or has a direct feedback loop, and whose manifest does not say \`monitoring: { drift: true }\`. Circular model dependencies are not feedback loops.
- Runtime-only loops count too. One finding per model.`,
  "loop-without-holdout": `
- A model in a feedback loop (hidden or direct) that trains on data inside it: a read with \`use: training\` or \`both\` whose source is in the model's own strongly connected component (every feedback loop the model is in lies inside that component).
- It keeps no holdout (\`deployment.holdout\` absent or 0, which includes no \`deployment\` at all) and its \`deployment.strategy\` is not \`bandit\`. One finding per model.`,
  "missing-owner": `
- A Model document without \`owner\`. Datasets and Services may leave it out.`,
  "expired-acknowledgement": `
- An \`acknowledge\` entry whose \`expires\` date is before today (the date the run is given). The finding it covered is reported again, unacknowledged.
- When the same model has another entry for the same rule that has not expired (a renewal written beside the old entry instead of over it), that entry still acknowledges the rule for the model, so the expiry brings nothing back: the message points at the live entry and says the expired one can be removed. The expired entry is still reported, as ESLint reports a disable directive that no longer does anything.
- Several expired entries of one model for one rule are one finding (one fingerprint) at every entry, naming every date.`,
  "stale-acknowledgement": `
- An \`acknowledge\` entry (not expired) whose model is involved in no finding of its rule, including entries with a misspelt rule id (the message suggests the closest id).
- An entry for \`stale-acknowledgement\` or \`expired-acknowledgement\` itself never covers a finding: those findings are about \`acknowledge\` entries and cannot be acknowledged (an entry that hid its own staleness would stop being stale). The message says so; set the rule's severity in the config to quiet it.`,
};
