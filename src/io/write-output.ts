import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "../exit-codes.js";

/** Writes a report to `--output FILE` (relative to cwd); an unwritable path is a usage error. */
export function writeOutput(cwd: string, file: string, text: string): void {
  try {
    writeFileSync(resolve(cwd, file), text);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
