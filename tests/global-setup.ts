import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * CLI tests spawn the real binary, which runs the compiled CLI: compile it once per run,
 * unless the bundle is already newer than every input. Skipping an up-to-date build also
 * keeps a second `vitest` started meanwhile from rewriting dist-node/ under the first one's
 * running CLI tests. tsc emits even when it finds type errors; type errors fail
 * `npm run typecheck` (and CI), not the behaviour tests.
 */
export default function setup(): () => void {
  buildCli(fileURLToPath(new URL("..", import.meta.url)));
  // Tests make their folders with mkdtemp under os.tmpdir(), as do the CLI runs, Vite builds and
  // Chromium profiles they start: all of them go into one folder per run (the workers and their
  // children inherit TMPDIR), removed when the run ends, so no run leaves anything in /tmp.
  const previous = process.env["TMPDIR"];
  const runFolder = mkdtempSync(join(tmpdir(), "loopscope-tests-"));
  process.env["TMPDIR"] = runFolder;
  return () => {
    if (previous === undefined) delete process.env["TMPDIR"];
    else process.env["TMPDIR"] = previous;
    rmSync(runFolder, { recursive: true, force: true });
  };
}

function buildCli(root: string): void {
  if (isUpToDate(root)) return;
  const result = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.node.json"], { cwd: root, encoding: "utf8" });
  if (!existsSync(`${root}/dist-node/src/cli.js`)) throw new Error(`loopscope tests: the CLI did not compile:\n${result.stdout}${result.stderr}`);
  // The binary runs the one-file bundle when it is newer than the compile (scripts/bundle-cli.mjs).
  const bundle = spawnSync(process.execPath, ["scripts/bundle-cli.mjs"], { cwd: root, encoding: "utf8" });
  if (bundle.status !== 0) throw new Error(`loopscope tests: the CLI did not bundle:\n${bundle.stdout}${bundle.stderr}`);
}

/** What the compiled CLI is made of: its sources, the compiler settings, the installed packages. */
const INPUT_FOLDERS = ["analyzer", "src"];
const INPUT_FILES = ["tsconfig.base.json", "tsconfig.node.json", "package-lock.json", "scripts/bundle-cli.mjs"];

function isUpToDate(root: string): boolean {
  const outputs = ["dist-node/src/cli.js", "dist-node/loopscope.mjs", "dist-node/read-worker.js"].map((file) => join(root, file));
  if (!outputs.every((file) => existsSync(file))) return false;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  let newest = 0;
  for (const file of INPUT_FILES) if (existsSync(join(root, file))) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  for (const folder of INPUT_FOLDERS) newest = Math.max(newest, newestIn(join(root, folder)));
  return newest < built;
}

function newestIn(folder: string): number {
  let newest = statSync(folder).mtimeMs; // a deleted file changes its folder's time
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}
