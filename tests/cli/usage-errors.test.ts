import { describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import { ROOT } from "../helpers/run-cli.js";

/**
 * [I] Usage errors (exit 2) as README promises them: one line on stderr naming the problem,
 * nothing on stdout. The CLI runs in-process; the spawned binary is covered by lint.test.ts.
 */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (text) => void (stdout += typeof text === "string" ? text : new TextDecoder().decode(text)),
    stderr: (text) => void (stderr += text),
    cwd: ROOT,
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
