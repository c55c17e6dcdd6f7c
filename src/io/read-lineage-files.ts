import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Notice, SourceFile } from "../../analyzer/types.js";
import { readSources } from "./read-sources.js";
import { UsageError } from "../exit-codes.js";

const LINEAGE_FILE = /\.(json|ndjson|jsonl)$/i;

/**
 * OpenLineage files under the given paths: `.json`, `.ndjson` and `.jsonl` in folders
 * (recursively, sorted), files as given. Reading goes through `readSources`, so limits,
 * encodings and unreadable files are handled the way `lint` handles them.
 */
export function readLineageFiles(paths: string[], cwd: string): { sources: SourceFile[]; notices: Notice[] } {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const name of readdirSync(directory).sort()) {
      if (name === "node_modules" || name === ".git") continue;
      const full = join(directory, name);
      let stats;
      try {
        stats = statSync(full);
      } catch {
        continue;
      }
      if (stats.isDirectory()) walk(full);
      else if (LINEAGE_FILE.test(name)) files.push(full);
    }
  };
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      throw new UsageError(`${given}: no such file or folder`);
    }
    if (stats.isDirectory()) walk(absolute);
    else files.push(absolute);
  }
  if (files.length === 0) return { sources: [], notices: [] };
  return readSources(files, cwd);
}
