import { describe, expect, it } from "vitest";
import { terminalProgress } from "../../src/io/progress.js";

function run(options: { isTTY?: boolean; env?: Record<string, string>; quiet?: boolean; total?: number; columns?: number }, steps: [number, number][]) {
  let clock = 0;
  const out: string[] = [];
  const sink = terminalProgress({ write: (t) => out.push(t), isTTY: options.isTTY ?? true, columns: options.columns, env: options.env ?? {}, quiet: options.quiet, now: () => clock });
  for (const [time, done] of steps) {
    clock = time;
    sink.update({ stage: "parse", done, total: options.total ?? 11_000 });
  }
  sink.done();
  return out;
}

describe("CLI progress", () => {
  it("draws one line on a terminal after the delay, throttled, and clears it at the end", () => {
    expect(run({}, [[100, 500], [600, 1000], [650, 1500], [800, 2000]])).toEqual([
      "\r\x1b[Kloopscope: reading manifests 1,000/11,000…",
      "\r\x1b[Kloopscope: reading manifests 2,000/11,000…",
      "\r\x1b[K",
    ]);
  });

  it("shows the count alone while the total is not known (0)", () => {
    expect(run({ total: 0 }, [[600, 1000], [800, 2000]])).toEqual(["\r\x1b[Kloopscope: reading manifests 1,000…", "\r\x1b[Kloopscope: reading manifests 2,000…", "\r\x1b[K"]);
  });

  it("prints nothing for a short run", () => {
    expect(run({}, [[10, 500], [200, 11_000]])).toEqual([]);
  });

  it("is silent off a terminal, in CI, for JSON output and when switched off", () => {
    const long: [number, number][] = [[1000, 1], [2000, 2]];
    expect(run({ isTTY: false }, long)).toEqual([]);
    expect(run({ env: { CI: "true" } }, long)).toEqual([]);
    expect(run({ quiet: true }, long)).toEqual([]);
    expect(run({ env: { LOOPSCOPE_NO_PROGRESS: "1" } }, long)).toEqual([]);
    expect(run({ env: { TERM: "dumb" } }, long)).toEqual([]);
  });

  it("reads CI and LOOPSCOPE_NO_PROGRESS alike: false, 0 and an empty value mean no", () => {
    for (const value of ["false", "FALSE", "0", ""]) {
      for (const name of ["CI", "LOOPSCOPE_NO_PROGRESS"]) expect(run({ env: { [name]: value } }, [[1000, 1000]]), `${name}=${value}`).toEqual(["\r\x1b[Kloopscope: reading manifests 1,000/11,000…", "\r\x1b[K"]);
    }
    for (const value of ["1", "true", "yes"]) expect(run({ env: { LOOPSCOPE_NO_PROGRESS: value } }, [[1000, 1000]])).toEqual([]);
  });

  it("cuts the line to the terminal's width, so that clearing it clears all of it", () => {
    // A line that wraps is cleared only on its last row; the rows above stayed on screen.
    expect(run({ columns: 28 }, [[1000, 1000]])).toEqual(["\r\x1b[Kloopscope: reading manifes…", "\r\x1b[K"]);
    expect(run({ columns: 200 }, [[1000, 1000]])[0]).toBe("\r\x1b[Kloopscope: reading manifests 1,000/11,000…");
  });

  it("shows one long step at once, without waiting for the delay, until done", () => {
    const out: string[] = [];
    const sink = terminalProgress({ write: (t) => out.push(t), isTTY: true, env: {}, now: () => 0 });
    sink.show("recording the run in h.sqlite");
    sink.done();
    expect(out).toEqual(["\r\x1b[Kloopscope: recording the run in h.sqlite…", "\r\x1b[K"]);
  });
});
