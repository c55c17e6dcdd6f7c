import fc from "fast-check";

/**
 * How long the fuzz suite runs. CI runs each property FUZZ_RUNS times (default 200, a few
 * seconds); run longer locally with `FUZZ_RUNS=20000 npx vitest run tests/fuzz`. fast-check
 * picks a new seed each run and prints it with a failure: `FUZZ_SEED=<seed>` replays it.
 */
export const runs = Number(process.env["FUZZ_RUNS"] ?? 200);

const seed = process.env["FUZZ_SEED"];
if (seed !== undefined && seed !== "") {
  if (!/^-?\d+$/.test(seed)) throw new Error(`FUZZ_SEED must be a whole number, not ${JSON.stringify(seed)}`);
  fc.configureGlobal({ seed: Number(seed) });
}

/** Long local runs need more than vitest's default 30 s per test: `perRun` ms a run. */
export function timeoutFor(perRun: number): number {
  return Math.max(30_000, runs * perRun);
}
