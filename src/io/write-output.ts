import { resolve } from "node:path";
import { writeChunksAtomic } from "./atomic-write.js";

/**
 * Writes a report to `--output FILE` (relative to cwd), piece by piece (a large JSON report
 * comes in chunks, never as one string), into a temporary file renamed over FILE at the end:
 * an error or Ctrl-C half way leaves the previous report whole, never a cut one under its
 * name. An unwritable path is a usage error.
 */
export function writeOutput(cwd: string, file: string, chunks: Iterable<string | Uint8Array>): void {
  writeChunksAtomic(resolve(cwd, file), chunks, { shown: file });
}
