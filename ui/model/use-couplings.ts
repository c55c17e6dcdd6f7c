import { useEffect, useState } from "react";
import { nextTask } from "../load/stream-files.js";
import type { AnalysisResult } from "../worker/protocol.js";
import type { EstateIndex } from "./estate-index.js";
import { interactionSteps, type Coupling } from "./interactions.js";

/** How long one slice of the computation may hold the page, in ms. */
const SLICE_MS = 12;

const cache = new WeakMap<AnalysisResult, Map<string, Coupling>>();

/**
 * The matrix's couplings for `result`, worked out when first `needed`, a slice per task so
 * that key presses and clicks go first (a second of work on a 10,000-model estate). Undefined
 * until they are ready; kept per result, so a second look is immediate.
 */
export function useCouplings(result: AnalysisResult | null, index: EstateIndex | null, needed: boolean): Map<string, Coupling> | undefined {
  const [done, setDone] = useState<{ result: AnalysisResult; couplings: Map<string, Coupling> } | null>(null);
  const cached = result ? cache.get(result) : undefined;
  useEffect(() => {
    if (!result || !index || !needed || cache.has(result)) return;
    const steps = interactionSteps(result.graph, index, result.report.findings);
    let live = true;
    const slice = () => {
      if (!live) return;
      const deadline = performance.now() + SLICE_MS;
      while (performance.now() < deadline) {
        const step = steps.next();
        if (step.done) {
          cache.set(result, step.value);
          setDone({ result, couplings: step.value });
          return;
        }
      }
      nextTask(slice);
    };
    slice();
    return () => {
      live = false;
    };
  }, [result, index, needed]);
  return cached ?? (done && done.result === result ? done.couplings : undefined);
}
