import type { LoopGraph } from "../graph/attributes.js";
import { buildGraphIndex, type GraphIndex } from "./graph-index.js";
import { findComponentLoops, type ComponentLoop } from "./loops.js";
import { findDirectLoops, type DirectLoop } from "./direct-loops.js";
import { stronglyConnectedComponents, type Components } from "./sccs.js";
import { SearchScratch } from "./shortest-path.js";

/** Everything rules share, computed once per analysis (no rule re-runs an SCC). */
export interface Facts {
  index: GraphIndex;
  components: Components;
  componentLoops: ComponentLoop[];
  directLoops: DirectLoop[];
  /** Models in any feedback loop (hidden or direct), for the operations rules. */
  modelsInFeedbackLoops: Set<string>;
  scratch: SearchScratch;
}

export function deriveFacts(graph: LoopGraph): Facts {
  const index = buildGraphIndex(graph);
  const components = stronglyConnectedComponents(index);
  const scratch = new SearchScratch(index.ids.length);
  const componentLoops = findComponentLoops(index, components, scratch);
  const directLoops = findDirectLoops(index, components);
  const modelsInFeedbackLoops = new Set<string>();
  for (const loop of componentLoops) if (loop.hasInfluence) for (const m of loop.models) modelsInFeedbackLoops.add(m);
  for (const loop of directLoops) modelsInFeedbackLoops.add(loop.model);
  return { index, components, componentLoops, directLoops, modelsInFeedbackLoops, scratch };
}
