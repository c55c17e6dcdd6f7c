import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readSources } from "../../src/io/read-sources.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * Hostile folders on a real file system: symlink loops, broken links, a FIFO, a 100 MB
 * file, bytes that are not UTF-8. Each becomes a notice naming the file; the good file
 * next to them is still read; nothing blocks, throws or reads the big file into memory.
 */
const GOOD = "apiVersion: loopscope/v1\nkind: Dataset\nname: good\n";
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "loopscope-hostile-"));
  writeFileSync(join(dir, "good.yaml"), GOOD);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const noticesOf = (result: ReturnType<typeof readSources>) => result.notices.map((n) => `${n.file}${n.line ? `:${n.line}:${n.column}` : ""}: ${n.message}`);

describe("readSources on hostile folders", () => {
  it("ends folder symlink loops and reports file symlink loops and broken links", () => {
    mkdirSync(join(dir, "sub"));
    symlinkSync("..", join(dir, "sub", "up")); // sub/up -> the root again
    symlinkSync(dir, join(dir, "self"));
    symlinkSync("b.yaml", join(dir, "a.yaml"));
    symlinkSync("a.yaml", join(dir, "b.yaml"));
    symlinkSync("missing.yaml", join(dir, "dangling.yaml"));
    const result = readSources(["."], dir);
    expect(result.sources.map((s) => s.path)).toEqual(["good.yaml"]);
    expect(noticesOf(result)).toEqual(["a.yaml: symlink loop (ELOOP); skipped", "b.yaml: symlink loop (ELOOP); skipped", "dangling.yaml: broken symlink (ENOENT); skipped"]);
  });

  it("names a folder given twice (once through a symlink) the same way whichever order the paths come in", () => {
    mkdirSync(join(dir, "real"));
    writeFileSync(join(dir, "real", "m.yaml"), GOOD.replace("good", "m"));
    symlinkSync("real", join(dir, "link"));
    const paths = (args: string[]) => readSources(args, dir).sources.map((s) => s.path);
    expect(paths(["real", "link"])).toEqual(["link/m.yaml"]);
    expect(paths(["link", "real"])).toEqual(["link/m.yaml"]);
  });

  it("names files relative to the working folder, whether it is above, inside or beside the folder walked", () => {
    mkdirSync(join(dir, "team", "models"), { recursive: true });
    mkdirSync(join(dir, "elsewhere"));
    writeFileSync(join(dir, "team", "models", "m.yaml"), GOOD.replace("good", "m"));
    writeFileSync(join(dir, "team", "d.json"), "{}");
    const paths = (given: string, cwd: string) => readSources([given], cwd).sources.map((s) => s.path);
    expect(paths(".", dir)).toEqual(["good.yaml", "team/d.json", "team/models/m.yaml"]);
    expect(paths("team", dir)).toEqual(["team/d.json", "team/models/m.yaml"]);
    // Walking a folder that holds the working folder: files there are named from it, not through "..".
    expect(paths("..", join(dir, "team"))).toEqual(["../good.yaml", "d.json", "models/m.yaml"]);
    expect(paths("../team", join(dir, "elsewhere"))).toEqual(["../team/d.json", "../team/models/m.yaml"]);
    expect(paths(dir, join(dir, "team", "models"))).toEqual(["../../good.yaml", "../d.json", "m.yaml"]);
  });

  it("skips a FIFO named like a manifest instead of blocking on it", () => {
    execFileSync("mkfifo", [join(dir, "pipe.yaml")]);
    const result = readSources(["."], dir);
    expect(result.sources.map((s) => s.path)).toEqual(["good.yaml"]);
    expect(noticesOf(result)).toEqual(["pipe.yaml: not a regular file (a device, FIFO or socket); skipped"]);
    // Named on the command line, too.
    expect(noticesOf(readSources(["pipe.yaml"], dir))).toEqual(["pipe.yaml: not a regular file (a device, FIFO or socket); skipped"]);
  });

  it("does not read a 100 MB file", () => {
    writeFileSync(join(dir, "huge.yaml"), "");
    truncateSync(join(dir, "huge.yaml"), 100 * 1024 * 1024); // sparse: costs no disk
    const before = process.memoryUsage().arrayBuffers;
    const result = readSources(["."], dir);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50 * 1024 * 1024);
    expect(noticesOf(result)).toEqual(["huge.yaml: file is 100.0 MiB, larger than the limit of 20 MiB; it is not read"]);
    expect(result.sources.map((s) => s.path)).toEqual(["good.yaml"]);
  });

  it("reports bytes that are not UTF-8 at their line and column", () => {
    const latin1 = Buffer.concat([Buffer.from("apiVersion: loopscope/v1\nkind: Dataset\nname: caf"), Buffer.from([0xe9]), Buffer.from("\n")]);
    writeFileSync(join(dir, "latin1.yaml"), latin1);
    writeFileSync(join(dir, "random.json"), Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x80, 0x7d]));
    // A multi-byte character before the bad byte: the column counts characters, not bytes.
    writeFileSync(join(dir, "mixed.yaml"), Buffer.concat([Buffer.from("name: “q” "), Buffer.from([0xc3, 0x28])]));
    const result = readSources(["."], dir);
    expect(noticesOf(result)).toEqual([
      "latin1.yaml:3:10: not valid UTF-8 text (byte 0xe9 at offset 48); skipped",
      "mixed.yaml:1:11: not valid UTF-8 text (byte 0xc3 at offset 14); skipped",
      "random.json:1:2: not valid UTF-8 text (byte 0xff at offset 1); skipped",
    ]);
    expect(result.sources.map((s) => s.path)).toEqual(["good.yaml"]);
  });

  it("names files and folders whose names are not UTF-8 in a notice, with their bytes, instead of losing them behind ENOENT", () => {
    // Node decodes names as UTF-8, so `team\xe9` came back as "team\ufffd", which cannot be opened.
    const folder = Buffer.concat([Buffer.from(`${dir}/team`), Buffer.from([0xe9])]);
    mkdirSync(folder);
    writeFileSync(Buffer.concat([folder, Buffer.from("/m.yaml")]), GOOD.replace("good", "lost"));
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/bad`), Buffer.from([0xff, 0xfe]), Buffer.from(".yaml")]), GOOD);
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/picture`), Buffer.from([0xe9]), Buffer.from(".png")]), "not a manifest");
    // Two names that decode to one string, and a valid name that really holds U+FFFD (readable).
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/x`), Buffer.from([0xe8]), Buffer.from(".yaml")]), GOOD);
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/x`), Buffer.from([0xe9]), Buffer.from(".yaml")]), GOOD);
    writeFileSync(join(dir, "x\ufffd.yaml"), GOOD.replace("good", "replacement"));
    const result = readSources(["."], dir);
    expect(noticesOf(result)).toEqual([
      "bad\\xff\\xfe.yaml: this name is not valid UTF-8, so it cannot be opened by name here; skipped (rename it)",
      "team\\xe9: this name is not valid UTF-8, so it cannot be opened by name here; skipped (rename it)",
      "x\\xe8.yaml: this name is not valid UTF-8, so it cannot be opened by name here; skipped (rename it)",
      "x\\xe9.yaml: this name is not valid UTF-8, so it cannot be opened by name here; skipped (rename it)",
    ]);
    expect(result.sources.map((s) => s.path)).toEqual(["good.yaml", "x\ufffd.yaml"]);
  });

  it("the CLI survives all of it in one folder: notices, findings, no stack trace", () => {
    mkdirSync(join(dir, "sub"));
    symlinkSync("..", join(dir, "sub", "up"));
    symlinkSync("b.yaml", join(dir, "a.yaml"));
    symlinkSync("a.yaml", join(dir, "b.yaml"));
    execFileSync("mkfifo", [join(dir, "pipe.yaml")]);
    writeFileSync(join(dir, "huge.yaml"), "");
    truncateSync(join(dir, "huge.yaml"), 100 * 1024 * 1024);
    writeFileSync(join(dir, "latin1.yaml"), Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    writeFileSync(join(dir, "binary.yaml"), Buffer.from([0x00, 0x01, 0x02, 0x03]));
    writeFileSync(join(dir, "broken.yaml"), "apiVersion: loopscope/v1\nkind: Model\nname: broken\n  bad: indentation\n");
    writeFileSync(join(dir, "m.yaml"), "apiVersion: loopscope/v1\nkind: Model\nname: m\ninputs: [good]\n");
    const result = runCli(["lint", ".", "--format", "json"], { cwd: dir });
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.code).toBe(1); // the broken manifest is an error finding
    const report = JSON.parse(result.stdout) as { findings: { rule: string; locations: { file: string; line: number }[] }[]; notices: { file: string; message: string }[]; summary: { models: number } };
    expect(report.summary.models).toBe(1);
    const invalid = report.findings.filter((f) => f.rule === "invalid-manifest").map((f) => f.locations[0]!);
    expect(invalid.length).toBeGreaterThan(0);
    expect(invalid.every((l) => l.file === "broken.yaml" && l.line === 3)).toBe(true);
    // One list in file order, whichever step gave each notice (walk, read, parse).
    expect(report.notices.map((n) => n.file)).toEqual(["a.yaml", "b.yaml", "binary.yaml", "huge.yaml", "latin1.yaml", "pipe.yaml"]);
  });
});
