import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import type { Report } from "../../analyzer/types.js";
import { FIXTURES } from "./helpers.js";

const ESTATE = `${FIXTURES}estate.yaml`;

/**
 * A folder the CLI cannot list at `path`: mode 000, or for root (who lists any folder) a link
 * to /proc/1/map_files, which needs a capability containers drop. False when neither works.
 */
function unreadableFolder(path: string): boolean {
  const listable = (folder: string) => {
    try {
      readdirSync(folder);
      return true;
    } catch {
      return false;
    }
  };
  mkdirSync(path);
  chmodSync(path, 0o000);
  if (!listable(path)) return true;
  rmSync(path, { recursive: true, force: true });
  symlinkSync("/proc/1/map_files", path);
  return !listable(path);
}

describe("loopscope lint --lineage", () => {
  it("reports the planted undeclared consumer with its run as evidence in JSON", () => {
    const result = runCli(["lint", ESTATE, "--lineage", `${FIXTURES}planted.ndjson`, "-f", "json", "--fail-on", "warning"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    const finding = report.findings.find((f) => f.rule === "undeclared-consumer")!;
    expect(finding.models).toEqual(["pricer", "ranker"]);
    expect(finding.evidence?.[0]?.location?.line).toBe(4);
    expect(report.summary.bySeverity.warning).toBe(1);
  });

  it("is silent on the clean events (exit 0 at --fail-on warning)", () => {
    const result = runCli(["lint", ESTATE, "--lineage", `${FIXTURES}clean.ndjson`, "-f", "json", "--fail-on", "warning"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.findings.filter((f) => f.evidence !== undefined)).toEqual([]);
  });

  it("shows broken events as positioned notices and still checks the rest", () => {
    const result = runCli(["lint", ESTATE, "--lineage", `${FIXTURES}broken.ndjson`, "-f", "json"]);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.notices.filter((n) => n.file?.endsWith("broken.ndjson")).map((n) => `${n.line}:${n.column}`)).toEqual(["2:86", "3:35", "4:175"]);
  });

  it("event files that all fail to read: each file's reason, then the line import ends with, and no report", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-lineage-unread-"));
    try {
      mkdirSync(join(dir, "events"));
      writeFileSync(join(dir, "events", "b.json"), Buffer.from([0xff, 0xfe, 0x7b, 0x7d]));
      writeFileSync(join(dir, "events", "notes.txt"), "not an event file\n");
      mkdirSync(join(dir, "none"));
      const reason = "events/b.json:1:1: not valid UTF-8 text (byte 0xff at offset 0); skipped";
      for (const format of ["text", "json"]) {
        const result = runCli(["lint", ESTATE, "--lineage", "events", "-f", format], { cwd: dir });
        expect(result, format).toEqual({ code: 2, stdout: "", stderr: `notice: ${reason}\nloopscope lint: --lineage: none of the event files could be read (1 skipped, above)\n` });
      }
      expect(runCli(["import", "openlineage", "events", "--out", "out"], { cwd: dir }).stderr).toBe(`${reason}\nloopscope import: none of the event files could be read (1 skipped, above)\n`);
      // Nothing to read at all: the same words from both commands.
      expect(runCli(["lint", ESTATE, "--lineage", "none"], { cwd: dir }).stderr).toBe("loopscope lint: --lineage: no .json, .ndjson or .jsonl files found in none\n");
      expect(runCli(["import", "openlineage", "none", "--out", "out"], { cwd: dir }).stderr).toBe("loopscope import: no .json, .ndjson or .jsonl files found in none\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("baseline --lineage records the runtime findings, so lint --lineage --baseline fails only on new ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-lineage-baseline-"));
    try {
      const events = `${FIXTURES}planted.ndjson`;
      const lint = () => runCli(["lint", ESTATE, "--lineage", events, "--baseline", "b.json", "--fail-on", "warning"], { cwd: dir });
      const rules = () => (JSON.parse(readFileSync(join(dir, "b.json"), "utf8")) as { entries: { rule: string }[] }).entries.map((e) => e.rule);
      expect(runCli(["baseline", ESTATE, "-o", "b.json"], { cwd: dir }).code).toBe(0);
      const staticRules = rules();
      expect(staticRules).not.toContain("undeclared-consumer");
      expect(lint().code).toBe(1);
      const recorded = runCli(["baseline", ESTATE, "--lineage", events, "-o", "b.json"], { cwd: dir });
      expect(recorded).toMatchObject({ code: 0, stderr: `wrote b.json: ${staticRules.length + 1} entries (0 reasons kept, 0 stale entries dropped)\n` });
      expect(rules().filter((rule) => !staticRules.includes(rule))).toEqual(["undeclared-consumer"]);
      expect(lint().code).toBe(0);
      // A stale entry: the command it advises reads the same events (without them the runtime entry was dropped).
      const file = join(dir, "b.json");
      const baseline = JSON.parse(readFileSync(file, "utf8")) as { entries: unknown[] };
      baseline.entries.push({ rule: "hidden-feedback-loop", models: ["gone"], fingerprint: "hidden-feedback-loop:0000000000000000", reason: "" });
      writeFileSync(file, JSON.stringify(baseline));
      const strict = runCli(["lint", ESTATE, "--lineage", events, "--baseline", "b.json", "--strict-baseline"], { cwd: dir });
      expect(strict.stderr).toContain(`drop it with \`loopscope baseline ${ESTATE} --lineage ${events} --prune -o b.json\``);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a missing --lineage folder is a usage error", () => {
    const result = runCli(["lint", ESTATE, "--lineage", `${FIXTURES}nope`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^loopscope lint: .*nope: no such file or folder \(ENOENT\)\n$/);
  });

  it("walks event folders as it walks manifests: a symlink loop ends, an unreadable folder is a notice, a file is read once", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-lineage-walk-"));
    try {
      mkdirSync(join(dir, "events"));
      writeFileSync(join(dir, "events", "planted.ndjson"), readFileSync(`${FIXTURES}planted.ndjson`));
      // Two links to their own folder: the old walk went down both at every level and never ended.
      symlinkSync(".", join(dir, "events", "l1"));
      symlinkSync(".", join(dir, "events", "l2"));
      symlinkSync("planted.ndjson", join(dir, "events", "same.ndjson"));
      const locked = unreadableFolder(join(dir, "events", "locked"));
      const lint = runCli(["lint", ESTATE, "--lineage", "events", "-f", "json", "--fail-on", "warning"], { cwd: dir });
      expect(lint.code).toBe(1);
      const report = JSON.parse(lint.stdout) as Report;
      expect(report.findings.filter((f) => f.rule === "undeclared-consumer").map((f) => f.models)).toEqual([["pricer", "ranker"]]);
      const imported = runCli(["import", "openlineage", "events", "--out", "out"], { cwd: dir });
      expect(imported.code).toBe(0);
      expect(imported.stderr).not.toContain("internal error");
      if (locked) {
        expect(report.notices.map((n) => `${n.file}: ${n.message}`)).toContain("events/locked: cannot read this folder (EACCES); skipped");
        expect(imported.stderr).toContain("events/locked: cannot read this folder (EACCES); skipped");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("loopscope graph --format openlineage", () => {
  it("prints one event per line with the declared lineage", () => {
    const result = runCli(["graph", ESTATE, "--format", "openlineage"]);
    expect(result.code).toBe(0);
    const events = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as { eventTime: string; job?: { name: string } });
    expect(events.map((e) => e.job?.name)).toEqual(["pricer", "ranker", "storefront"]);
    expect(events[0]!.eventTime).toBe("2026-11-28T00:00:00Z");
  });
});
