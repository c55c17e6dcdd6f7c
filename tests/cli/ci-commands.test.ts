import { mkdirSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../../analyzer/types.js";
import type { Impact } from "../../analyzer/impact.js";
import { ROOT, runCli } from "../helpers/run-cli.js";

/** A scratch copy of the bike-shop sample, so commands can write next to it. */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "loopscope-ci-"));
  cpSync(join(ROOT, "samples/bike-shop"), join(dir, "estate"), { recursive: true });
  return dir;
}

const NEW_LOOP = `apiVersion: loopscope/v1
kind: Model
name: ad-ranker
owner: team-ads
inputs: [ad-clicks]
outputs:
  - name: ranking
    consumers: [ad-server]
---
apiVersion: loopscope/v1
kind: Model
name: bid-optimizer
owner: team-ads
inputs: [ad-clicks]
outputs:
  - name: bids
    consumers: [ad-server]
---
apiVersion: loopscope/v1
kind: Service
name: ad-server
owner: team-ads
influences: [ad-clicks]
`;

describe("loopscope init", () => {
  it("writes a valid commented config once and refuses to overwrite it", () => {
    const dir = scratch();
    const first = runCli(["init"], { cwd: dir });
    expect(first).toMatchObject({ code: 0, stdout: "wrote loopscope.config.yaml\n" });
    const text = readFileSync(join(dir, "loopscope.config.yaml"), "utf8");
    expect(text).toContain("# hidden-feedback-loop: error");
    writeFileSync(join(dir, "loopscope.config.yaml"), `${text}# mine\n`);
    const second = runCli(["init"], { cwd: dir });
    expect(second.code).toBe(2);
    expect(second.stderr).toBe("loopscope init: loopscope.config.yaml already exists; not overwriting it\n");
    expect(readFileSync(join(dir, "loopscope.config.yaml"), "utf8")).toBe(`${text}# mine\n`);
    expect(runCli(["lint", "estate"], { cwd: dir }).code).toBe(1); // the starter config changes nothing
  });
});

describe("loopscope lint with a config", () => {
  it("reports a typo at file:line:column with a suggestion, exit 2, no stack", () => {
    const dir = scratch();
    writeFileSync(join(dir, "loopscope.config.yaml"), "failOn: error\nrules:\n  hidden-feedback-lop: off\n");
    const { code, stdout, stderr } = runCli(["lint", "estate"], { cwd: join(dir, "estate") });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe('loopscope lint: ../loopscope.config.yaml:3:3: unknown rule "hidden-feedback-lop"; did you mean "hidden-feedback-loop"? (rules.hidden-feedback-lop)\n');
  });

  it("applies failOn, rule severities and exclude globs; --fail-on overrides failOn", () => {
    const dir = scratch();
    const lint = (...args: string[]) => runCli(["lint", "estate", "-f", "json", ...args], { cwd: dir });
    writeFileSync(join(dir, "loopscope.config.yaml"), 'failOn: never\nexclude: ["estate/models/fraud-*.yaml"]\nrules:\n  direct-feedback-loop: error\n  undeclared-dataset: off\n');
    const { code, stdout } = lint();
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.findings.filter((f) => f.rule === "direct-feedback-loop").every((f) => f.severity === "error")).toBe(true);
    expect(report.findings.some((f) => f.rule === "undeclared-dataset")).toBe(false);
    expect(report.findings.some((f) => f.locations.some((l) => l.file.includes("fraud-score")))).toBe(false);
    expect(lint("--fail-on", "error").code).toBe(1);
    writeFileSync(join(dir, "other.json"), '{"failOn": "error"}');
    expect(lint("--config", "other.json").code).toBe(1);
  });
});

describe("include/exclude that leave nothing", () => {
  it("says the config's globs dropped the files", () => {
    const dir = scratch();
    writeFileSync(join(dir, "loopscope.config.yaml"), 'include: ["elsewhere/**"]\n');
    const { code, stderr } = runCli(["lint", "estate"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^loopscope lint: no Loopscope manifests found in estate \(\d+ files were left out by include\/exclude in loopscope\.config\.yaml\)\n$/);
  });
});

describe("loopscope baseline and lint --baseline", () => {
  it("passes on a baselined estate and fails on one new hidden loop alone", () => {
    const dir = scratch();
    const written = runCli(["baseline", "estate", "-o", "loopscope-baseline.json"], { cwd: dir });
    expect(written.code).toBe(0);
    expect(written.stderr).toMatch(/^wrote loopscope-baseline\.json: \d+ entries\n$/);
    const baseline = JSON.parse(readFileSync(join(dir, "loopscope-baseline.json"), "utf8")) as { entries: { rule: string; reason: string }[] };
    expect(baseline.entries.every((e) => e.reason === "")).toBe(true);
    const n = baseline.entries.length;

    const clean = runCli(["lint", "estate", "--baseline", "loopscope-baseline.json"], { cwd: dir });
    expect(clean.code).toBe(0);
    expect(clean.stderr).toBe(`loopscope lint: baseline: ${n} still present, 0 stale, 0 new\n`);
    // The summary's mark follows what fails: nothing new, so no red cross over an exit code of 0.
    expect(clean.stdout.trimEnd().split("\n").at(-1)).toMatch(new RegExp(`^✔ ${n} findings \\(.*\\) in .*; 0 new, ${n} in the baseline$`));

    writeFileSync(join(dir, "estate/models/ads.yaml"), NEW_LOOP);
    const fresh = runCli(["lint", "estate", "--baseline", "loopscope-baseline.json", "-f", "json"], { cwd: dir });
    expect(fresh.code).toBe(1);
    const report = JSON.parse(fresh.stdout) as Report;
    const failing = report.findings.filter((f) => f.baselineState === "new" && f.severity === "error" && !f.acknowledged);
    expect(failing.map((f) => [f.rule, f.models])).toEqual([["hidden-feedback-loop", ["ad-ranker", "bid-optimizer"]]]);
    expect(fresh.stderr).toMatch(new RegExp(`baseline: ${n} still present, 0 stale, [1-9]\\d* new`));
    const text = runCli(["lint", "estate", "--baseline", "loopscope-baseline.json"], { cwd: dir });
    expect(text.stdout.trimEnd().split("\n").at(-1)).toMatch(/^✖ .*; [1-9]\d* new, \d+ in the baseline$/);
    // The new findings are named on stderr, most severe first, all about the new models.
    const named = fresh.stderr.split("\n").filter((line) => line.startsWith("  new: "));
    expect(named[0]).toMatch(/^ {2}new: error hidden-feedback-loop ad-ranker, bid-optimizer \(estate\/models\/ads\.yaml:\d+:\d+\)$/);
    expect(named.length).toBe(report.findings.filter((f) => f.baselineState === "new" && !f.acknowledged).length);
    expect(named.every((line) => /ad-ranker|bid-optimizer|ad-server|ad-clicks/.test(line))).toBe(true);
  });

  it("counts stale entries, fails on them only with --strict-baseline, and regeneration keeps reasons", () => {
    const dir = scratch();
    runCli(["baseline", "estate", "-o", "b.json"], { cwd: dir });
    const file = join(dir, "b.json");
    const baseline = JSON.parse(readFileSync(file, "utf8")) as { entries: { rule: string; models: string[]; reason: string }[] };
    for (const entry of baseline.entries) entry.reason = `accepted: ${entry.rule}`;
    writeFileSync(file, JSON.stringify(baseline));
    rmSync(join(dir, "estate/models/fraud-score.yaml"));
    const lenient = runCli(["lint", "estate", "--baseline", "b.json"], { cwd: dir });
    expect(lenient.code).toBe(0);
    // Every finding about fraud-score went away with its file (how many depends on the catalogue).
    const stale = Number(/baseline: \d+ still present, (\d+) stale, 0 new/.exec(lenient.stderr)?.[1]);
    expect(stale).toBe(baseline.entries.filter((e) => e.models.includes("fraud-score")).length);
    expect(stale).toBeGreaterThan(0);
    const strict = runCli(["lint", "estate", "--baseline", "b.json", "--strict-baseline"], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/stale: undeclared-service fraud-score/);
    expect(strict.stderr).toContain("drop them with `loopscope baseline estate --prune -o b.json`");
    const regenerated = runCli(["baseline", "estate", "--prune", "-o", "b.json"], { cwd: dir });
    expect(regenerated.stderr).toContain(`(${baseline.entries.length - stale} reasons kept, ${stale} stale entries dropped, 0 findings not in it left out)`);
    const after = JSON.parse(readFileSync(file, "utf8")) as { entries: { reason: string }[] };
    expect(after.entries.every((e) => e.reason.startsWith("accepted: "))).toBe(true);
    expect(runCli(["lint", "estate", "--baseline", "b.json", "--strict-baseline"], { cwd: dir }).code).toBe(0);
  });

  it("--strict-baseline: the reports say the lint fails, and the --prune the hint gives keeps a pull request's new debt out", () => {
    const dir = scratch();
    runCli(["baseline", "estate", "-o", "b.json"], { cwd: dir });
    // One pull request fixes a finding (fraud-score goes) and adds one (m2 reads a model that is not there).
    rmSync(join(dir, "estate/models/fraud-score.yaml"));
    writeFileSync(join(dir, "estate/models/m2.yaml"), "apiVersion: loopscope/v1\nkind: Model\nname: m2\nowner: t\ninputs: [ghost-model/out]\n");
    const args = ["lint", "estate", "--baseline", "b.json", "--strict-baseline"];
    const strict = runCli([...args, "--fail-on", "never"], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout.trimEnd().split("\n").at(-1)).toMatch(/^✖ .*; 1 new, \d+ in the baseline; \d+ stale baseline entries \(--strict-baseline\)$/);
    expect(strict.stderr).toContain("drop them with `loopscope baseline estate --prune -o b.json`");
    expect(runCli([...args, "--fail-on", "never", "-f", "markdown"], { cwd: dir }).stdout).toMatch(/^## ❌ Loopscope: 1 error, 0 warnings, 0 info; \d+ stale baseline entries \(--strict-baseline\)\n/);
    const junit = runCli([...args, "-f", "junit"], { cwd: dir }).stdout;
    expect(junit).toMatch(/<testcase name="stale-baseline-entries" classname="loopscope.baseline" time="0">\n      <failure message="\d+ stale baseline entries/);
    const pruned = runCli(["baseline", "estate", "--prune", "-o", "b.json"], { cwd: dir });
    expect(pruned.stderr).toMatch(/stale entries dropped, 1 finding not in it left out\)\n$/);
    const after = runCli(args, { cwd: dir });
    expect(after.stderr).toMatch(/baseline: \d+ still present, 0 stale, 1 new/);
    expect(after.stderr).toContain("new: ");
    expect(after.stderr).toContain("m2");
    // Without a baseline to prune there is nothing to keep: a usage error, not a fresh baseline.
    expect(runCli(["baseline", "estate", "--prune", "-o", "none.json"], { cwd: dir })).toMatchObject({ code: 2, stderr: "loopscope baseline: --prune: none.json does not exist; there is no baseline to prune (leave out --prune to record one)\n" });
    expect(runCli(["baseline", "estate", "--prune"], { cwd: dir }).code).toBe(2);
  });

  it("a baselined finding acknowledged later is stale everywhere: the stderr line, the reports and --prune agree", () => {
    const dir = scratch();
    runCli(["baseline", "estate", "-o", "b.json"], { cwd: dir });
    const file = join(dir, "estate/models/fraud-score.yaml");
    writeFileSync(file, `${readFileSync(file, "utf8")}acknowledge:\n  - rule: missing-owner\n    reason: the risk team is being re-formed\n`);
    const lint = runCli(["lint", "estate", "--baseline", "b.json"], { cwd: dir });
    expect(lint.stderr).toContain("loopscope lint: baseline: 13 still present, 1 stale, 0 new; 1 acknowledged in the manifests\n");
    expect(lint.stdout.trimEnd().split("\n").at(-1)).toBe("✔ 13 findings (1 error, 9 warnings, 3 info, 1 acknowledged) in 7 files, 4 models; 0 new, 13 in the baseline");
    expect(runCli(["lint", "estate", "--baseline", "b.json", "-f", "markdown"], { cwd: dir }).stdout).toContain("| baselined | 1 | 9 | 3 | 13 |");
    // The finding itself is not marked baselined: its entry is stale.
    const json = JSON.parse(runCli(["lint", "estate", "--baseline", "b.json", "-f", "json"], { cwd: dir }).stdout) as Report;
    expect(json.findings.filter((f) => f.acknowledged).map((f) => [f.rule, f.baselineState])).toEqual([["missing-owner", undefined]]);
    expect(lint.stdout).not.toMatch(/acknowledged: the risk team is being re-formed\n\s+baselined/);
    expect(runCli(["baseline", "estate", "--prune", "-o", "b.json"], { cwd: dir }).stderr).toBe("wrote b.json: 13 entries (0 reasons kept, 1 stale entry dropped, 0 findings not in it left out)\n");
  });

  it("reports say what the exit code says: ✖ and ❌ at --fail-on info with info only, ⚠ and ⚠️ below it or at --fail-on never", () => {
    const dir = scratch();
    mkdirSync(join(dir, "solo"));
    writeFileSync(join(dir, "solo/m.yaml"), "apiVersion: loopscope/v1\nkind: Model\nname: solo\n");
    const run = (folder: string, failOn: string, format = "text") => runCli(["lint", folder, "--fail-on", failOn, "-f", format], { cwd: dir });
    const mark = (folder: string, failOn: string) => {
      const text = run(folder, failOn);
      return `${text.code} ${text.stdout.trimEnd().split("\n").at(-1)!.split(" ")[0]} ${run(folder, failOn, "markdown").stdout.split(" ")[1]}`;
    };
    expect(mark("solo", "info")).toBe("1 ✖ ❌");
    expect(mark("solo", "warning")).toBe("0 ⚠ ⚠️");
    expect(mark("estate", "never")).toBe("0 ⚠ ⚠️");
    expect(mark("estate", "error")).toBe("1 ✖ ❌");
  });

  it("regenerates over a baseline that no longer parses (merge conflict markers), warning that its reasons are lost", () => {
    const dir = scratch();
    runCli(["baseline", "estate", "-o", "b.json"], { cwd: dir });
    const file = join(dir, "b.json");
    const lines = readFileSync(file, "utf8").split("\n");
    writeFileSync(file, [...lines.slice(0, 4), "<<<<<<< HEAD", ...lines.slice(4, 10), "=======", ...lines.slice(4, 10), ">>>>>>> other", ...lines.slice(10)].join("\n"));
    const regenerated = runCli(["baseline", "estate", "-o", "b.json"], { cwd: dir });
    expect(regenerated.code, regenerated.stderr).toBe(0);
    const [warning, wrote, ...rest] = regenerated.stderr.split("\n");
    expect(warning).toMatch(/^loopscope baseline: warning: b\.json:6:5: .* \(and \d+ more problems\); the old baseline's reasons cannot be kept, a new one is written$/);
    expect(wrote).toMatch(/^wrote b\.json: \d+ entries$/);
    expect(rest).toEqual([""]);
    expect(runCli(["lint", "estate", "--baseline", "b.json", "--strict-baseline"], { cwd: dir }).code).toBe(0);
    // A baseline path that cannot be read at all is still refused, never written over.
    expect(runCli(["baseline", "estate", "-o", "estate"], { cwd: dir }).stderr).toBe("loopscope baseline: estate: cannot read baseline (a folder, not a file)\n");
  });

  it("rejects a missing or malformed baseline and --strict-baseline alone", () => {
    const dir = scratch();
    expect(runCli(["lint", "estate", "--baseline", "nope.json"], { cwd: dir }).stderr).toMatch(/^loopscope lint: nope\.json: cannot read baseline \(ENOENT\)/);
    writeFileSync(join(dir, "bad.json"), '{"version": 1, "tool": "loopscope", "entries": [{"rule": "x"}]}');
    const bad = runCli(["lint", "estate", "--baseline", "bad.json"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^loopscope lint: bad\.json:1:\d+: /);
    expect(runCli(["lint", "estate", "--strict-baseline"], { cwd: dir }).stderr).toBe("loopscope lint: --strict-baseline needs --baseline FILE\n");
  });
});

describe("loopscope lint --format and --output", () => {
  it("SARIF paths are read from the repository root, wherever in the repository the lint runs (a monorepo's working-directory)", () => {
    const dir = scratch();
    mkdirSync(join(dir, ".git"));
    const uris = (cwd: string, path: string) => {
      const log = JSON.parse(runCli(["lint", path, "-f", "sarif"], { cwd }).stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
      return [...new Set(log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri))].sort();
    };
    const fromRoot = uris(dir, "estate");
    expect(fromRoot[0]).toMatch(/^estate\//);
    expect(uris(join(dir, "estate"), ".")).toEqual(fromRoot);
    // From a deeper folder the first location of a finding may be another of its files (locations sort by path as shown): every one is a real file from the root.
    for (const uri of uris(join(dir, "estate/models"), "..")) expect(existsSync(join(dir, uri)), uri).toBe(true);
  });

  it("writes sarif, markdown and junit to a file instead of stdout", () => {
    const dir = scratch();
    for (const [format, check] of [
      ["sarif", (text: string) => expect(JSON.parse(text)).toMatchObject({ version: "2.1.0" })],
      ["markdown", (text: string) => expect(text).toMatch(/^## ❌ Loopscope: 1 error/)],
      ["junit", (text: string) => expect(text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="loopscope"/)],
    ] as const) {
      const out = `report.${format}`;
      const result = runCli(["lint", "estate", "-f", format, "-o", out], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(new RegExp(`^loopscope lint: wrote ${out.replace(".", "\\.")} \\(\\d+ findings, 1 failing at --fail-on error\\)\\n$`));
      check(readFileSync(join(dir, out), "utf8"));
    }
    expect(existsSync(join(dir, "report.sarif"))).toBe(true);
    // Counted as the report counts them: the clean sample's one finding is acknowledged.
    const clean = runCli(["lint", join(ROOT, "samples/clean"), "-f", "sarif", "-o", "clean.sarif"], { cwd: dir });
    expect(clean.stderr).toBe("loopscope lint: wrote clean.sarif (0 findings and 1 acknowledged, 0 failing at --fail-on error)\n");
  });
});

describe("loopscope impact", () => {
  it("prints what a dataset reaches and what it depends on, as JSON too", () => {
    const { code, stdout } = runCli(["impact", "purchases", "samples/bike-shop", "-f", "json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Impact;
    expect(result.target).toMatchObject({ id: "purchases", kind: "dataset" });
    expect(result.downstream.models.map((m) => [m.id, m.hops])).toEqual([["bike-recommender", 1], ["dynamic-pricing", 1], ["demand-forecast", 3], ["fraud-score", 5]]);
    expect(result.loops.some((l) => l.kind === "hidden" && l.hops === 0)).toBe(true);
    const text = runCli(["impact", "purchases", "samples/bike-shop"]).stdout;
    expect(text).toMatch(/^purchases \(dataset/);
    expect(text).toMatch(/^ {2}model {3}demand-forecast +3 hops +purchases → dynamic-pricing → dynamic-pricing\/price → demand-forecast$/m);
    expect(runCli(["impact", "purchases", "samples/bike-shop", "--depth", "1"]).stdout.split("\n")[0]).toBe("purchases (dataset, owner data-platform), up to 1 hop");
  });

  it("suggests the closest name for a typo", () => {
    const { code, stderr } = runCli(["impact", "purchase", "samples/bike-shop"]);
    expect(code).toBe(2);
    expect(stderr).toBe('loopscope impact: "purchase" is not in the estate; did you mean "purchases"?\n');
  });
});
