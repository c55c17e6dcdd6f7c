import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = fileURLToPath(new URL("../../bin/loopscope.js", import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Spawns the real `loopscope` binary (as `npx loopscope` would), without a TTY. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: "", LOOPSCOPE_TODAY: "2026-11-28", ...options.env },
    encoding: "utf8",
    input: options.input ?? "",
    timeout: 60_000,
    maxBuffer: 1 << 28,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The CLI on the system's date, as the UI uses it: browser tests compare the page with the CLI, and a pinned
 * date would part them once a sample's acknowledgement expires (ride-hailing's on 2027-03-31).
 */
export function runCliOnToday(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliResult {
  return runCli(args, { ...options, env: { LOOPSCOPE_TODAY: new Date().toISOString().slice(0, 10), ...options.env } });
}
