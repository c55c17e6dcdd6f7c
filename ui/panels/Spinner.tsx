import { useEffect, useRef } from "react";
import { prefersReducedMotion } from "../motion.js";

/** Steps a second; each step is one frame the browser draws. */
const STEPS_PER_SECOND = 8;

/**
 * A busy ring turned by a timer, a few steps a second. A CSS animation makes the browser draw
 * every frame while it runs: with no GPU (software WebGL, as in headless Chromium here) that
 * was 8-10% of a core for the whole analysis, taken from the analysis itself on a two-core
 * machine (bench/RESULTS.md, ninth session). Still when the user asks for reduced motion.
 */
export function Spinner() {
  const ring = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (prefersReducedMotion()) return;
    let step = 0;
    const timer = setInterval(() => {
      step = (step + 1) % 8;
      if (ring.current) ring.current.style.transform = `rotate(${step * 45}deg)`;
    }, 1000 / STEPS_PER_SECOND);
    return () => clearInterval(timer);
  }, []);
  return <span ref={ring} className="spinner" aria-hidden="true" />;
}
