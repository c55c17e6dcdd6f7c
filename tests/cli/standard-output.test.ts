import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { writeText } from "../../src/io/write-text.js";
import { runCli } from "../helpers/run-cli.js";

const BIN = fileURLToPath(new URL("../../bin/loopscope.js", import.meta.url));

describe("standard output redirected to a file", () => {
  it("holds exactly what a pipe receives (written straight to the descriptor)", () => {
    const piped = runCli(["lint", "samples", "--format", "json", "--fail-on", "never"]);
    expect(piped.code).toBe(0);
    const file = join(mkdtempSync(join(tmpdir(), "loopscope-stdout-")), "report.json");
    const fd = openSync(file, "w");
    const run = spawnSync(process.execPath, [BIN, "lint", "samples", "--format", "json", "--fail-on", "never"], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      env: { ...process.env, LOOPSCOPE_TODAY: "2026-11-28" },
      stdio: ["ignore", fd, "pipe"],
    });
    closeSync(fd);
    expect(run.status).toBe(0);
    const written = readFileSync(file, "utf8");
    expect(written.length).toBeGreaterThan(1000);
    expect(written).toBe(piped.stdout);
  });

  it.skipIf(!existsSync("/dev/full"))("on a full disk: one line and exit 2, not an internal error with a stack trace", () => {
    for (const args of [["lint", "samples/bike-shop"], ["lint", "samples/bike-shop", "-f", "sarif"], ["graph", "samples/bike-shop"]]) {
      const fd = openSync("/dev/full", "w");
      const run = spawnSync(process.execPath, [BIN, ...args], { cwd: fileURLToPath(new URL("../..", import.meta.url)), stdio: ["ignore", fd, "pipe"], encoding: "utf8" });
      closeSync(fd);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr).toBe(`loopscope ${args[0]}: cannot write the output: no space left on the device (ENOSPC)\n`);
    }
    // Standard error on a full disk: a usage error still ends with 2, not 1 ("findings").
    const fd = openSync("/dev/full", "w");
    const usage = spawnSync(process.execPath, [BIN, "lint", "samples/bike-shop", "--fail-on", "bogus"], { cwd: fileURLToPath(new URL("../..", import.meta.url)), stdio: ["ignore", "pipe", fd] });
    closeSync(fd);
    expect(usage.status).toBe(2);
  });
});

describe("standard output closed early by its reader", () => {
  it("ends quietly, without a stack trace, when the pipe closes before the report is written (`lint | head`)", async () => {
    const child = spawn(process.execPath, [BIN, "lint", "samples", "--format", "sarif", "--fail-on", "never"], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      env: { ...process.env, LOOPSCOPE_TODAY: "2026-11-28" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Close the pipe before the report comes, as `head` does once it has its lines.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  }, 30_000);
});

describe("text written to a descriptor", () => {
  it("keeps every character whole across the 1 MiB encoding buffer, multi-byte ones included", () => {
    // "→" is 3 bytes and "🚲" 4 (a surrogate pair): placed so that both straddle the buffer's end.
    const text = `${"a".repeat((1 << 20) - 1)}→${"b".repeat((1 << 20) - 2)}🚲 and after ${"é".repeat(1000)}\n`;
    const file = join(mkdtempSync(join(tmpdir(), "loopscope-write-")), "out.txt");
    const fd = openSync(file, "w");
    writeText(fd, text);
    writeText(fd, "");
    writeText(fd, "end");
    closeSync(fd);
    expect(readFileSync(file, "utf8")).toBe(`${text}end`);
  });
});
