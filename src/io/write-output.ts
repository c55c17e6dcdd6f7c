import { closeSync, openSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "../exit-codes.js";
import { writeText } from "./write-text.js";

/**
 * Writes a report to `--output FILE` (relative to cwd), piece by piece (a large JSON report
 * comes in chunks, never as one string); an unwritable path is a usage error.
 */
export function writeOutput(cwd: string, file: string, chunks: Iterable<string | Uint8Array>): void {
  let fd: number | undefined;
  try {
    fd = openSync(resolve(cwd, file), "w");
    for (const chunk of chunks) writeText(fd, chunk);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
