import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fnv1a64 } from "../../analyzer/engine/fingerprint.js";

/** The textbook definition, in BigInt: what every stored baseline's fingerprints were made with. */
function reference(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, "0");
}

describe("fnv1a64 (the fingerprint hash, in 16-bit limbs)", () => {
  it("matches the published FNV-1a 64 test vectors", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });

  it("equals the BigInt definition on any text, ASCII or not", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 64 }), (text) => fnv1a64(text) === reference(text)), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => fnv1a64(text) === reference(text)), { numRuns: 500 });
  });
});
