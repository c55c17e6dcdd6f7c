import type { Estate, Site } from "../graph/attributes.js";
import type { PathStep } from "../types.js";

/** The declarations of every edge on a walk: the manifest fields that make the loop. */
export function loopSites(estate: Estate, walk: PathStep[]): Site[] {
  const sites: Site[] = [];
  for (const step of walk) {
    const attributes = estate.graph.getEdgeAttributes(step.from, step.to);
    for (const declaration of attributes.declarations) sites.push(declaration);
  }
  return sites;
}

export function formatModels(models: string[]): string {
  if (models.length <= 1) return models.join("");
  if (models.length <= 6) return `${models.slice(0, -1).join(", ")} and ${models[models.length - 1]}`;
  return `${models.slice(0, 5).join(", ")} and ${models.length - 5} more models`;
}
