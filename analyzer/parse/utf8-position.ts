/**
 * Where the first byte sequence that is not UTF-8 starts, as an offset and as the line
 * and column an editor shows (columns count characters, not bytes). A small validator:
 * TextDecoder only says that a file is invalid, not where.
 */
export function firstInvalidUtf8(bytes: Uint8Array): { offset: number; byte: number; line: number; column: number } {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let valid = length > 0 && i + length <= bytes.length;
    for (let k = 1; valid && k < length; k++) valid = (bytes[i + k]! & 0xc0) === 0x80;
    if (valid && length === 3) {
      const b1 = bytes[i + 1]!;
      valid = !(b === 0xe0 && b1 < 0xa0) && !(b === 0xed && b1 >= 0xa0); // overlong; surrogates
    } else if (valid && length === 4) {
      const b1 = bytes[i + 1]!;
      valid = !(b === 0xf0 && b1 < 0x90) && !(b === 0xf4 && b1 >= 0x90); // overlong; above U+10FFFF
    }
    if (!valid) return { offset: i, byte: b, line, column };
    // LF, or CR not followed by LF, ends a line (as line-index.ts counts them).
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      column = 1;
    } else column++;
    i += length;
  }
  return { offset: bytes.length, byte: 0, line, column };
}

/**
 * The notice for bytes that are not UTF-8, the same words in the CLI and the browser: such a
 * file is skipped, not analysed with replacement characters where its bytes were.
 */
export function invalidUtf8Problem(bytes: Uint8Array): { message: string; line: number; column: number } {
  const at = firstInvalidUtf8(bytes);
  return { message: `not valid UTF-8 text (byte 0x${at.byte.toString(16).padStart(2, "0")} at offset ${at.offset}); skipped`, line: at.line, column: at.column };
}
