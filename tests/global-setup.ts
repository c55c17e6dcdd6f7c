import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** CLI tests spawn the real binary, which runs the compiled CLI: compile it once per test run. */
export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.node.json"], { cwd: root, stdio: "inherit" });
}
