import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/run-cli.js";

const SCRIPT = join(ROOT, "scripts/action/lint.sh");

/** Runs the action's lint step the way GitHub does, against a scratch copy of the bike shop. */
function runAction(inputs: Record<string, string>, setup?: (dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), "loopscope-action-"));
  cpSync(join(ROOT, "samples/bike-shop"), join(dir, "manifests"), { recursive: true });
  setup?.(dir);
  const env = {
    ...process.env,
    NO_COLOR: "",
    LOOPSCOPE_TODAY: "2026-11-28",
    GITHUB_OUTPUT: join(dir, "github-output"),
    GITHUB_STEP_SUMMARY: join(dir, "step-summary.md"),
    LOOPSCOPE_COMMAND: `${process.execPath} ${join(ROOT, "bin/loopscope.js")}`,
    LOOPSCOPE_PATHS: "manifests",
    LOOPSCOPE_SARIF_FILE: "loopscope.sarif",
    ...inputs,
  };
  const result = spawnSync("bash", [SCRIPT], { cwd: dir, env, encoding: "utf8", timeout: 60_000 });
  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), "utf8") : undefined);
  return { dir, code: result.status, stdout: result.stdout, stderr: result.stderr, read };
}

describe("GitHub Action (action.yml + scripts/action/lint.sh)", () => {
  it("prints the SARIF run's line about findings left out for GitHub's limit in the job log (it was dropped with the run's other stderr)", () => {
    // A stand-in for the CLI: 25,000 results need a 6,500-model estate; the line is what matters here.
    const run = runAction({ LOOPSCOPE_COMMAND: "bash fake-loopscope.sh" }, (dir) =>
      writeFileSync(
        join(dir, "fake-loopscope.sh"),
        'case " $* " in *" sarif "*) echo "{}" > loopscope.sarif; echo "loopscope lint: 15,759 of 40,759 findings are left out of the SARIF log (GitHub code scanning refuses more than 25,000 results)" >&2; echo "loopscope lint: wrote loopscope.sarif" >&2; exit 1;; *) exit 1;; esac\n',
      ),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("loopscope lint: 15,759 of 40,759 findings are left out of the SARIF log (GitHub code scanning refuses more than 25,000 results)\n");
    expect(run.read("github-output")).toBe("exit-code=1\nsarif-file=loopscope.sarif\n");
  });

  it("fails on the sample's loop, logs text, writes SARIF, the summary and the outputs", () => {
    const run = runAction({});
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("hidden-feedback-loop");
    expect(JSON.parse(run.read("loopscope.sarif")!)).toMatchObject({ version: "2.1.0" });
    expect(run.read("step-summary.md")).toMatch(/^## ❌ Loopscope: 1 error/);
    expect(run.read("github-output")).toBe("exit-code=1\nsarif-file=loopscope.sarif\n");
  });

  it("passes with a baseline, and honours fail-on and strict-baseline", () => {
    const withBaseline = (dir: string) => {
      const out = spawnSync(process.execPath, [join(ROOT, "bin/loopscope.js"), "baseline", "manifests", "-o", "b.json"], { cwd: dir, encoding: "utf8" });
      expect(out.status).toBe(0);
    };
    const run = runAction({ LOOPSCOPE_BASELINE: "b.json", LOOPSCOPE_STRICT_BASELINE: "true" }, withBaseline);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/baseline: \d+ still present, 0 stale, 0 new/);
    expect(run.read("step-summary.md")).toMatch(/^## ✅ Loopscope: no new findings/);
    expect(runAction({ LOOPSCOPE_FAIL_ON: "never" }).code).toBe(0);
  });

  it("stops with exit 2 on a config error, writes no SARIF and leaves the sarif-file output empty", () => {
    const run = runAction({ LOOPSCOPE_CONFIG: "bad.yaml" }, (dir) => writeFileSync(join(dir, "bad.yaml"), "failOn: sometimes\n"));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("bad.yaml:1:9: must be one of error | warning | info | never");
    expect(run.read("loopscope.sarif")).toBeUndefined();
    // docs/ci.md's upload step runs only when sarif-file is not empty: it would fail on a missing file.
    expect(run.read("github-output")).toBe("exit-code=2\nsarif-file=\n");
  });

  it("names no SARIF file an earlier run left at the path", () => {
    const earlier = '{"version":"2.1.0","runs":[]}\n';
    const run = runAction({ LOOPSCOPE_CONFIG: "bad.yaml" }, (dir) => {
      writeFileSync(join(dir, "bad.yaml"), "failOn: sometimes\n");
      writeFileSync(join(dir, "loopscope.sarif"), earlier);
    });
    expect(run.code).toBe(2);
    expect(run.read("loopscope.sarif")).toBe(earlier);
    expect(run.read("github-output")).toBe("exit-code=2\nsarif-file=\n");
  });

  it("a SARIF file that cannot be written: the lint's own exit code, an empty sarif-file, and why in the log", () => {
    const run = runAction({ LOOPSCOPE_SARIF_FILE: "missing/loopscope.sarif" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("loopscope lint: cannot write missing/loopscope.sarif: its folder does not exist (ENOENT)");
    expect(run.read("github-output")).toBe("exit-code=1\nsarif-file=\n");
  });

  it("action.yml passes every input to the script, and the script reads nothing else", () => {
    const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
      inputs: Record<string, unknown>;
      runs: { using: string; steps: { id?: string; env?: Record<string, string> }[] };
    };
    expect(action.runs.using).toBe("composite");
    const env = Object.assign({}, ...action.runs.steps.map((step) => step.env ?? {})) as Record<string, string>;
    const referenced = new Set(Object.values(env).map((value) => /\$\{\{ inputs\.([\w-]+) \}\}/.exec(value)?.[1]));
    expect([...referenced].sort()).toEqual(Object.keys(action.inputs).sort());
    const script = readFileSync(SCRIPT, "utf8");
    const read = new Set([...script.matchAll(/LOOPSCOPE_[A-Z_]+/g)].map((m) => m[0]));
    for (const name of read) expect(name === "LOOPSCOPE_COMMAND" || name in env).toBe(true);
    expect(action.runs.steps.some((step) => step.id === "lint")).toBe(true);
  });

  it("the pre-commit hook runs the package's bin", () => {
    const hooks = parse(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as { id: string; entry: string; language: string; pass_filenames: boolean }[];
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ id: "loopscope", language: "system", pass_filenames: false, entry: "npx --no-install loopscope lint" });
    expect(Object.keys(pkg.bin)).toContain("loopscope");
  });
});
