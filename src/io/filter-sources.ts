import { relative, resolve, sep } from "node:path";
import type { LoadedConfig } from "./load-config.js";
import { matchesAny } from "./match-glob.js";

/**
 * Applies the config's include/exclude globs. Globs are relative to the config file's folder,
 * source paths relative to `cwd`, so each path is re-expressed from the config folder first.
 * A file outside the config folder never matches `include` (and so is dropped when one is set).
 */
export function filterSources<T extends { path: string }>(sources: T[], loaded: LoadedConfig, cwd: string): { sources: T[]; excluded: number } {
  const { include, exclude } = loaded.config;
  if (!include?.length && !exclude?.length) return { sources, excluded: 0 };
  const kept = sources.filter((source) => {
    const path = relative(loaded.directory, resolve(cwd, source.path)).split(sep).join("/");
    if (include?.length && !matchesAny(path, include)) return false;
    return !(exclude?.length && matchesAny(path, exclude));
  });
  return { sources: kept, excluded: sources.length - kept.length };
}
