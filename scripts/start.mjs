#!/usr/bin/env node
// `npm start`: build the UI and serve it on 127.0.0.1 with samples/bike-shop analysed.
// Plain Node (no dependencies of its own) so it works right after `npm ci`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const vite = `${root}node_modules/vite/bin/vite.js`;
if (!existsSync(vite)) {
  console.error("loopscope: dependencies are missing; run `npm ci` first");
  process.exit(2);
}
const build = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const port = await freePort(Number(process.env.PORT ?? 4173));
const server = spawn(process.execPath, [vite, "preview", "--host", "127.0.0.1", "--port", String(port), "--strictPort"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
server.stdout.on("data", (chunk) => {
  if (String(chunk).includes("Local")) console.log(`\nLoopscope is running: http://127.0.0.1:${port}/#sample=bike-shop\n(Ctrl+C to stop)`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

/** The first free port from `start` on 127.0.0.1. */
function freePort(start) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(freePort(start + 1)));
    probe.listen(start, "127.0.0.1", () => probe.close(() => resolve(start)));
  });
}
