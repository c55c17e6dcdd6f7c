/**
 * How many terminal columns `text` takes, one user-perceived character (grapheme) at a time:
 * an emoji shown as an emoji (default emoji presentation, or asked for with U+FE0F: 🚲, 👍🏽,
 * 👨‍👩‍👧, 🇺🇸, 1️⃣) and wide East Asian characters take two; combining marks, joiners and format
 * characters (soft hyphen, zero-width space) none; the rest one (©, ✔ and ❤ without U+FE0F are
 * drawn narrow). Padding by `length` put a table's columns out of line after a CJK name or an emoji.
 */
export function terminalWidth(text: string): number {
  let width = 0;
  for (const { segment } of graphemes.segment(text)) width += graphemeWidth(segment);
  return width;
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

function graphemeWidth(grapheme: string): number {
  if (EMOJI_PRESENTATION.test(grapheme) || grapheme.includes("\ufe0f")) return 2;
  const first = grapheme.codePointAt(0)!;
  if (ZERO_WIDTH.test(String.fromCodePoint(first))) return 0;
  return isWide(first) ? 2 : 1;
}

const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

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
