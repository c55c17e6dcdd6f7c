import { fstatSync } from "node:fs";
import { writeText } from "./write-text.js";

/**
 * Writes to standard output. Redirected to a file (`> report.json`) or to /dev/null, the
 * text goes straight to the descriptor: Node's stream for a file converts and copies each
 * write, which took over a second for the 180 MB JSON report of a 50,000-model estate.
 * Terminals and pipes keep Node's stream (it handles a slow reader and EAGAIN).
 */
export function standardOutput(): (text: string | Uint8Array) => void {
  let direct = false;
  try {
    const stats = fstatSync(1);
    direct = stats.isFile() || (stats.isCharacterDevice() && !process.stdout.isTTY);
  } catch {
    direct = false;
  }
  if (!direct) return (text) => void process.stdout.write(text);
  return (text) => writeText(1, text);
}
