#!/usr/bin/env node
// Thin launcher: the CLI is compiled by `npm run build:cli` (run by `npm ci`/`npm install` via prepare).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
const entry = new URL("../dist-node/src/cli.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write("loopscope: the CLI is not built; run `npm run build:cli` in the package folder\n");
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
