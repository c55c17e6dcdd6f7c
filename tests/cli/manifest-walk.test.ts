import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listManifestFiles, ManifestWalk } from "../../src/io/manifest-walk.js";
import { BIN, ROOT } from "../helpers/run-cli.js";

/**
 * The CLI lists the first files of a walk itself and hands the rest to the reader thread
 * (src/io/analyze-paths.ts). Stopped anywhere and resumed from a copy of its state, as a
 * posted message is, the walk must find the same files and report the same notices in the
 * same order as one walk in one go.
 */
function untidyFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "loopscope-walk-"));
  const file = (path: string) => {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), "apiVersion: loopscope/v1\nkind: Dataset\nname: d\n");
  };
  // "a-b" sorts before "a/" as a path but is walked after the folder "a": walk order is not path order.
  for (const path of ["a/1.yaml", "a/2.yml", "a-b/3.json", "a-b/c/4.yaml", "b/5.yaml", "b/notes.txt", "z/6.yaml", "node_modules/x.yaml"]) file(path);
  symlinkSync("missing.yaml", join(dir, "a", "broken.yaml"));
  symlinkSync("..", join(dir, "b", "up")); // a folder loop: the walk sees each real folder once
  symlinkSync("loop-2.yaml", join(dir, "z", "loop-1.yaml"));
  symlinkSync("loop-1.yaml", join(dir, "z", "loop-2.yaml"));
  symlinkSync(join(dir, "a"), join(dir, "z", "a-again"));
  return dir;
}

describe("a walk handed over part way", () => {
  it("finds the same files and notices, in the same order, wherever it stops and resumes", () => {
    const dir = untidyFolder();
    const whole = listManifestFiles([".", "a/1.yaml"], dir);
    expect(whole.files.map((f) => f.path)).toEqual(["a-b/3.json", "a-b/c/4.yaml", "a/1.yaml", "a/2.yml", "b/5.yaml", "z/6.yaml"]);
    expect(whole.notices.map((n) => n.file)).toEqual(["a/broken.yaml", "z/loop-1.yaml", "z/loop-2.yaml"]);
    for (let stop = 0; stop <= whole.files.length + 1; stop++) {
      const walk = ManifestWalk.start([".", "a/1.yaml"], dir);
      const before = walk.next(stop);
      expect(before.length).toBe(Math.min(stop, whole.files.length));
      const rest = ManifestWalk.resume(structuredClone(walk.state()));
      const after = rest.next();
      expect(rest.done).toBe(true);
      expect([...before, ...after].map((f) => f.path).sort()).toEqual(whole.files.map((f) => f.path));
      expect(rest.notices).toEqual(whole.notices);
      // The walk that was copied can go on by itself too (the CLI's fallback when the thread fails).
      expect([...before, ...walk.next()].map((f) => f.path).sort()).toEqual(whole.files.map((f) => f.path));
      expect(walk.notices).toEqual(whole.notices);
    }
  });

  it("says a missing path is a usage error before anything is walked", () => {
    const dir = untidyFolder();
    expect(() => ManifestWalk.start([".", "nowhere"], dir)).toThrow(/nowhere: no such file or folder \(ENOENT\)/);
  });
});

describe("which files a walk lists", () => {
  it("lists a file reached through a symlink once, as it does a folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-walk-links-"));
    mkdirSync(join(dir, "real"));
    writeFileSync(join(dir, "real", "estate.yaml"), "apiVersion: loopscope/v1\nkind: Dataset\nname: d\n");
    symlinkSync("real", join(dir, "link"));
    symlinkSync("estate.yaml", join(dir, "real", "alias.yaml"));
    // Before, the file named through the folder link and the file link were read again, and every
    // name in them was "declared 2 times".
    expect(listManifestFiles(["real", "link/estate.yaml"], dir).files.map((f) => f.path)).toEqual(["link/estate.yaml"]);
    expect(listManifestFiles(["real"], dir).files.map((f) => f.path)).toEqual(["real/alias.yaml"]);
  });

  it("leaves out the run's own files (its report, its stdout's file, its baseline) without a notice", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-walk-own-"));
    writeFileSync(join(dir, "estate.yaml"), "apiVersion: loopscope/v1\nkind: Dataset\nname: d\n");
    for (const name of ["report.json", "out.json", "base.json"]) writeFileSync(join(dir, name), "{}");
    const listed = listManifestFiles(["."], dir, ["report.json", join(dir, "out.json"), "missing.json"]);
    expect(listed.files.map((f) => f.path)).toEqual(["base.json", "estate.yaml"]);
    expect(listed.notices).toEqual([]);
  });
});

describe.runIf(existsSync("/proc/self/fd"))("a report written into the linted folder", () => {
  it("is not read back as a manifest by the next run, whether written with -o or by the shell", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-walk-report-"));
    cpSync(join(ROOT, "samples/clean"), dir, { recursive: true });
    const lint = (redirect: string) => spawnSync("/bin/sh", ["-c", `"${process.execPath}" "${BIN}" lint . -f json --fail-on never ${redirect}`], { cwd: dir, encoding: "utf8" });
    expect(lint("-o report.json").status).toBe(0);
    expect(lint("> shell.json").status).toBe(0);
    // Each report would name the other, left by the run before, so the other is deleted first.
    for (const [name, other] of [["report.json", "shell.json"], ["shell.json", "report.json"]] as const) {
      spawnSync("rm", ["-f", join(dir, other)]);
      expect(lint(name === "report.json" ? "-o report.json" : "> shell.json").status).toBe(0);
      expect((JSON.parse(readFileSync(join(dir, name), "utf8")) as { notices: unknown[] }).notices).toEqual([]);
    }
  });
});
