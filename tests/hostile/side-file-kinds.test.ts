import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

/**
 * The files named beside the manifests (--config, --baseline, --mapping, a database, a dbt
 * manifest, a manifest an import merges into) are read the way manifests are: a device or
 * FIFO is refused without a blocking read (`--config /dev/zero` read zeros until the process
 * died; a FIFO waited for a writer for ever), a file over its limit is refused before it is
 * read (a sparse 1.5 GB baseline took 15 s and 2.2 GB to fail), and a database that does not
 * start as SQLite's do is refused before it is read whole.
 */
let dir: string;
let fifo: string | undefined;
const EVENT = JSON.stringify({ eventType: "COMPLETE", job: { namespace: "a", name: "b" }, inputs: [], outputs: [{ namespace: "x", name: "y" }] });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "loopscope-side-kinds-"));
  writeFileSync(join(dir, "d.yaml"), "apiVersion: loopscope/v1\nkind: Dataset\nname: d\n");
  writeFileSync(join(dir, "event.json"), EVENT);
  const made = spawnSync("mkfifo", [join(dir, "pipe")]);
  if (made.status === 0) fifo = join(dir, "pipe");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file of `bytes` zeros that takes no disk space. */
function sparse(name: string, bytes: number): string {
  const path = join(dir, name);
  writeFileSync(path, "");
  truncateSync(path, bytes);
  return path;
}

describe("side files that are devices, FIFOs, folders or too large", { timeout: 60_000 }, () => {
  const cases: [string, (file: string) => string[], RegExp][] = [
    ["--config", (f) => ["lint", "d.yaml", "--config", f], /^loopscope lint: .*: cannot read config \((.*)\)\n$/],
    ["--baseline", (f) => ["lint", "d.yaml", "--baseline", f], /^loopscope lint: .*: cannot read baseline \((.*)\)\n$/],
    ["--mapping", (f) => ["import", "openlineage", "event.json", "--out", "out", "--mapping", f], /^loopscope import: --mapping .*: cannot read \((.*)\)\n$/],
    ["a dbt manifest", (f) => ["import", "dbt", f, "--out", "out"], /^loopscope import: .*: cannot read \((.*)\)\n$/],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}: a device, a FIFO and a folder are refused at once`, () => {
      for (const [file, reason] of [["/dev/zero", "not a regular file: a device, FIFO or socket"], ...(fifo ? [[fifo, "not a regular file: a device, FIFO or socket"]] : []), [dir, "a folder, not a file"]] as const) {
        const result = runCli(args(file), { cwd: dir });
        expect(result.code, file).toBe(2);
        expect(result.stderr.match(message)?.[1], result.stderr).toBe(reason);
      }
    });
  }

  it("a baseline over 256 MiB and a config over 20 MiB are refused before they are read", () => {
    const baseline = runCli(["lint", "d.yaml", "--baseline", sparse("huge-baseline.json", 300 * 1024 * 1024)], { cwd: dir });
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toBe("loopscope lint: huge-baseline.json: cannot read baseline (the file is 300.0 MiB, larger than the limit of 256 MiB)\n");
    const config = runCli(["lint", "d.yaml", "--config", sparse("huge.config.yaml", 21 * 1024 * 1024)], { cwd: dir });
    expect(config.stderr).toBe("loopscope lint: huge.config.yaml: cannot read config (the file is 21.0 MiB, larger than the limit of 20 MiB)\n");
  });

  it("a database: anything that does not start as SQLite's files do is refused before it is read whole", () => {
    for (const file of ["/dev/zero", sparse("huge.sqlite", 1536 * 1024 * 1024)]) {
      for (const command of ["history", "query"]) {
        const result = runCli(command === "query" ? ["query", file, "SELECT 1"] : ["history", file], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(`loopscope ${command}: ${file}: not a SQLite database (file is not a database)\n`);
      }
    }
  });

  it("a database over 2 GiB: refused in the words every side file uses, named as it was typed", () => {
    const huge = sparse("huge-db.sqlite", 2 * 1024 * 1024 * 1024 + 1);
    writeFileSync(huge, "SQLite format 3\0", { flag: "r+" });
    const reason = "huge-db.sqlite: cannot read database (the file is 2.0 GiB, larger than the limit of 2 GiB)";
    for (const [command, ...args] of [["lint", "d.yaml", "--db", "huge-db.sqlite"], ["history", "huge-db.sqlite"], ["query", "huge-db.sqlite", "SELECT 1"]] as const) {
      const result = runCli([command, ...args], { cwd: dir });
      expect(result.code, command).toBe(2);
      expect(result.stderr, command).toBe(`loopscope ${command}: ${reason}\n`);
    }
  });

  it("event files that are all unreadable: each reason, then one line that ends the run", () => {
    mkdirSync(join(dir, "events"));
    sparse("events/huge.json", 21 * 1024 * 1024);
    const result = runCli(["import", "openlineage", "events", "--out", "out"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("events/huge.json: file is 21.0 MiB, larger than the limit of 20 MiB; it is not read\nloopscope import: none of the event files could be read (1 skipped, above)\n");
  });

  it("an import's --out where no folder can be made: one line at once, not Node's recursive mkdir looping for ever", () => {
    writeFileSync(join(dir, "plain-file"), "");
    for (const [out, reason] of [
      ["plain-file", "a file stands where a folder is needed (EEXIST)"],
      ["plain-file/sub", "a file stands where a folder is needed (ENOTDIR)"],
      // mkdir in /proc answers ENOENT although /proc exists: mkdirSync({ recursive: true }) spun at full CPU.
      ...(existsSync("/proc/self") ? [["/proc/loopscope-out", "no such file or folder (ENOENT)"]] : []),
    ] as const) {
      const result = runCli(["import", "openlineage", "event.json", "--out", out], { cwd: dir });
      expect(result.code, out).toBe(2);
      expect(result.stderr, out).toMatch(new RegExp(`^loopscope import: cannot write .*a\\.yaml: ${reason.replace(/[()]/g, "\\$&")}\n$`));
    }
  });

  it.skipIf(!existsSync("/dev/zero"))("a manifest an import would merge into that is a device: a notice, the rest written", () => {
    const out = join(dir, "merge-out");
    expect(runCli(["import", "openlineage", "event.json", "--out", out], { cwd: dir }).code).toBe(0);
    const written = readFileSync(join(out, "x.yaml"), "utf8");
    rmSync(join(out, "x.yaml"));
    spawnSync("ln", ["-s", "/dev/zero", join(out, "x.yaml")]);
    const result = runCli(["import", "openlineage", "event.json", "--out", out], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("x.yaml: cannot merge the import into this file (not a regular file: a device, FIFO or socket); left unchanged");
    expect(written).toContain("name: y"); // the dataset x/y
  });
});
