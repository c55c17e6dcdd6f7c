import { fstatSync, readlinkSync } from "node:fs";

/**
 * The file standard output is redirected to (`loopscope lint . -f json > report.json`), so
 * that the walk leaves it out: the shell has already emptied it, and the run read it as a
 * broken manifest. Known where the system names an open file (Linux's /proc); undefined
 * elsewhere, and when stdout is a terminal, a pipe or a device.
 */
export function stdoutFile(): string | undefined {
  try {
    if (!fstatSync(1).isFile()) return undefined;
    const target = readlinkSync("/proc/self/fd/1");
    return target.startsWith("/") ? target : undefined;
  } catch {
    return undefined;
  }
}
