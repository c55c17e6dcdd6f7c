import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generateEstate } from "../../bench/generate.js";
import { analyze } from "../../analyzer/index.js";
import { formatJson } from "../../analyzer/report/json.js";
import { readSources } from "../../src/io/read-sources.js";
import { runCli } from "../helpers/run-cli.js";
import { startReader } from "../../src/io/read-in-background.js";

/**
 * Estates of 500 files or more are read on a worker thread while the main thread parses
 * (src/io/read-in-background.ts). The report must be exactly what reading in line gives,
 * bad files included.
 */
describe("reading a large estate on a worker thread", () => {
  it("gives the same report, byte for byte, as reading in line, with bad files among the good", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-reader-"));
    for (const source of generateEstate({ models: 600, seed: 7 })) {
      const path = join(dir, source.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, source.text);
    }
    writeFileSync(join(dir, "not-utf8.yaml"), Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    writeFileSync(join(dir, "broken.yaml"), "apiVersion: loopscope/v1\nkind: Model\nname: [unclosed\n");
    const locked = join(dir, "locked.yaml");
    writeFileSync(locked, "apiVersion: loopscope/v1\nkind: Model\nname: locked\n");
    chmodSync(locked, 0o000);

    const cli = runCli(["lint", ".", "--format", "json", "--fail-on", "never"], { cwd: dir });
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);

    // In line: the same walk and reader, then analyze(), with read notices first as the CLI puts them.
    const read = readSources(["."], dir);
    const { report } = analyze(read.sources, { today: "2026-11-28" });
    const expected = formatJson({ ...report, notices: [...read.notices, ...report.notices] });
    expect(read.sources.length).toBeGreaterThan(500);
    expect(read.notices.some((n) => n.file === "not-utf8.yaml")).toBe(true);
    expect(cli.stdout).toBe(expected);
  }, 60_000);
});

describe("the reader thread failing", () => {
  it("reads every file in line when the thread ended before the list was ready", async () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-reader-dead-"));
    const broken = join(dir, "broken-reader.mjs");
    writeFileSync(broken, 'throw new Error("the reader could not start");\n');
    const manifest = join(dir, "d.yaml");
    writeFileSync(manifest, "apiVersion: loopscope/v1\nkind: Dataset\nname: d\n");
    const reader = startReader(pathToFileURL(broken));
    // The walk takes a while; by then the thread has failed and ended.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const files = Array.from({ length: 600 }, (_, i) => ({ path: `copy-${i}.yaml`, absolute: manifest }));
    const seen: string[] = [];
    await reader.read(files, (result) => seen.push("source" in result ? result.source.path : `notice ${result.notice.file}`));
    expect(seen).toEqual(files.map((f) => f.path));
  }, 20_000);
});
