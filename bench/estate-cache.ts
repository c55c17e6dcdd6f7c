import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateEstate, writeEstate, type EstateOptions } from "./generate.js";

/**
 * Writes a generated estate under bench/out/ once and reuses it while the options (and
 * the generator's source) are unchanged, so repeated runs time the same bytes.
 */
export function estateFolder(root: string, name: string, options: EstateOptions): string {
  const folder = join(root, "bench", "out", name);
  const generator = readFileSync(join(root, "bench", "generate.ts"), "utf8") + readFileSync(join(root, "bench", "emit.ts"), "utf8");
  const stamp = JSON.stringify({ options, generator: hash(generator) });
  const stampFile = join(folder, ".stamp");
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return folder;
  writeEstate(generateEstate(options), folder);
  writeFileSync(stampFile, stamp);
  return folder;
}

function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16);
}
