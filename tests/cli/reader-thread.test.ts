import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generateEstate } from "../../bench/generate.js";
import { analyze } from "../../analyzer/index.js";
import { formatJson } from "../../analyzer/report/json.js";
import { listManifestFiles, readSources } from "../../src/io/read-sources.js";
import { readManifestFile } from "../../src/io/read-file.js";
import { runCli } from "../helpers/run-cli.js";
import { main } from "../../src/cli.js";
import { startReader } from "../../src/io/read-in-background.js";
import { filterSources } from "../../src/io/filter-sources.js";
import { loadConfig } from "../../src/io/load-config.js";
import { compareNotices } from "../../analyzer/engine/sort.js";

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

    // Notices from the walk, in folders listed by this thread and by the reader thread: "team-0000-x"
    // is walked after "team-0000/" but sorts before it as a path.
    for (const folder of ["aaa", "team-0000-x", "zzz"]) {
      mkdirSync(join(dir, folder));
      symlinkSync("missing.yaml", join(dir, folder, "broken.yaml"));
      writeFileSync(join(dir, folder, "bad.yaml"), Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]));
    }
    symlinkSync("..", join(dir, "zzz", "up"));
    writeFileSync(join(dir, "team-0000", "zz-bad.yaml"), Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]));

    const cli = runCli(["lint", ".", "--format", "json", "--fail-on", "never"], { cwd: dir });
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);

    // In line: the same walk and reader, then analyze(), the notices in one file order as the CLI gives them.
    const read = readSources(["."], dir);
    const { report } = analyze(read.sources, { today: "2026-11-28" });
    const expected = formatJson({ ...report, notices: [...read.notices, ...report.notices].sort(compareNotices) });
    expect(read.sources.length).toBeGreaterThan(500);
    expect(read.notices.some((n) => n.file === "not-utf8.yaml")).toBe(true);
    expect(read.notices.map((n) => n.file)).toEqual(["aaa/broken.yaml", "team-0000-x/broken.yaml", "zzz/broken.yaml", "aaa/bad.yaml", "not-utf8.yaml", "team-0000-x/bad.yaml", "team-0000/zz-bad.yaml", "zzz/bad.yaml"]);
    expect(cli.stdout).toBe(expected);

    // The config's globs, applied by whichever thread found the file.
    writeFileSync(join(dir, "loopscope.config.yaml"), "exclude:\n  - team-0001/**\n  - zzz/**\n");
    const filtered = runCli(["lint", ".", "--format", "json", "--fail-on", "never"], { cwd: dir });
    expect(filtered.stderr).toBe("");
    // In line, as the CLI did before handing walks to the thread: list, keep, read in path order.
    const loaded = loadConfig(dir);
    const listed = listManifestFiles(["."], dir);
    const keptFiles = filterSources(listed.files, loaded, dir).sources;
    expect(keptFiles.length).toBeLessThan(listed.files.length);
    const reads = keptFiles.map(readManifestFile);
    const keptSources = reads.flatMap((r) => ("source" in r ? [r.source] : []));
    const keptReport = analyze(keptSources, { today: "2026-11-28", config: loaded.config }).report;
    const keptNotices = [...listed.notices, ...reads.flatMap((r) => ("notice" in r ? [r.notice] : [])), ...keptReport.notices].sort(compareNotices);
    expect(keptNotices.some((n) => n.file === "zzz/broken.yaml")).toBe(true);
    expect(filtered.stdout).toBe(formatJson({ ...keptReport, notices: keptNotices }));
  }, 60_000);
});

describe("a large walk without the reader thread", () => {
  it("is finished on the main thread from where it was handed over: the same report as the CLI's, byte for byte", async () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-reader-none-"));
    for (const source of generateEstate({ models: 600, seed: 11 })) {
      const path = join(dir, source.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, source.text);
    }
    for (const folder of ["aaa", "zzz"]) {
      mkdirSync(join(dir, folder));
      symlinkSync("missing.yaml", join(dir, folder, "broken.yaml"));
      writeFileSync(join(dir, folder, "bad.yaml"), Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]));
    }
    const cli = runCli(["lint", ".", "--format", "json", "--fail-on", "never"], { cwd: dir });
    expect(cli.code).toBe(0);
    // In process, from the TypeScript sources, there is no compiled reader thread to start.
    let stdout = "";
    const code = await main(["lint", ".", "--format", "json", "--fail-on", "never"], {
      stdout: (text) => void (stdout += typeof text === "string" ? text : new TextDecoder().decode(text)),
      stderr: () => undefined,
      cwd: dir,
      isTTY: false,
      stderrIsTTY: false,
      env: { LOOPSCOPE_TODAY: "2026-11-28" },
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).summary.files).toBeGreaterThan(500);
    expect(stdout).toBe(cli.stdout);
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
