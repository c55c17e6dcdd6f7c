import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../../analyzer/types.js";
import { runCli } from "../helpers/run-cli.js";

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "loopscope-cli-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe("loopscope lint (the real binary)", () => {
  it("finds the bike shop's hidden loop with its walk and exits 1", () => {
    const { code, stdout, stderr } = runCli(["lint", "samples/bike-shop"]);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(stdout).toMatch(/^error \(\d+\)$/m);
    const line = stdout.split("\n").find((l) => l.includes("hidden-feedback-loop"))!;
    expect(line).toMatch(/^ {2}samples\/bike-shop\/models\/[\w-]+\.yaml:\d+:\d+ {2}hidden-feedback-loop {2}hidden feedback loop between .*bike-recommender.*dynamic-pricing/);
    expect(stdout).toContain("walk: bike-recommender → top10 → ");
    expect(stdout).toMatch(/^✖ \d+ findings \(\d+ errors?, \d+ warnings?, \d+ info\) in \d+ files, \d+ models$/m);
    expect(stdout).not.toContain("\u001b["); // no colour without a TTY
  });

  it("prints every FORMAT.md field with --format json", () => {
    const { code, stdout } = runCli(["lint", "samples/bike-shop", "--format", "json"]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Report;
    const loop = report.findings.find((f) => f.rule === "hidden-feedback-loop")!;
    expect(loop.severity).toBe("error");
    expect(loop.models).toEqual(expect.arrayContaining(["bike-recommender", "dynamic-pricing"]));
    expect([...loop.models]).toEqual([...loop.models].sort());
    expect(loop.nodes).toContain("purchases");
    expect(loop.path![0]).toEqual({ from: "bike-recommender", to: "bike-recommender/top10", edge: "produces" });
    expect(loop.locations[0]).toEqual({ file: expect.stringMatching(/^samples\/bike-shop\//), line: expect.any(Number), column: expect.any(Number) });
    expect(loop.fingerprint).toMatch(/^hidden-feedback-loop:[0-9a-f]{16}$/);
    expect(typeof loop.message).toBe("string");
  });

  it("honours --fail-on", () => {
    const dir = tempDir({ "m.yaml": "apiVersion: loopscope/v1\nkind: Model\nname: m\nowner: t\ninputs: [raw]\n" });
    expect(runCli(["lint", dir]).code).toBe(0); // only an info finding
    expect(runCli(["lint", dir, "--fail-on", "info"]).code).toBe(1);
    expect(runCli(["lint", "samples/bike-shop", "--fail-on", "never"]).code).toBe(0);
    const bad = runCli(["lint", dir, "--fail-on", "sometimes"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('loopscope lint: --fail-on must be one of error, warning, info, never (got "sometimes")\n');
  });

  it("exits 2 with one line for a missing path, an unknown flag, no paths, and a folder without manifests", () => {
    const missing = runCli(["lint", "does/not/exist"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("loopscope lint: does/not/exist: no such file or folder (ENOENT)\n");
    const flag = runCli(["lint", "--frmat", "json", "samples"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^loopscope lint: Unknown option '--frmat'\n$/);
    expect(runCli(["lint"]).code).toBe(2);
    const empty = tempDir({ "other.yaml": "name: not-a-manifest\n", "README.md": "# hi\n" });
    const none = runCli(["lint", empty]);
    expect(none.code).toBe(2);
    // No report (an empty one would read as a clean estate); why each file was skipped goes to stderr.
    expect(none.stdout).toBe("");
    const [notice, error, ...rest] = none.stderr.split("\n");
    expect(notice).toMatch(/^notice: \S*\/other\.yaml: skipped: not a Loopscope manifest /);
    expect([error, ...rest]).toEqual([`loopscope lint: no Loopscope manifests found in ${empty}`, ""]);
  });

  it("reports broken input with file:line:column and still analyses the rest", () => {
    const dir = tempDir({
      "broken.yaml": "apiVersion: loopscope/v1\nkind: Model\nname: [unclosed\n",
      "types.yaml": "apiVersion: loopscope/v1\nkind: Model\nname: typed\ninputs: 42\n",
      "kind.yaml": "apiVersion: loopscope/v1\nkind: Pipeline\nname: p\n",
      "noname.yaml": "apiVersion: loopscope/v1\nkind: Dataset\n",
      "ref.yaml": "apiVersion: loopscope/v1\nkind: Model\nname: r\nowner: t\ninputs: [ghost/out]\n",
      "empty.yaml": "",
      "a.yaml": "apiVersion: loopscope/v1\nkind: Model\nname: a\nowner: t\ninputs: [b/o]\noutputs: [{ name: o }]\n",
      "b.yaml": "apiVersion: loopscope/v1\nkind: Model\nname: b\nowner: t\ninputs: [a/o]\noutputs: [{ name: o }]\n",
    });
    const { code, stdout, stderr } = runCli(["lint", dir]);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect(stdout).not.toMatch(/at .*\.js:\d+/); // no stack trace
    const lines = stdout.split("\n");
    const find = (file: string) => lines.find((l) => l.includes(`/${file}:`))!;
    expect(find("broken.yaml")).toMatch(/broken\.yaml:\d+:\d+ {2}invalid-manifest {2}Flow sequence/);
    expect(find("types.yaml")).toMatch(/types\.yaml:4:9 {2}invalid-manifest {2}inputs: expected array/);
    expect(find("kind.yaml")).toMatch(/kind\.yaml:2:7 {2}invalid-manifest {2}kind: must be one of Model, Dataset, Service \(got "Pipeline"\)/);
    expect(find("noname.yaml")).toMatch(/noname\.yaml:1:1 {2}invalid-manifest {2}name: missing required field/);
    expect(find("ref.yaml")).toMatch(/ref\.yaml:5:10 {2}unknown-reference {2}r references "ghost\/out": no Model is named "ghost"/);
    expect(stdout).toContain("circular-model-dependency  circular dependency between a and b");
    expect(stdout).toContain("empty.yaml: skipped: empty file");
  });

  it("never colours with NO_COLOR, colours with --color", () => {
    expect(runCli(["lint", "samples/bike-shop", "--color"], { env: { NO_COLOR: "1" } }).stdout).not.toContain("\u001b[");
    expect(runCli(["lint", "samples/bike-shop", "--color"]).stdout).toContain("\u001b[31m");
  });
});
