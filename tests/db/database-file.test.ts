import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { rmSync } from "node:fs";
import { listRuns } from "../../analyzer/db/index.js";
import { openDatabaseFile, recordRun, writeFileAtomic, type AtomicWriteFs } from "../../src/io/database-file.js";
import { UsageError } from "../../src/exit-codes.js";
import { analyzeDocs, filesOf } from "../helpers/estate.js";
import { analyseVersions, ESTATE_VERSIONS, expectedDiff } from "./estates.js";
import { HAS_SQLITE3, SQLITE3_MISSING, sqlite3Json, sqlite3Text } from "./sqlite3.js";
import { ROOT } from "./helpers.js";
import * as fs from "node:fs";

const dir = mkdtempSync(join(tmpdir(), "loopscope-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function threeRuns(file: string): Promise<void> {
  for (const [i, docs] of ESTATE_VERSIONS.entries()) {
    await recordRun(file, analyzeDocs(docs), { source: "estate", sources: filesOf(docs), time: `2026-11-0${i + 1}T09:00:00.000Z` });
  }
}

describe("recordRun writes a durable history file", () => {
  test("creates the file, then appends one run per call", async () => {
    const file = join(dir, "runs.sqlite");
    expect(existsSync(file)).toBe(false);
    await threeRuns(file);
    const db = await openDatabaseFile(file);
    expect(listRuns(db).map((r) => r.time)).toEqual(["2026-11-01T09:00:00.000Z", "2026-11-02T09:00:00.000Z", "2026-11-03T09:00:00.000Z"]);
    db.close();
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  test.skipIf(!HAS_SQLITE3)(`the real sqlite3 program reads the file and agrees${HAS_SQLITE3 ? "" : ` (skipped: ${SQLITE3_MISSING})`}`, async () => {
    const file = join(dir, "for-sqlite3.sqlite");
    await threeRuns(file);
    expect(sqlite3Text(file, "PRAGMA integrity_check;").trim()).toBe("ok");
    expect(sqlite3Json(file, "SELECT version FROM schema_version")).toEqual([{ version: 1 }]);
    const analyses = analyseVersions();
    expect(sqlite3Json(file, "SELECT id, errors, warnings, infos FROM runs ORDER BY id")).toEqual(
      analyses.map((a, i) => ({ id: i + 1, errors: a.report.summary.bySeverity.error, warnings: a.report.summary.bySeverity.warning, infos: a.report.summary.bySeverity.info })),
    );
    // Fixed between run 2 and 3, in plain SQL on the history table, equals the fingerprint oracle.
    const fixed = sqlite3Json(file, "SELECT fingerprint, rule FROM run_findings WHERE run_id = 2 AND fingerprint NOT IN (SELECT fingerprint FROM run_findings WHERE run_id = 3) ORDER BY fingerprint");
    expect(fixed.map((r) => r["fingerprint"])).toEqual(expectedDiff(analyses[1]!, analyses[2]!).fixed);
    expect(fixed.map((r) => r["rule"])).toContain("direct-feedback-loop");
    // JSON columns work with SQLite's own json functions.
    expect(sqlite3Json(file, "SELECT json_extract(locations, '$[0].file') AS file FROM findings WHERE rule = 'unknown-reference'")).toEqual([{ file: "forecast.yaml" }]);
  });
});

describe("the file written is the one that was there", () => {
  const runsIn = async (file: string): Promise<number> => {
    const db = await openDatabaseFile(file);
    const count = listRuns(db).length;
    db.close();
    return count;
  };

  test("a symlinked database is updated where it lives, the link stays a link", async () => {
    mkdirSync(join(dir, "store"));
    const real = join(dir, "store", "linked.sqlite");
    await recordRun(real, analyzeDocs(ESTATE_VERSIONS[0]!), { source: "estate" });
    const link = join(dir, "linked.sqlite");
    symlinkSync("store/linked.sqlite", link);
    await recordRun(link, analyzeDocs(ESTATE_VERSIONS[1]!), { source: "estate" });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(await runsIn(real)).toBe(2);
    // The temporary file was made beside the real file (same file system for the rename).
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  test("a link to a database not made yet creates it at the link's target", async () => {
    const link = join(dir, "dangling.sqlite");
    symlinkSync("store/later.sqlite", link);
    await recordRun(link, analyzeDocs(ESTATE_VERSIONS[0]!), { source: "estate" });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(await runsIn(join(dir, "store", "later.sqlite"))).toBe(1);
  });

  test("a private database stays private (mode kept exactly, past the umask)", async () => {
    const file = join(dir, "private.sqlite");
    await recordRun(file, analyzeDocs(ESTATE_VERSIONS[0]!), { source: "estate" });
    for (const mode of [0o600, 0o664]) {
      chmodSync(file, mode);
      await recordRun(file, analyzeDocs(ESTATE_VERSIONS[1]!), { source: "estate" });
      expect(statSync(file).mode & 0o7777).toBe(mode);
    }
  });
});

describe("a crash during write leaves the previous file intact", () => {
  /** An fs that writes half the bytes of the temporary file, then fails like a full disk. */
  const failingHalfway = (): AtomicWriteFs => ({
    ...fs,
    writeSync: (fd, buffer, offset, length) => {
      fs.writeSync(fd, buffer, offset, Math.max(1, Math.floor(length / 2)));
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    },
  });

  test("an I/O error mid-write: old bytes kept, temporary file removed, one clean error", async () => {
    const file = join(dir, "crash-io.sqlite");
    await threeRuns(file);
    const before = readFileSync(file);
    expect(() => writeFileAtomic(file, new Uint8Array(before.length * 2).fill(7), failingHalfway())).toThrow(UsageError);
    expect(() => writeFileAtomic(file, new Uint8Array(10), failingHalfway())).toThrow(/cannot write .*ENOSPC/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith(".crash-io"))).toEqual([]);
  });

  test("the process killed (SIGKILL) mid-write: old file still opens with all its runs", async () => {
    const file = join(dir, "crash-kill.sqlite");
    await threeRuns(file);
    const before = readFileSync(file);
    // A child process records a fourth run but dies half way through writing the temporary file.
    const script = `
      import * as fs from "node:fs";
      const { recordRun, writeFileAtomic } = await import(${JSON.stringify(join(ROOT, "dist-node/src/io/database-file.js"))});
      const killer = { ...fs, writeSync: (fd, b, o, l) => { fs.writeSync(fd, b, o, Math.floor(l / 2)); fs.fsyncSync(fd); process.kill(process.pid, "SIGKILL"); return 0; } };
      writeFileAtomic(${JSON.stringify(file)}, new Uint8Array(${before.length + 4096}).fill(1), killer);
    `;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(child.signal).toBe("SIGKILL");
    expect(readFileSync(file).equals(before)).toBe(true);
    const db = await openDatabaseFile(file);
    expect(listRuns(db)).toHaveLength(3);
    db.close();
    // The half-written temporary file is left beside it, never in its place.
    expect(readdirSync(dir).filter((f) => f.startsWith(".crash-kill.sqlite.") && f.endsWith(".tmp"))).toHaveLength(1);
    if (HAS_SQLITE3) expect(sqlite3Text(file, "PRAGMA integrity_check;").trim()).toBe("ok");
  });
});

describe("bad files are usage errors, not stack traces", () => {
  test("missing file (without create), not SQLite, not Loopscope", async () => {
    await expect(openDatabaseFile(join(dir, "nope.sqlite"))).rejects.toThrow(/no such file.*lint <paths> --db/);
    const text = join(dir, "notes.sqlite");
    writeFileSync(text, "just some text that is certainly not a database ".repeat(100));
    await expect(openDatabaseFile(text)).rejects.toThrow(UsageError);
    await expect(openDatabaseFile(text)).rejects.toThrow(/notes\.sqlite: not a SQLite database/);
  });

  test("recording into a folder that does not exist names the file", async () => {
    await expect(recordRun(join(dir, "missing-folder", "x.sqlite"), analyzeDocs(ESTATE_VERSIONS[0]!), { source: "estate" })).rejects.toThrow(/cannot write .*x\.sqlite/);
  });
});
