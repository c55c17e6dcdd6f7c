import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatTable } from "../../analyzer/db/format-table.js";
import { visible, withoutControls } from "../../analyzer/report/visible-text.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * File names and manifest strings reach the terminal: a name holding ESC sequences could
 * recolour or clear it, set its title or, with a line break, forge a finding line that a CI
 * log parser would believe. Human-readable output shows such characters as escapes; machine
 * formats keep the text exactly.
 */
const ESC = "\u001b";
const EVIL_FILE = `evil${ESC}[31mred\n.yaml`;
const EVIL_FILE_SHOWN = "evil\\x1b[31mred\\n.yaml";
const MODEL = "apiVersion: loopscope/v1\nkind: Model\nname: ok\n";
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "loopscope-terminal-"));
  writeFileSync(join(dir, EVIL_FILE), MODEL);
  // An acknowledgement reason with a terminal title sequence and a right-to-left override.
  writeFileSync(
    join(dir, "acked.yaml"),
    'apiVersion: loopscope/v1\nkind: Model\nname: acked\nacknowledge:\n  - rule: missing-owner\n    reason: "ok\\e]0;pwned\\a \\u202Egnp.exe"\n',
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** No C0/C1 control character but the line breaks between lines, and no bidi control. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe("text meant for people shows control characters as escapes", () => {
  it("visible() escapes C0, DEL, C1 and bidi controls, and leaves other text as it is", () => {
    expect(visible(`a${ESC}[2Jb\n\t\r\u007f\u0085\u202e\u2066c`)).toBe("a\\x1b[2Jb\\n\\t\\r\\x7f\\x85\\u202e\\u2066c");
    const plain = "models/ü → 漢字 \\ \"quoted\" 🚲";
    expect(visible(plain)).toBe(plain);
  });

  it("lint's text report: the file name and the reason as escapes, one finding per line", () => {
    const result = runCli(["lint", ".", "--no-color"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`  ${EVIL_FILE_SHOWN}:3:7  missing-owner  model ok has no owner\n`);
    expect(result.stdout).toContain("acknowledged: ok\\x1b]0;pwned\\x07 \\u202egnp.exe");
    for (const line of result.stdout.split("\n")) expect(line).not.toMatch(UNSAFE);
  });

  it("Markdown shows them as escapes too; JSON and SARIF keep the name exactly", () => {
    const markdown = runCli(["lint", ".", "--format", "markdown"], { cwd: dir }).stdout;
    expect(markdown).toContain(`\`${EVIL_FILE_SHOWN.replace("\\n", " ")}:3\``);
    expect(markdown.split("\n").every((line) => !UNSAFE.test(line))).toBe(true);
    const json = JSON.parse(runCli(["lint", ".", "--format", "json"], { cwd: dir }).stdout) as { findings: { locations: { file: string }[] }[] };
    expect(json.findings.flatMap((f) => f.locations.map((l) => l.file))).toContain(EVIL_FILE);
    const sarif = runCli(["lint", ".", "--format", "sarif"], { cwd: dir }).stdout;
    expect(sarif).toContain(encodeURI(EVIL_FILE).replace(/\[/g, "%5B").replace(/\]/g, "%5D"));
  });

  it("notices and errors on stderr show them as escapes", () => {
    writeFileSync(join(dir, `bad${ESC}[2J.yaml`), Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a])); // not UTF-8: skipped with a notice
    const graph = runCli(["graph", ".", "--format", "json"], { cwd: dir });
    expect(graph.stderr).toContain("bad\\x1b[2J.yaml");
    expect(graph.stderr).not.toMatch(UNSAFE);
    const missing = runCli(["lint", `gone${ESC}[2J`], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("gone\\x1b[2J: no such file or folder");
    expect(missing.stderr).not.toMatch(UNSAFE);
    // A usage error with one problem per line keeps its lines.
    writeFileSync(join(dir, "loopscope.config.yaml"), `failOn: nope${ESC}[2J\nrules:\n  missing-ownr: off\n`);
    const config = runCli(["lint", "."], { cwd: dir });
    expect(config.code).toBe(2);
    expect(config.stderr.split("\n")).toEqual([
      expect.stringMatching(/^loopscope lint: loopscope\.config\.yaml:1:9: must be one of .*\(got "nope\\u001b\[2J"\)/), // the config check quotes values as JSON
      expect.stringMatching(/^loopscope\.config\.yaml:3:3: unknown rule "missing-ownr"/),
      "",
    ]);
  });

  it("query's table shows line breaks as ⏎ and other control characters as escapes, in column names too", () => {
    expect(formatTable(["owner"], [[`a\nb${ESC}[31m`]])).toBe("owner\n-----------\na⏎b\\x1b[31m\n");
    expect(formatTable([`c${ESC}]0;T\u0007`], [[1]])).toBe(`c\\x1b]0;T\\x07\n${"-".repeat(13)}\n${"1".padStart(13)}\n`);
  });
});

/**
 * GitHub Actions takes a job-log line starting (after blanks) with `::` as a workflow command,
 * and `##[` anywhere as its older form; the GitHub Action prints the text report to the log.
 */
describe("text meant for people cannot issue GitHub workflow commands", () => {
  const COMMAND = /^\s*::|##\[/;

  it("the page's escaping (withoutControls) leaves :: and ##[ alone: a browser has no job log", () => {
    expect(withoutControls(`::x C# ##[ ${ESC}`)).toBe("::x C# ##[ \\x1b");
  });

  it("a table cell cut at its limit keeps an emoji whole", () => {
    const value = `${"a".repeat(998)}😀tail`;
    const row = formatTable(["v"], [[value]], 1000).split("\n")[2]!;
    expect(row).toBe(`${"a".repeat(998)}…`);
    expect(row).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("visible() escapes a leading :: and any ##[, and leaves other colons and hashes", () => {
    expect(visible("::error file=a::x")).toBe("\\x3a:error file=a::x");
    expect(visible("  ::warning::x")).toBe("  \\x3a:warning::x");
    expect(visible("team ##[error]x ##[group]")).toBe("team \\x23#[error]x \\x23#[group]");
    expect(visible("std::vector # 1 ## 2 a:b")).toBe("std::vector # 1 ## 2 a:b");
  });

  it("in lint's text report, a strict baseline's stale entries, and query's tables", () => {
    writeFileSync(join(dir, "::error file=README.md,line=1::Injected.yaml"), "apiVersion: loopscope/v1\nkind: Model\nname: named\n");
    writeFileSync(join(dir, "owned.yaml"), 'apiVersion: loopscope/v1\nkind: Model\nname: owned\nowner: "##[error file=README.md;line=1]Injected"\ninputs: [other/out]\n');
    const text = runCli(["lint", ".", "--no-color", "--fail-on", "never"], { cwd: dir }).stdout;
    expect(text).toContain("  \\x3a:error file=README.md,line=1::Injected.yaml:3:7  missing-owner");
    for (const line of text.split("\n")) expect(line).not.toMatch(COMMAND);
    writeFileSync(join(dir, "b.json"), JSON.stringify({ version: 1, tool: "loopscope", entries: [{ rule: "hidden-feedback-loop", models: ["a"], fingerprint: `x${ESC}[2J\n::error file=x::stale\u202e`, reason: "" }] }));
    const strict = runCli(["lint", ".", "--baseline", "b.json", "--strict-baseline", "--format", "json"], { cwd: dir });
    expect(strict.stderr).toContain("1 stale baseline entry;");
    expect(strict.stderr).toContain("  stale: hidden-feedback-loop a (x\\x1b[2J\\n::error file=x::stale\\u202e)");
    for (const line of strict.stderr.split("\n")) {
      expect(line).not.toMatch(COMMAND);
      expect(line).not.toMatch(UNSAFE);
    }
    expect(formatTable(["owner"], [["::warning::x"]]).split("\n")[2]).toBe("\\x3a:warning::x");
  });

  it("in the new findings a baseline comparison names, when a broken document's name is its own raw text", () => {
    // No valid name, so the invalid-manifest finding is named by the text as written.
    writeFileSync(join(dir, "broken.yaml"), `apiVersion: loopscope/v1\nkind: Model\nname: "x\\n::error file=evil.yaml,line=1::injected ##[error]y \\e]0;pwned\\a"\noutputs: [{name: o}]\n`);
    writeFileSync(join(dir, "empty.json"), JSON.stringify({ version: 1, tool: "loopscope", entries: [] }));
    const result = runCli(["lint", ".", "--baseline", "empty.json", "--format", "json"], { cwd: dir });
    expect(result.stderr).toContain("  new: error invalid-manifest x\\n::error file=evil.yaml,line=1::injected \\x23#[error]y \\x1b]0;pwned\\x07 (broken.yaml:");
    for (const line of result.stderr.split("\n")) {
      expect(line).not.toMatch(COMMAND);
      expect(line).not.toMatch(UNSAFE);
    }
  });
});
