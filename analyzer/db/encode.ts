import type { PathStep } from "../types.js";

/** JSON columns are compact JSON text, so `json_extract` and `json_each` work on them in any client. */
export function json(value: unknown): string {
  return JSON.stringify(value);
}

/** A closed walk as one readable line: `a → b → c → a`. */
export function formatWalk(path: readonly PathStep[]): string {
  const first = path[0];
  if (!first) return "";
  return [first.from, ...path.map((step) => step.to)].join(" → ");
}

/** Parses a JSON column written by `json`; a corrupt cell reads as the fallback, never throws. */
export function parseJson<T>(text: unknown, fallback: T): T {
  if (typeof text !== "string") return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
