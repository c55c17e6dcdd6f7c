import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import { writeOutput } from "../../src/io/write-output.js";
import { writeChunksAtomic } from "../../src/io/atomic-write.js";
import { UsageError } from "../../src/exit-codes.js";
import { BIN, ROOT } from "../helpers/run-cli.js";

/**
 * Files Loopscope replaces (`lint -o`, `baseline -o`, an import's manifests) are written to a
 * temporary file and renamed over the old one: an error or Ctrl-C half way leaves the old file
 * whole, never a cut one under its name (a cut report read as whole, a lost baseline's reasons).
 */
const dir = mkdtempSync(join(tmpdir(), "loopscope-atomic-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const strays = (prefix: string) => readdirSync(dir).filter((name) => name.startsWith(`.${prefix}`));

describe("replacing an output file", () => {
  it("keeps the old report when the new one fails half way, and leaves no temporary file", () => {
    writeFileSync(join(dir, "report.json"), "the old report\n");
    function* failing() {
      yield "{\"findings\": [";
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    }
    expect(() => writeOutput(dir, "report.json", failing())).toThrow(new UsageError("cannot write report.json: no space left on the device (ENOSPC)"));
    expect(readFileSync(join(dir, "report.json"), "utf8")).toBe("the old report\n");
    expect(strays("report.json")).toEqual([]);
    writeOutput(dir, "report.json", ["new ", new TextEncoder().encode("report")]);
    expect(readFileSync(join(dir, "report.json"), "utf8")).toBe("new report");
  });

  it("keeps the old file's permissions, and writes a device such as /dev/null in place", () => {
    const file = join(dir, "private.json");
    writeFileSync(file, "old", { mode: 0o600 });
    writeOutput(dir, "private.json", ["new"]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeOutput(dir, "/dev/null", ["nothing"]);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("writes in place where no temporary file can be made or renamed: a folder it may not write in, a bind-mounted file", () => {
    const file = join(dir, "mounted.json");
    writeFileSync(file, "old");
    const fail = (code: string) => () => {
      throw Object.assign(new Error(`${code}: refused`), { code });
    };
    // Docker's `-v $PWD/report.json:/w/report.json`: the file cannot be renamed over (EBUSY).
    writeChunksAtomic(file, ["by ", "copy"], { fs: { ...fs, renameSync: fail("EBUSY") } });
    expect(readFileSync(file, "utf8")).toBe("by copy");
    // A folder without write permission (root ignores it, so the refusal is simulated).
    const openSync = ((path: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode) => (flags === "wx" ? fail("EACCES")() : fs.openSync(path, flags, mode))) as typeof fs.openSync;
    writeChunksAtomic(file, ["in place"], { fs: { ...fs, openSync } });
    expect(readFileSync(file, "utf8")).toBe("in place");
    expect(strays("mounted.json")).toEqual([]);
    // A new file in such a folder cannot be made at all: the message says where the problem is.
    expect(() => writeChunksAtomic(join(dir, "new.json"), ["x"], { fs: { ...fs, openSync }, shown: "new.json" })).toThrow("cannot write new.json: its folder cannot be written (EACCES)");
  });

  it("a durable write syncs the file before the rename and the folder after it", () => {
    const calls: string[] = [];
    const folders = new Set<number>();
    const spy: typeof fs = {
      ...fs,
      openSync: ((path: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode) => {
        const fd = fs.openSync(path, flags, mode);
        // Descriptor numbers are reused: each open says what this one is now.
        if (String(path) === dir) folders.add(fd);
        else folders.delete(fd);
        return fd;
      }) as typeof fs.openSync,
      fsyncSync: (fd: number) => {
        calls.push(folders.has(fd) ? "fsync folder" : "fsync file");
        fs.fsyncSync(fd);
      },
      renameSync: (from: fs.PathLike, to: fs.PathLike) => {
        calls.push("rename");
        fs.renameSync(from, to);
      },
    };
    writeChunksAtomic(join(dir, "baseline.json"), ["{}"], { fs: spy, durable: true });
    expect(calls).toEqual(["fsync file", "rename", "fsync folder"]);
    calls.length = 0;
    // A folder that cannot be synced (some file systems refuse): the write still succeeds.
    writeChunksAtomic(join(dir, "baseline.json"), ["{ }"], { fs: { ...spy, fsyncSync: (fd: number) => (folders.has(fd) ? (() => { throw Object.assign(new Error("EINVAL"), { code: "EINVAL" }); })() : undefined) }, durable: true });
    expect(readFileSync(join(dir, "baseline.json"), "utf8")).toBe("{ }");
  });

  it("gives a new file the mode the shell's > would (0666 less the umask)", () => {
    writeOutput(dir, "fresh.json", ["{}"]);
    expect(statSync(join(dir, "fresh.json")).mode & 0o777).toBe(0o666 & ~process.umask());
  });

  it("writes -o /dev/stdout into the pipe it is", () => {
    const run = spawnSync("/bin/sh", ["-c", `"${process.execPath}" "${BIN}" lint "${join(ROOT, "samples/clean")}" -f json -o /dev/stdout | head -c 9`], { encoding: "utf8" });
    expect(run.stdout).toBe('{"tool":{');
  });

  // bash's `ulimit -f` (512-byte blocks) makes writes past the size fail with EFBIG, as a full disk would.
  it.skipIf(!statSync("/bin/bash", { throwIfNoEntry: false }))("keeps the old baseline, with its reasons, when the new one cannot be written whole", () => {
    const baseline = join(dir, "baseline.json");
    const run = (limitBlocks: number) =>
      spawnSync("/bin/bash", ["-c", `ulimit -f ${limitBlocks}; exec "${process.execPath}" "${BIN}" baseline "${join(ROOT, "samples/ride-hailing")}" -o "${baseline}"`], { encoding: "utf8", env: { ...process.env, LOOPSCOPE_TODAY: "2026-11-28" } });
    expect(run(4096).status).toBe(0);
    const before = readFileSync(baseline, "utf8");
    expect(before.length).toBeGreaterThan(2048);
    const cut = run(2);
    expect(cut.status).toBe(2);
    expect(cut.stderr).toContain("cannot write");
    expect(readFileSync(baseline, "utf8")).toBe(before);
    expect(strays("baseline.json")).toEqual([]);
  });
});
