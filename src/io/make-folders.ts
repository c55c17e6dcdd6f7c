import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * `mkdir -p`, one folder at a time. Node 20's `mkdirSync(path, { recursive: true })` loops for
 * ever when mkdir answers ENOENT inside a folder that exists (`/proc`, some FUSE and network
 * mounts): `loopscope import ... --out /proc/x` spun at full CPU until killed. Errors keep
 * Node's codes (ENOENT, EACCES, ENOTDIR, EEXIST for a file where a folder should be).
 */
export function makeFolders(folder: string): void {
  const missing: string[] = [];
  for (let at = resolve(folder); ; ) {
    try {
      if (statSync(at).isDirectory()) break;
      throw Object.assign(new Error(`${at} is a file, not a folder`), { code: "EEXIST" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    try {
      mkdirSync(missing[i]!);
    } catch (error) {
      // Made meanwhile by another process: fine if it is a folder.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || !statSync(missing[i]!).isDirectory()) throw error;
    }
  }
}
