import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonBytes } from "../../analyzer/report/json-bytes.js";
import { formatJson, reportJsonBytes } from "../../analyzer/report/json.js";
import type { Finding, Report } from "../../analyzer/types.js";

function report(findings: number): Report {
  const list: Finding[] = Array.from({ length: findings }, (_, i) => ({
    rule: "unused-output",
    severity: "info",
    message: `output ${i} of "m<${i}>" is never read → ${"é".repeat(i % 3)}`,
    models: [`m${i}`],
    nodes: [`m${i}`, `m${i}/out`],
    locations: [{ file: "models/m.yaml", line: i + 1, column: 3 }],
    fingerprint: `unused-output:${i.toString(16).padStart(16, "0")}`,
  }));
  return {
    tool: { name: "loopscope", version: "0.1.0" },
    summary: { files: 1, documents: findings, models: findings, outputs: findings, datasets: 0, services: 0, edges: findings, loops: 0, findings, bySeverity: { error: 0, warning: 0, info: findings }, acknowledged: 0 },
    findings: list,
    notices: [{ file: "x.yaml", message: "skipped: not a manifest" }],
  };
}

const decode = (chunks: Iterable<Uint8Array>): string => Buffer.concat([...chunks]).toString("utf8");
/** As a writer with `reuse` consumes: each chunk copied out before the next is taken. */
const decodeEach = (chunks: Iterable<Uint8Array>): string => {
  const copies: Buffer[] = [];
  for (const chunk of chunks) copies.push(Buffer.from(chunk));
  return Buffer.concat(copies).toString("utf8");
};

describe("the JSON report", () => {
  it("is exactly JSON.stringify of the report plus a newline, as text and as bytes", () => {
    for (const size of [0, 1, 1999, 2000, 2001, 4500]) {
      const value = report(size);
      expect(formatJson(value)).toBe(`${JSON.stringify(value)}\n`);
      expect(decode(reportJsonBytes(value))).toBe(`${JSON.stringify(value)}\n`);
    }
  });

  it("comes as bytes in pieces of about a megabyte, handed out while the findings are written", () => {
    const value = report(20_000);
    const generator = reportJsonBytes(value);
    const first = generator.next();
    expect(first.done).toBe(false);
    // A piece is out before most findings have been written: nothing holds the report whole.
    const rest = [...generator];
    const chunks = [first.value as Uint8Array, ...rest];
    expect(chunks.length).toBeGreaterThan(2);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(1 << 20);
    // Each piece is its own buffer (a stream may keep it after the next one is written).
    expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length);
    expect(JSON.parse(decode(chunks)).findings).toHaveLength(20_000);
  });
});

describe("jsonBytes", () => {
  const tiny = [1, 2, 3, 7, 64];
  const tricky = fc.oneof(
    fc.string({ unit: "binary" }),
    fc.string({ unit: "grapheme" }),
    fc.constantFrom("\u0000", "\u001f", "\u007f", '"', "\\", "\ud800", "x\udc00y", "😀", "\u2028", "→", "__proto__", "constructor"),
  );
  const values = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      tricky,
      fc.double(),
      fc.integer(),
      fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 5e-7, true, false, null, undefined),
      fc.array(tie("value")),
      fc.dictionary(tricky, tie("value")),
      fc.record({ when: fc.date({ noInvalidDate: true }), f: fc.constant(() => 1) }),
    ),
  })).value;

  it("writes the bytes JSON.stringify would, for any value and any chunk size", () => {
    fc.assert(
      fc.property(values, fc.constantFrom(...tiny, 1 << 20), (value, chunkBytes) => {
        const expected = JSON.stringify(value) ?? "null";
        expect(decode(jsonBytes(value, { suffix: "\n", chunkBytes }))).toBe(`${expected}\n`);
        expect(decodeEach(jsonBytes(value, { suffix: "\n", chunkBytes, reuse: true }))).toBe(`${expected}\n`);
      }),
      { numRuns: 400 },
    );
  });

  it("with reuse, writes every chunk into the same two buffers unless an element is longer than a chunk", () => {
    const value = { findings: Array.from({ length: 500 }, (_, i) => ({ rule: "unused-output", message: `output ${i}`, models: [`m${i}`] })) };
    const buffers = (reuse: boolean, chunkBytes: number) => {
      const seen = new Set<ArrayBufferLike>();
      let chunks = 0;
      for (const chunk of jsonBytes(value, { chunkBytes, reuse })) (seen.add(chunk.buffer), chunks++);
      return { chunks, buffers: seen.size };
    };
    const fresh = buffers(false, 256);
    expect(fresh.chunks).toBeGreaterThan(50);
    expect(fresh.buffers).toBe(fresh.chunks);
    expect(buffers(true, 256)).toEqual({ chunks: fresh.chunks, buffers: 2 });
    // Elements longer than a chunk: two chunks wait at once, so fresh buffers are needed, and the bytes stay right.
    const long = [{ text: "x".repeat(100) }, { text: "y".repeat(100) }, { text: "z".repeat(100) }];
    expect(decodeEach(jsonBytes(long, { chunkBytes: 16, reuse: true }))).toBe(JSON.stringify(long));
  });

  it("keeps a key named __proto__ as a key and reads no inherited property", () => {
    const value = JSON.parse('{"__proto__":{"polluted":1},"a":[1,{"constructor":"x"}]}') as unknown;
    Object.assign(Object.prototype, {});
    expect(decode(jsonBytes(value))).toBe(JSON.stringify(value));
    expect(decode(jsonBytes(Object.create({ inherited: 1 }) as unknown))).toBe("{}");
    // Keys in JSON.stringify's order: integer-like keys first, ascending, then insertion order.
    const mixed = { b: 1, 2: "two", a: undefined, 1: [3], c: { 10: 0, 9: 1, z: 2 } };
    expect(decode(jsonBytes({ findings: [mixed, mixed] }))).toBe(JSON.stringify({ findings: [mixed, mixed] }));
  });
});
