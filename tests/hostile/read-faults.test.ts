import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/**
 * Faults a test cannot set up with permissions alone (the tests may run as root, which
 * reads any file): `node:fs` is wrapped so that chosen files refuse to open, and a file
 * is deleted between the folder walk and its read, so the read really fails with ENOENT.
 */
const faults = vi.hoisted(() => ({ unreadable: new Set<string>(), vanishing: new Set<string>(), unlistable: new Set<string>() }));

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const error = (code: string) => Object.assign(new Error(code), { code });
  return {
    ...fs,
    openSync: (path: string, ...rest: unknown[]) => {
      if (faults.unreadable.has(path)) throw error("EACCES");
      if (faults.vanishing.has(path)) fs.rmSync(path);
      return (fs.openSync as (...a: unknown[]) => number)(path, ...rest);
    },
    readdirSync: (path: string, ...rest: unknown[]) => {
      if (faults.unlistable.has(path)) throw error("EACCES");
      return (fs.readdirSync as (...a: unknown[]) => unknown)(path, ...rest);
    },
  };
});

const { readSources } = await import("../../src/io/read-sources.js");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "loopscope-faults-"));
  writeFileSync(join(dir, "good.yaml"), "apiVersion: loopscope/v1\nkind: Dataset\nname: good\n");
});
afterEach(() => {
  faults.unreadable.clear();
  faults.vanishing.clear();
  faults.unlistable.clear();
  rmSync(dir, { recursive: true, force: true });
});

describe("readSources when the file system fails", () => {
  it("reports an unreadable file and an unreadable folder, and reads the rest", () => {
    writeFileSync(join(dir, "secret.yaml"), "apiVersion: loopscope/v1\n");
    mkdirSync(join(dir, "locked"));
    writeFileSync(join(dir, "locked", "inside.yaml"), "apiVersion: loopscope/v1\n");
    faults.unreadable.add(join(dir, "secret.yaml"));
    faults.unlistable.add(join(dir, "locked"));
    const result = readSources(["."], dir);
    expect(result.sources.map((s) => s.path)).toEqual(["good.yaml"]);
    expect(result.notices).toEqual([
      { file: "locked", message: "cannot read this folder (EACCES); skipped" },
      { file: "secret.yaml", message: "permission denied (EACCES); skipped" },
    ]);
  });

  it("reports a file that vanishes between the folder walk and its read", () => {
    writeFileSync(join(dir, "gone.yaml"), "apiVersion: loopscope/v1\n");
    faults.vanishing.add(join(dir, "gone.yaml"));
    const result = readSources(["."], dir);
    expect(result.sources.map((s) => s.path)).toEqual(["good.yaml"]);
    expect(result.notices).toEqual([{ file: "gone.yaml", message: "the file disappeared while Loopscope was running; skipped" }]);
  });
});
