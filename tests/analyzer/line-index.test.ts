import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineIndex } from "../../analyzer/parse/line-index.js";

/** Line and column of `offset` counted character by character: LF, CRLF and a lone CR end a line. */
function naive(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset; i++) {
    if (text[i] === "\n" || (text[i] === "\r" && text[i + 1] !== "\n")) (line++, (column = 1));
    else column++;
  }
  return { line, column };
}

describe("line index", () => {
  it("gives the 1-based line and column of every offset, as counting would", () => {
    const text = fc.array(fc.constantFrom("a", "b", "\n", "\r", " ", "é", "😀"), { maxLength: 200 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, fc.nat(), (value, seed) => {
        const index = new LineIndex(value);
        const offsets = [0, value.length, seed % (value.length + 1), value.indexOf("\n") + 1, value.lastIndexOf("\n"), value.indexOf("\r") + 1, value.lastIndexOf("\r")];
        for (const offset of offsets) if (offset >= 0 && offset <= value.length) expect(index.locate("f.yaml", offset)).toStrictEqual({ file: "f.yaml", ...naive(value, offset) });
      }),
      { numRuns: 300 },
    );
  });

  it("handles a text without newlines, and one that ends with one", () => {
    expect(new LineIndex("abc").locate("f", 2)).toStrictEqual({ file: "f", line: 1, column: 3 });
    expect(new LineIndex("a\n").locate("f", 2)).toStrictEqual({ file: "f", line: 2, column: 1 });
    expect(new LineIndex("").locate("f", 0)).toStrictEqual({ file: "f", line: 1, column: 1 });
  });
});
