/**
 * Offsets → 1-based line/column, built once per text; binary search per lookup. A line ends
 * at LF, CRLF or a lone CR, as in YAML 1.2 (js-yaml reads a file saved with old Mac line
 * ends as lines, so its positions must be counted the same way; editors do too).
 */
export class LineIndex {
  /**
   * Where each line starts, at its exact size in a typed array: 11,000 files' line starts
   * as lists grown by push were 3 MB that every garbage collection copied.
   */
  private readonly starts: Int32Array;

  constructor(text: string) {
    if (text.indexOf("\r") === -1) {
      let lines = 1;
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
      this.starts = new Int32Array(lines);
      let line = 1;
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts[line++] = i + 1;
      return;
    }
    let lines = 1;
    forEachLineStart(text, () => lines++);
    this.starts = new Int32Array(lines);
    let line = 1;
    forEachLineStart(text, (start) => (this.starts[line++] = start));
  }

  /**
   * The location of `offset` in `file`, made as one literal: `{ file, ...position }` builds
   * it key by key and keeps line and column in a second, out-of-object store (120 bytes a
   * location instead of 48; 40,000 locations live to the end of a 10,000-model lint).
   */
  locate(file: string, offset: number): { file: string; line: number; column: number } {
    const line = this.lineOf(offset);
    return { file, line: line + 1, column: offset - this.starts[line]! + 1 };
  }

  /** 0-based line of `offset`. */
  private lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/**
 * Calls `found` with the start of every line after the first, in a text that has CRs: a line
 * ends at LF, at CRLF (after the LF) or at a lone CR. With indexOf for both, not a test per
 * character: every file checked out on Windows has CRLF.
 */
function forEachLineStart(text: string, found: (start: number) => void): void {
  let lf = text.indexOf("\n");
  let cr = text.indexOf("\r");
  while (lf !== -1 || cr !== -1) {
    // A CR first is a lone CR unless the LF is right after it (CRLF, which ends at the LF).
    const end = cr !== -1 && (lf === -1 || cr < lf) ? (cr + 1 === lf ? lf : cr) : lf;
    found(end + 1);
    if (lf !== -1 && lf <= end) lf = text.indexOf("\n", end + 1);
    if (cr !== -1 && cr <= end) cr = text.indexOf("\r", end + 1);
  }
}

/**
 * The text with every lone CR made an LF: same length, so offsets are unchanged. For the
 * `yaml` package, which does not take a lone CR as a line break and read such a file as one
 * long line (wrong values and positions, or errors that are not there).
 */
export function withLoneCrAsLf(text: string): string {
  return text.indexOf("\r") === -1 ? text : text.replace(/\r(?!\n)/g, "\n");
}
