import type { PathStep } from "../types.js";

/**
 * A witness walk as one line: `bike-recommender → top10 → storefront → purchases → ...`.
 * An output right after its own model is shown by its short name, as people say it.
 */
export function formatWalk(path: readonly PathStep[], arrow = " → "): string {
  if (path.length === 0) return "";
  const names = [path[0]!.from, ...path.map((step) => step.to)];
  return names
    .map((name, i) => {
      const slash = name.indexOf("/");
      return slash !== -1 && i > 0 && names[i - 1] === name.slice(0, slash) ? name.slice(slash + 1) : name;
    })
    .join(arrow);
}
