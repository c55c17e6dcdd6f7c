import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * CLI tests spawn the real binary, which runs the compiled CLI: compile it once per run.
 * tsc emits even when it finds type errors; type errors fail `npm run typecheck` (and CI),
 * not the behaviour tests.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const result = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.node.json"], { cwd: root, encoding: "utf8" });
  if (!existsSync(`${root}/dist-node/src/cli.js`)) throw new Error(`loopscope tests: the CLI did not compile:\n${result.stdout}${result.stderr}`);
  // The binary runs the one-file bundle when it is newer than the compile (scripts/bundle-cli.mjs).
  const bundle = spawnSync(process.execPath, ["scripts/bundle-cli.mjs"], { cwd: root, encoding: "utf8" });
  if (bundle.status !== 0) throw new Error(`loopscope tests: the CLI did not bundle:\n${bundle.stdout}${bundle.stderr}`);
}
