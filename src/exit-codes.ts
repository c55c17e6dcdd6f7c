/** 0: nothing at or above --fail-on; 1: findings at or above it; 2: usage, config or I/O error. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A problem the user can fix (bad flag, missing path, bad config): printed as one line, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
