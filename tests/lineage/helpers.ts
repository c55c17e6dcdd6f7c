import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceFile } from "../../analyzer/types.js";

export const EXTERNAL = fileURLToPath(new URL("../../../shared/external/", import.meta.url));
export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

/** Every file under `dir` (recursively, sorted) as SourceFiles with paths relative to `base`. */
export function sourcesUnder(dir: string, base = dir): SourceFile[] {
  const out: SourceFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourcesUnder(full, base));
    else out.push({ path: relative(base, full).split("\\").join("/"), text: readFileSync(full, "utf8") });
  }
  return out;
}

export function fixture(name: string): SourceFile {
  return { path: name, text: readFileSync(join(FIXTURES, name), "utf8") };
}
