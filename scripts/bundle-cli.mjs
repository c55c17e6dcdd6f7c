#!/usr/bin/env node
// Second half of `npm run build:cli` (after tsc emits dist-node/): bundles the CLI into one
// file, dist-node/loopscope.mjs, its reader thread into dist-node/read-worker.js and its query
// thread into dist-node/query-worker.js.
// Loading one file instead of some 250 modules (ours, zod's, yaml's) takes the start-up of
// every command from about 0.4 s to 0.25 s on the 2-core benchmark machine.
import { buildSync } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  // sql.js finds its wasm file next to its own module, so it stays a package import.
  external: ["sql.js"],
  // Some dependencies are CommonJS and require Node built-ins.
  banner: { js: 'import { createRequire as __loopscopeRequire } from "node:module"; const require = __loopscopeRequire(import.meta.url);' },
  absWorkingDir: root,
  // ASCII only: one non-ASCII character makes Node decode the whole 1.4 MB file into a
  // two-byte string (16 ms) and V8 scan it as such. esbuild escapes strings and regular
  // expressions; dependencies' comments ("—", "“") are escaped below.
  charset: "ascii",
};
buildSync({ ...common, entryPoints: ["dist-node/src/cli.js"], outfile: "dist-node/loopscope.mjs" });
// read-in-background.ts starts "./read-worker.js" next to the module that runs it: the bundle.
buildSync({ ...common, entryPoints: ["dist-node/src/io/read-worker.js"], outfile: "dist-node/read-worker.js" });
// query-on-thread.ts starts "./query-worker.js" the same way (it loads sql.js, the analyzer's db code and nothing else).
buildSync({ ...common, entryPoints: ["dist-node/src/io/query-worker.js"], outfile: "dist-node/query-worker.js" });

for (const file of ["dist-node/loopscope.mjs", "dist-node/read-worker.js", "dist-node/query-worker.js"]) {
  const path = join(root, file);
  const text = readFileSync(path, "utf8");
  // Only comments are left to escape; `\uXXXX` there is just text.
  if (/[^\x00-\x7f]/.test(text)) writeFileSync(path, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
