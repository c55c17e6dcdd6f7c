import { relative, resolve, sep } from "node:path";
import type { LoadedConfig } from "./load-config.js";
import { globMatcher } from "./match-glob.js";

/**
 * Applies the config's include/exclude globs. Globs are relative to the config file's folder,
 * source paths relative to `cwd`, so each path is re-expressed from the config folder first.
 * A file outside the config folder never matches `include` (and so is dropped when one is set).
 */
export function filterSources<T extends { path: string }>(sources: T[], loaded: LoadedConfig, cwd: string): { sources: T[]; excluded: number } {
  const keep = sourceFilter(filterSpec(loaded, cwd));
  if (!keep) return { sources, excluded: 0 };
  const kept = sources.filter((source) => keep(source.path));
  return { sources: kept, excluded: sources.length - kept.length };
}

/** The config's globs as plain data, for the reader thread, which applies them to the files it finds. */
export interface FilterSpec {
  include?: string[] | undefined;
  exclude?: string[] | undefined;
  /** The config file's folder, which the globs are relative to. */
  directory: string;
  cwd: string;
}

export function filterSpec(loaded: LoadedConfig, cwd: string): FilterSpec {
  return { include: loaded.config.include, exclude: loaded.config.exclude, directory: loaded.directory, cwd };
}

/** Whether a display path is kept; undefined when every path is. */
export function sourceFilter({ include, exclude, directory, cwd }: FilterSpec): ((path: string) => boolean) | undefined {
  if (!include?.length && !exclude?.length) return undefined;
  const included = include?.length ? globMatcher(include) : undefined;
  const excluded = exclude?.length ? globMatcher(exclude) : undefined;
  return (displayPath) => {
    const path = relative(directory, resolve(cwd, displayPath)).split(sep).join("/");
    if (included && !included(path)) return false;
    return !excluded?.(path);
  };
}
