import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import { ROOT, runCli } from "../helpers/run-cli.js";

/**
 * [I] Usage errors (exit 2) as README promises them: one line on stderr naming the problem,
 * nothing on stdout. The CLI runs in-process; the spawned binary is covered by lint.test.ts.
 */
async function run(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (text) => void (stdout += typeof text === "string" ? text : new TextDecoder().decode(text)),
    stderr: (text) => void (stderr += text),
    cwd,
    isTTY: false,
    stderrIsTTY: false,
    env: { LOOPSCOPE_TODAY: "2026-11-28" },
  });
  return { code, stdout, stderr };
}

describe("a flag whose value starts with '-'", () => {
  it.each([
    [["impact", "demand-forecast", "samples/bike-shop", "--depth", "-1"], "loopscope impact: option --depth needs a value; to pass a value starting with \"-\", write --depth=-1"],
    [["query", "x.sqlite", "SELECT 1", "--timeout", "-1"], "loopscope query: option --timeout needs a value; to pass a value starting with \"-\", write --timeout=-1"],
    [["lint", "samples/clean", "--fail-on", "-1"], "loopscope lint: option --fail-on needs a value; to pass a value starting with \"-\", write --fail-on=-1"],
    // A short flag is named by its long form, the one that takes `=`.
    [["lint", "samples/clean", "-o", "-x"], "loopscope lint: option --output needs a value; to pass a value starting with \"-\", write --output=-x"],
  ])("%j is one line naming the flag and how to pass the value", async (args, line) => {
    expect(await run(args)).toEqual({ code: 2, stdout: "", stderr: `${line}\n` });
  });

  it("a flag with no value at all says so in the same words", async () => {
    expect(await run(["lint", "samples/clean", "--config"])).toEqual({ code: 2, stdout: "", stderr: "loopscope lint: option --config needs a value\n" });
  });
});

describe("paths that hold no manifest", () => {
  const empty = mkdtempSync(join(tmpdir(), "loopscope-empty-"));
  mkdirSync(join(empty, "none"));
  const report = join(empty, "report.json");

  it.each([[[]], [["--format", "json"]], [["--format", "sarif", "--output", report]]])("lint %j prints and writes no report, only the error", async (flags) => {
    expect(await run(["lint", join(empty, "none"), ...flags])).toEqual({ code: 2, stdout: "", stderr: `loopscope lint: no Loopscope manifests found in ${join(empty, "none")}\n` });
    expect(existsSync(report)).toBe(false);
  });

  it("the notices that say why files were skipped come before the error", async () => {
    writeFileSync(join(empty, "k8s.yaml"), "apiVersion: v1\nkind: Pod\n");
    const notice = "notice: k8s.yaml: skipped: not a Loopscope manifest (the first document has no `apiVersion: loopscope/v1`)\n";
    for (const [command, ...args] of [["lint", "."], ["baseline", "."], ["impact", "m", "."]] as const) {
      expect(await run([command, ...args], empty)).toEqual({ code: 2, stdout: "", stderr: `${notice}loopscope ${command}: no Loopscope manifests found in .\n` });
    }
  });
});

describe("an empty flag value (an unset variable)", () => {
  it.each([
    ["lint", "--output"],
    ["lint", "--lineage"],
    ["lint", "--db"],
    ["lint", "--config"],
    ["baseline", "-o"],
  ])("%s %s \"\" is refused like an empty path, before anything is read or written", async (command, flag) => {
    const long = flag === "-o" ? "--output" : flag;
    expect(await run([command, "samples/clean", flag, ""])).toEqual({ code: 2, stdout: "", stderr: `loopscope ${command}: ${long} was given an empty value (an unset variable?)\n` });
  });
});

describe("a command that takes no arguments refuses one", () => {
  it.each(["init", "schema"])("%s extra-arg", async (command) => {
    expect(await run([command, "extra-arg"])).toEqual({ code: 2, stdout: "", stderr: `loopscope ${command}: ${command} takes no arguments (got "extra-arg")\n` });
  });
});

describe("values that Number() or a loose pattern would take", () => {
  it("impact --depth takes digits only", async () => {
    for (const depth of ["0x10", "1e1", " 3", "99999999999999999999", "0"]) {
      const result = await run(["impact", "demand-forecast", "samples/bike-shop", `--depth=${depth}`]);
      expect(result.code, depth).toBe(2);
      expect(result.stderr).toBe(`loopscope impact: --depth must be a whole number from 1 to 999,999 (got "${depth}")\n`);
    }
    expect((await run(["impact", "demand-forecast", "samples/bike-shop", "--depth=2"])).code).toBe(0);
  });

  it("LOOPSCOPE_TODAY that is not a real date is a usage error, not quietly the clock", () => {
    for (const today of ["garbage", "2028-13-45", "2026-11-28 "]) {
      const result = runCli(["lint", "samples/clean"], { env: { LOOPSCOPE_TODAY: today } });
      expect(result.code, today).toBe(2);
      expect(result.stderr).toBe(`loopscope lint: LOOPSCOPE_TODAY must be a date YYYY-MM-DD that exists on the calendar (got ${JSON.stringify(today)})\n`);
    }
  });
});
