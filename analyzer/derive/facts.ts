import type { LoopGraph } from "../graph/attributes.js";
import type { GraphIndex } from "../graph/graph-index.js";
import { findComponentLoops, type ComponentLoop } from "./loops.js";
import { findDirectLoops, type DirectLoop } from "./direct-loops.js";
import { stronglyConnectedComponents, type Components } from "./sccs.js";
import { SearchScratch } from "./shortest-path.js";
import { findModelLinks, type ModelLink } from "./model-links.js";
import { findModelChains, type ModelChains } from "./chains.js";
import { findSharedOutcomes, type SharedOutcomes } from "./shared-outcomes.js";
import { findInputSets, type InputSet } from "./input-sets.js";

/** Everything rules share, computed once per analysis (no rule re-runs an SCC). */
export interface Facts {
  index: GraphIndex;
  components: Components;
  componentLoops: ComponentLoop[];
  directLoops: DirectLoop[];
  /** Models in any feedback loop (hidden or direct), for the operations rules. */
  modelsInFeedbackLoops: Set<string>;
  scratch: SearchScratch;
  /** Model-to-model reads through outputs (computed on first use, like the facts below). */
  readonly modelLinks: ModelLink[];
  /** Longest model chains, one per end of the model-to-model graph. */
  readonly modelChains: ModelChains;
  /** Pairs of models that share an influenced dataset one of them trains on. */
  readonly sharedOutcomes: SharedOutcomes;
  /** Each model's own inputs. */
  readonly inputSets: InputSet[];
}

export function deriveFacts(graph: LoopGraph): Facts {
  const index = graph.index;
  const components = stronglyConnectedComponents(index);
  const scratch = new SearchScratch(index.ids.length);
  const componentLoops = findComponentLoops(index, components, scratch);
  const directLoops = findDirectLoops(index, components);
  const modelsInFeedbackLoops = new Set<string>();
  for (const loop of componentLoops) if (loop.hasInfluence) for (const m of loop.models) modelsInFeedbackLoops.add(m);
  for (const loop of directLoops) modelsInFeedbackLoops.add(loop.model);
  // The facts below serve one rule each; a rule switched off in the config never pays for them.
  let modelLinks: ModelLink[] | undefined;
  let modelChains: ModelChains | undefined;
  let sharedOutcomes: SharedOutcomes | undefined;
  let inputSets: InputSet[] | undefined;
  return {
    index,
    components,
    componentLoops,
    directLoops,
    modelsInFeedbackLoops,
    scratch,
    get modelLinks() {
      return (modelLinks ??= findModelLinks(index));
    },
    get modelChains() {
      return (modelChains ??= findModelChains(index, this.modelLinks));
    },
    get sharedOutcomes() {
      return (sharedOutcomes ??= findSharedOutcomes(index));
    },
    get inputSets() {
      return (inputSets ??= findInputSets(index));
    },
  };
}
