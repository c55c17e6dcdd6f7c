import { writeSync } from "node:fs";

/** 1 MiB: text longer than this is encoded and written in pieces. */
const SCRATCH_BYTES = 1 << 20;
const encoder = new TextEncoder();
let scratch: Uint8Array | undefined;

/**
 * Writes `text` to a file descriptor as UTF-8 (bytes as they are), all of it: `writeSync`
 * may write less than it is given, so each piece is written until none is left. Text is
 * encoded into one reused buffer rather than a new Buffer per piece (less garbage).
 */
export function writeText(fd: number, text: string | Uint8Array, write: WriteSync = writeSync): void {
  if (typeof text !== "string") {
    writeBytes(fd, text, write);
    return;
  }
  scratch ??= new Uint8Array(SCRATCH_BYTES);
  for (let from = 0; from < text.length; ) {
    // encodeInto stops before a character that does not fit, so no character is split.
    const { read, written } = encoder.encodeInto(from === 0 ? text : text.slice(from), scratch);
    writeBytes(fd, scratch.subarray(0, written), write);
    from += read;
  }
}

/** `fs.writeSync` for bytes; another one in tests, to fail like a full disk. */
export type WriteSync = (fd: number, buffer: Uint8Array, offset: number, length: number) => number;

function writeBytes(fd: number, bytes: Uint8Array, write: WriteSync): void {
  for (let offset = 0; offset < bytes.length; ) offset += write(fd, bytes, offset, bytes.length - offset);
}
