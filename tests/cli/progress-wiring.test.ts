import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateEstate } from "../../bench/generate.js";
import { main } from "../../src/cli.js";
import { runCli, ROOT } from "../helpers/run-cli.js";

/**
 * [I] The progress line as each command wires it: the CLI runs in-process with an injected
 * stderr that says it is a terminal (and no delay), so every write is seen in order. The
 * real pseudo-terminal run is tests/cli/progress-tty.test.ts (where `script` exists).
 */

interface Write {
  stream: "stdout" | "stderr";
  text: string;
}

const DRAW = "\r\x1b[Kloopscope: ";
const CLEAR = "\r\x1b[K";

async function run(args: string[], options: { tty?: boolean; stdoutTty?: boolean; env?: Record<string, string> } = {}): Promise<{ code: number; writes: Write[]; stderr: string; stdout: string }> {
  const writes: Write[] = [];
  const code = await main(args, {
    stdout: (text) => writes.push({ stream: "stdout", text: typeof text === "string" ? text : new TextDecoder().decode(text) }),
    stderr: (text) => writes.push({ stream: "stderr", text }),
    cwd: ROOT,
    isTTY: options.stdoutTty ?? false,
    stderrIsTTY: options.tty ?? true,
    env: { LOOPSCOPE_PROGRESS_DELAY: "0", LOOPSCOPE_TODAY: "2026-11-28", TERM: "xterm-256color", ...options.env },
  });
  const of = (stream: Write["stream"]) => writes.filter((w) => w.stream === stream).map((w) => w.text).join("");
  return { code, writes, stdout: of("stdout"), stderr: of("stderr") };
}

const draws = (writes: Write[]) => writes.filter((w) => w.stream === "stderr" && w.text.startsWith(DRAW));

/** Nothing else is written while a progress line is on the screen, and none is left at the end. */
function expectClearedBeforeOtherOutput(writes: Write[]): void {
  let open = false;
  for (const write of writes) {
    if (write.stream === "stderr" && write.text.startsWith(DRAW)) open = true;
    else if (write.stream === "stderr" && write.text === CLEAR) open = false;
    else expect(open, `written over an uncleared progress line: ${JSON.stringify(write.text.slice(0, 80))}`).toBe(false);
  }
  expect(open, "the progress line is left on the screen").toBe(false);
}

describe("progress line wiring (stderr injected as a terminal)", () => {
  it("lint (text) draws on stderr and clears the line before the report", async () => {
    const { code, writes, stdout } = await run(["lint", "samples/bike-shop"]);
    expect(code).toBe(1);
    expect(draws(writes).length).toBeGreaterThan(0);
    expect(stdout).toContain("hidden-feedback-loop");
    expect(stdout).not.toContain(CLEAR);
    // The first stdout write comes after the clearing sequence.
    const firstReport = writes.findIndex((w) => w.stream === "stdout");
    expect(writes.slice(0, firstReport).map((w) => w.text).at(-1)).toBe(CLEAR);
    expectClearedBeforeOtherOutput(writes);
  });

  it.each([
    ["--format json", ["--format", "json"], {}, true],
    ["--format sarif", ["--format", "sarif"], {}, true],
    ["--format markdown", ["--format", "markdown"], {}, true],
    ["--format junit", ["--format", "junit"], {}, true],
    ["--no-progress", ["--no-progress"], {}, true],
    ["stderr not a terminal", [], {}, false],
    ["CI set", [], { CI: "true" }, true],
    ["LOOPSCOPE_NO_PROGRESS=1", [], { LOOPSCOPE_NO_PROGRESS: "1" }, true],
    ["TERM=dumb", [], { TERM: "dumb" }, true],
  ] as const)("lint draws nothing with %s", async (_, flags, env, tty) => {
    const { code, stderr, stdout } = await run(["lint", "samples/bike-shop", ...flags], { env, tty });
    expect(code).toBe(1);
    expect(stdout.length).toBeGreaterThan(100);
    expect(stderr).toBe("");
  });

  it("lint --format json --output FILE draws (stdout carries nothing), clears it, then says what it wrote", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "loopscope-progress-out-")), "report.json");
    const { code, writes, stdout, stderr } = await run(["lint", "samples/bike-shop", "--format", "json", "--output", file]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(draws(writes).length).toBeGreaterThan(0);
    expect(stderr).toContain(`${CLEAR}loopscope lint: wrote ${file} (`);
    expectClearedBeforeOtherOutput(writes);
    expect(JSON.parse(readFileSync(file, "utf8"))).toHaveProperty("findings");
    // --no-progress wins over --output.
    expect((await run(["lint", "samples/bike-shop", "--format", "json", "--output", file, "--no-progress"])).stderr).not.toContain(CLEAR);
  });

  it("an error after the analysis starts is printed on a cleared line", async () => {
    const missing = join(mkdtempSync(join(tmpdir(), "loopscope-progress-err-")), "no-such-folder", "report.json");
    const lint = await run(["lint", "samples/bike-shop", "--output", missing]);
    expect(lint.code).toBe(2);
    expect(draws(lint.writes).length).toBeGreaterThan(0);
    expect(lint.stderr).toContain(`${CLEAR}loopscope lint: cannot write ${missing}: its folder does not exist (ENOENT)`);
    expectClearedBeforeOtherOutput(lint.writes);

    const impact = await run(["impact", "bike-recomender", "samples/bike-shop"]);
    expect(impact.code).toBe(2);
    expect(draws(impact.writes).length).toBeGreaterThan(0);
    expect(impact.stderr).toContain(`${CLEAR}loopscope impact: "bike-recomender" is not in the estate`);
    expectClearedBeforeOtherOutput(impact.writes);
  });

  it("impact draws for text only", async () => {
    const text = await run(["impact", "bike-recommender", "samples/bike-shop"]);
    expect(text.code).toBe(0);
    expect(draws(text.writes).length).toBeGreaterThan(0);
    expect(text.stdout).toContain("downstream");
    expectClearedBeforeOtherOutput(text.writes);
    expect((await run(["impact", "bike-recommender", "samples/bike-shop", "--format", "json"])).stderr).toBe("");
    expect((await run(["impact", "bike-recommender", "samples/bike-shop", "--no-progress"])).stderr).toBe("");
  });

  it("baseline draws only when the baseline goes to a file", async () => {
    const printed = await run(["baseline", "samples/bike-shop"]);
    expect(printed.code).toBe(0);
    expect(printed.stderr).toBe("");
    expect(JSON.parse(printed.stdout)).toHaveProperty("entries");
    const file = join(mkdtempSync(join(tmpdir(), "loopscope-progress-baseline-")), "baseline.json");
    const written = await run(["baseline", "samples/bike-shop", "-o", file]);
    expect(written.code).toBe(0);
    expect(draws(written.writes).length).toBeGreaterThan(0);
    expect(written.stderr).toContain(`${CLEAR}wrote ${file}: `);
    expectClearedBeforeOtherOutput(written.writes);
    expect((await run(["baseline", "samples/bike-shop", "-o", file, "--no-progress"])).stderr).toBe(`wrote ${file}: ${JSON.parse(readFileSync(file, "utf8")).entries.length} entries (0 reasons kept, 0 stale entries dropped)\n`);
  });

  it("graph draws while the graph goes to a file or a pipe, never over one printed on the terminal", async () => {
    const piped = await run(["graph", "samples/bike-shop", "--format", "dot"]);
    expect(piped.code).toBe(0);
    expect(draws(piped.writes).length).toBeGreaterThan(0);
    expect(piped.stdout).toMatch(/^digraph /);
    expectClearedBeforeOtherOutput(piped.writes);
    expect((await run(["graph", "samples/bike-shop", "--format", "dot"], { stdoutTty: true })).stderr).toBe("");
    expect((await run(["graph", "samples/bike-shop", "--no-progress"])).stderr).toBe("");
  });

  it("documents --no-progress in the help of each command that draws, and in loopscope --help", async () => {
    for (const command of ["lint", "impact", "baseline", "graph"]) expect((await run([command, "--help"])).stdout).toContain("--no-progress");
    expect((await run(["--help"])).stdout).toContain("--no-progress");
  });
});

describe("progress while reading a large estate", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "loopscope-progress-estate-"));
    for (const source of generateEstate({ models: 600, seed: 3 })) {
      const path = join(dir, source.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, source.text);
    }
  });

  it("[I] counts the manifests read", async () => {
    const { writes } = await run(["lint", dir, "--fail-on", "never"]);
    expect(draws(writes)[0]!.text).toMatch(/^\r\x1b\[Kloopscope: reading manifests 500\/\d{3},?\d*…$/);
    expectClearedBeforeOtherOutput(writes);
  });

  // [E] The real binary off a terminal, CI unset and no delay: whatever the format, stderr stays empty.
  it.each([["json"], ["text"]])("[E] lint --format %s without a terminal writes nothing to stderr", (format) => {
    const { code, stdout, stderr } = runCli(["lint", dir, "--format", format, "--fail-on", "never"], { env: { CI: "false", LOOPSCOPE_PROGRESS_DELAY: "0" } });
    expect(code).toBe(0);
    expect(stderr).toBe("");
    if (format === "json") expect(JSON.parse(stdout)).toHaveProperty("findings");
    else expect(stdout).toContain("hidden-feedback-loop");
  });
});
