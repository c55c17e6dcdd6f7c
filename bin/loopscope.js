#!/usr/bin/env node
// Thin launcher: the CLI is compiled by `npm run build:cli` (run by `npm ci`/`npm install` via prepare).
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
const compiled = new URL("../dist-node/src/cli.js", import.meta.url);
const bundle = new URL("../dist-node/loopscope.mjs", import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  process.stderr.write("loopscope: the CLI is not built; run `npm run build:cli` in the package folder\n");
  process.exit(2);
}
// The one-file bundle starts faster; a bundle older than the last compile is stale, so skip it.
const useBundle = existsSync(fileURLToPath(bundle)) && statSync(fileURLToPath(bundle)).mtimeMs >= statSync(fileURLToPath(compiled)).mtimeMs;
const { main } = await import((useBundle ? bundle : compiled).href);
process.exitCode = await main(process.argv.slice(2));
