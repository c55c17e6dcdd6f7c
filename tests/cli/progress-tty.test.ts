import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { generateEstate } from "../../bench/generate.js";

const BIN = fileURLToPath(new URL("../../bin/loopscope.js", import.meta.url));
const hasScript = spawnSync("script", ["--version"]).status === 0;

/** Runs the CLI on a real pseudo-terminal (util-linux `script`), so stderr is a TTY; returns what the terminal showed. */
function onTerminal(args: string[]): string {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(" ");
  const env: Record<string, string | undefined> = { ...process.env, LOOPSCOPE_PROGRESS_DELAY: "0", LOOPSCOPE_TODAY: "2026-11-28", NO_COLOR: "1" };
  delete env["CI"];
  delete env["LOOPSCOPE_NO_PROGRESS"];
  const run = spawnSync("script", ["-qec", command, "/dev/null"], { env, encoding: "utf8", timeout: 60_000, maxBuffer: 1 << 26 });
  return run.stdout;
}

describe.runIf(hasScript)("progress on a terminal", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "loopscope-progress-"));
    for (const source of generateEstate({ models: 600, seed: 3 })) {
      const path = join(dir, source.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, source.text);
    }
  });

  it("draws a progress line on stderr and clears it before the text report", () => {
    const screen = onTerminal(["lint", dir, "--fail-on", "never"]);
    // 1,100 files: the reader thread walks the folders as it reads, so the total is not known
    // yet and the count shows alone.
    const first = screen.indexOf("\r\x1b[Kloopscope: reading manifests 500…");
    expect(first).toBeGreaterThanOrEqual(0);
    const report = screen.indexOf("hidden-feedback-loop");
    expect(report).toBeGreaterThan(first);
    // The last progress output before the report is the clearing sequence.
    const before = screen.slice(0, report);
    expect(before.lastIndexOf("\r\x1b[K")).toBeGreaterThan(before.lastIndexOf("loopscope: "));
  });

  it("says the report is written, then shows the database being recorded until it is", () => {
    const out = mkdtempSync(join(tmpdir(), "loopscope-progress-db-"));
    const screen = onTerminal(["lint", dir, "--fail-on", "never", "-o", join(out, "r.json"), "--format", "json", "--db", join(out, "h.sqlite")]);
    const wrote = screen.indexOf("loopscope lint: wrote ");
    const recording = screen.indexOf("\r\x1b[Kloopscope: recording the run in ");
    const recorded = screen.indexOf("loopscope lint: recorded run 1 in ");
    expect(wrote).toBeGreaterThanOrEqual(0);
    expect(recording).toBeGreaterThan(wrote);
    expect(recorded).toBeGreaterThan(recording);
    expect(screen.slice(recording, recorded)).toMatch(/\r\x1b\[K$/);
    rmSync(out, { recursive: true, force: true });
  });

  it("shows an import's steps on a terminal and clears them before its summary", () => {
    const out = mkdtempSync(join(tmpdir(), "loopscope-progress-import-"));
    const events = fileURLToPath(new URL("../lineage/fixtures/drift.ndjson", import.meta.url));
    const screen = onTerminal(["import", "openlineage", events, "--out", out]);
    const reading = screen.indexOf("\r\x1b[Kloopscope: reading the events…");
    const writing = screen.indexOf("\r\x1b[Kloopscope: writing ");
    const summary = screen.indexOf("imported ");
    expect(reading).toBeGreaterThanOrEqual(0);
    expect(writing).toBeGreaterThan(reading);
    expect(summary).toBeGreaterThan(writing);
    expect(screen.slice(writing, summary)).toMatch(/\r\x1b\[K$/);
    rmSync(out, { recursive: true, force: true });
  });

  it("stays silent with --format json, so the terminal shows only the report", () => {
    const screen = onTerminal(["lint", dir, "--format", "json", "--fail-on", "never"]);
    expect(screen).not.toContain("loopscope: ");
    expect(screen.trimStart().startsWith("{")).toBe(true);
  });
});
