import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import { loadSqlJs } from "../../src/io/database-file.js";

/**
 * [I] `lint --db FILE` refuses a database it cannot use before any report is written: README
 * promises that a run that exits 2 prints no report. It printed the whole report, then the
 * error. Only the write after the report (a full disk) can still fail after it
 * (database-file.test.ts simulates that). The CLI runs in-process, in a working folder that is
 * not the process's, so the file is named as typed, not as resolved.
 */
let dir: string;
const cases: [string, string][] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "loopscope-db-refused-"));
  writeFileSync(join(dir, "d.yaml"), "apiVersion: loopscope/v1\nkind: Dataset\nname: d\n");
  const SQL = await loadSqlJs();
  const newer = new SQL.Database();
  newer.exec("CREATE TABLE schema_version (version INTEGER); INSERT INTO schema_version VALUES (99)");
  writeFileSync(join(dir, "newer.sqlite"), newer.export());
  newer.close();
  cases.push(["newer.sqlite", "newer.sqlite: written by a newer Loopscope (schema version 99; this one reads up to 1)"]);
  writeFileSync(join(dir, "notes.sqlite"), "some notes, not a database\n");
  cases.push(["notes.sqlite", "notes.sqlite: not a SQLite database (file is not a database)"]);
  mkdirSync(join(dir, "folder.sqlite"));
  cases.push(["folder.sqlite", "folder.sqlite: cannot read database (a folder, not a file)"]);
  if (spawnSync("mkfifo", [join(dir, "pipe.sqlite")]).status === 0) cases.push(["pipe.sqlite", "pipe.sqlite: cannot read database (not a regular file: a device, FIFO or socket)"]);
  // Sparse: 2 GiB that take no disk space, behind SQLite's 16-byte header.
  writeFileSync(join(dir, "huge.sqlite"), "SQLite format 3\0");
  truncateSync(join(dir, "huge.sqlite"), 2 * 1024 * 1024 * 1024 + 1);
  cases.push(["huge.sqlite", "huge.sqlite: cannot read database (the file is 2.0 GiB, larger than the limit of 2 GiB)"]);
  // A write-ahead log beside the file: another client (sqlite3) has it open in WAL mode.
  const good = new SQL.Database();
  good.exec("CREATE TABLE t (x)");
  writeFileSync(join(dir, "wal.sqlite"), good.export());
  good.close();
  writeFileSync(join(dir, "wal.sqlite-wal"), Buffer.alloc(4096, 1));
  cases.push(["wal.sqlite", "wal.sqlite: wal.sqlite-wal is next to it: another SQLite client has the database open, or did not finish writing it; Loopscope reads and writes the file alone and would lose that client's changes. To go on, close the other client, or run `sqlite3 wal.sqlite 'PRAGMA wal_checkpoint(TRUNCATE)'` to write its log into the file"]);
  // A hot rollback journal (its header there): a write that did not finish.
  writeFileSync(join(dir, "hot.sqlite"), readFileSync(join(dir, "wal.sqlite")));
  writeFileSync(join(dir, "hot.sqlite-journal"), Buffer.concat([Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]), Buffer.alloc(504)]));
  cases.push(["hot.sqlite", "hot.sqlite: hot.sqlite-journal is next to it: another SQLite client has the database open, or did not finish writing it; Loopscope reads and writes the file alone and would lose that client's changes. To go on, open it once with `sqlite3 hot.sqlite 'PRAGMA integrity_check'`, which rolls the unfinished write back"]);
  cases.push(["missing/history.sqlite", "cannot write missing/history.sqlite: its folder does not exist (ENOENT)"]);
  cases.push(["d.yaml/history.sqlite", "cannot write d.yaml/history.sqlite: a file stands where a folder is needed (ENOTDIR)"]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function lint(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(["lint", "d.yaml", ...args], {
    stdout: (text) => void (stdout += typeof text === "string" ? text : new TextDecoder().decode(text)),
    stderr: (text) => void (stderr += text),
    cwd: dir,
    isTTY: false,
    stderrIsTTY: false,
    env: { LOOPSCOPE_TODAY: "2026-11-28" },
  });
  return { code, stdout, stderr };
}

describe("lint --db with a database it cannot use", { timeout: 60_000 }, () => {
  it("prints no report, in any format, only the one line that says why", async () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
    for (const [file, reason] of cases) {
      for (const format of ["text", "json", "sarif"]) {
        expect(await lint(["--db", file, "--format", format]), `${file} ${format}`).toEqual({ code: 2, stdout: "", stderr: `loopscope lint: ${reason}\n` });
      }
    }
  });

  it("writes no --output report either", async () => {
    for (const [file, reason] of cases) {
      const output = join(dir, "report.sarif");
      expect(await lint(["--db", file, "--format", "sarif", "--output", "report.sarif"]), file).toEqual({ code: 2, stdout: "", stderr: `loopscope lint: ${reason}\n` });
      expect(existsSync(output), file).toBe(false);
    }
  });

  it("a damaged file is refused before the report (it crashed after it, as an internal error)", async () => {
    expect((await lint(["--db", "damaged.sqlite"])).code).toBe(0);
    const SQL = await loadSqlJs();
    const bytes = readFileSync(join(dir, "damaged.sqlite"));
    const db = new SQL.Database(bytes);
    const page = Number(db.exec("SELECT rootpage FROM sqlite_master WHERE name = 'runs'")[0]!.values[0]![0]);
    const size = Number(db.exec("PRAGMA page_size")[0]!.values[0]![0]);
    db.close();
    bytes.fill(0xff, (page - 1) * size, (page - 1) * size + 12);
    writeFileSync(join(dir, "damaged.sqlite"), bytes);
    const result = await lint(["--db", "damaged.sqlite"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^loopscope lint: damaged\.sqlite: a damaged SQLite database \(.+\); PRAGMA integrity_check in sqlite3 tells more: restore a copy or start a new file\n$/);
    // history and query do not run the check; they say SQLite's words when they meet the damage (history crashed with a stack trace).
    // Named relative to the command's folder (`cwd`), as every other path.
    for (const args of [["history", "damaged.sqlite"], ["query", "damaged.sqlite", "SELECT * FROM runs"]]) {
      let stderr = "";
      const code = await main(args, { stdout: () => undefined, stderr: (text) => void (stderr += text), cwd: dir, isTTY: false, stderrIsTTY: false, env: {} });
      expect(code, args[0]).toBe(2);
      expect(stderr, args[0]).toMatch(/^loopscope (history|query): [^\n/]*damaged\.sqlite[^\n]*SQLite says "database disk image is malformed"[^\n]*\n$/);
    }
  });

  it("a run deleted by hand does not give its number to the next run; a table changed by hand is an error that names the file", async () => {
    for (let i = 0; i < 2; i++) expect((await lint(["--db", "edited.sqlite"])).code).toBe(0);
    const SQL = await loadSqlJs();
    const edit = async (sql: string) => {
      const db = new SQL.Database(readFileSync(join(dir, "edited.sqlite")));
      db.exec(sql);
      writeFileSync(join(dir, "edited.sqlite"), db.export());
      db.close();
    };
    await edit("DELETE FROM runs WHERE id = 2");
    const next = await lint(["--db", "edited.sqlite"]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toBe("loopscope lint: recorded run 3 in edited.sqlite\n");
    await edit("ALTER TABLE runs DROP COLUMN acknowledged");
    const before = readFileSync(join(dir, "edited.sqlite"));
    const refused = await lint(["--db", "edited.sqlite"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`loopscope lint: cannot record the run in edited.sqlite: SQLite says "table runs has no column named acknowledged"; the file is unchanged (check it with \`sqlite3 edited.sqlite 'PRAGMA integrity_check'\`, or start a new file)\n`);
    expect(readFileSync(join(dir, "edited.sqlite")).equals(before)).toBe(true);
  });

  // Root may write any file: this runs only as another user.
  it.skipIf(process.getuid?.() === 0)("a database file Loopscope may not write is refused before the report", async () => {
    expect((await lint(["--db", "readonly.sqlite"])).code).toBe(0);
    chmodSync(join(dir, "readonly.sqlite"), 0o444);
    expect(await lint(["--db", "readonly.sqlite"])).toEqual({ code: 2, stdout: "", stderr: "loopscope lint: cannot write readonly.sqlite: permission denied (EACCES)\n" });
  });

  it("a journal a finished write left behind (journal_mode=PERSIST: its header zeroed) does not lock the file out", async () => {
    writeFileSync(join(dir, "persist.sqlite-journal"), Buffer.alloc(512));
    expect((await lint(["--db", "persist.sqlite"])).code).toBe(0);
    expect((await lint(["--db", "persist.sqlite"])).stderr).toBe("loopscope lint: recorded run 2 in persist.sqlite\n");
  });

  it("a usable database still gets the report first, then the run recorded", async () => {
    const result = await lint(["--db", "history.sqlite"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("✔ 0 findings (0 errors, 0 warnings, 0 info) in 1 file, 0 models\n");
    expect(result.stderr).toBe("loopscope lint: recorded run 1 in history.sqlite\n");
  });
});
