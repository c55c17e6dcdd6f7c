/**
 * How many terminal columns `text` takes: wide East Asian characters and emoji take two,
 * combining marks, zero-width joiners and variation selectors none, the rest one. Padding by
 * `length` put a table's columns out of line after a CJK name or an emoji (each counted as one
 * or two UTF-16 units, not as the two columns it is drawn in).
 */
export function terminalWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (ZERO_WIDTH.test(char)) continue;
    width += isWide(code) || EMOJI.test(char) ? 2 : 1;
  }
  return width;
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufe00-\ufe0f]$/u;
const EMOJI = /^\p{Extended_Pictographic}$/u;

/** Unicode's East Asian Wide and Fullwidth blocks (the ones that occur in names and text). */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}
