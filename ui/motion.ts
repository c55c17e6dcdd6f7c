/**
 * The user's "reduce motion" setting (prefers-reduced-motion). Read on each use rather than
 * once: the setting can change while the page is open.
 */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** How long a camera move or similar glide takes: none for users who asked for less motion. */
export function glideMillis(millis: number): number {
  return prefersReducedMotion() ? 0 : millis;
}
