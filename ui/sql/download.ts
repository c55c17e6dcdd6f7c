/** Offers bytes or text as a file download (an object URL on a temporary link). */
export function download(name: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Largest database file opened: sql.js holds it in WebAssembly memory, which stops at 4 GiB with room for its work (as the CLI, src/io/read-side-file.ts). */
const MAX_DATABASE_BYTES = 2 * 1024 * 1024 * 1024;
const SQLITE_HEADER = "SQLite format 3\0";

/**
 * Reads a picked database file as bytes. A file that does not start as SQLite's do, or is over
 * 2 GiB, is refused before it is read whole: a picked video or disk image would otherwise be
 * copied into the tab's memory first.
 */
export async function readDatabaseBytes(file: File): Promise<Uint8Array> {
  if (file.size > MAX_DATABASE_BYTES) throw new Error(`the file is ${(file.size / 1024 ** 3).toFixed(1)} GiB, larger than the limit of 2 GiB`);
  const start = new Uint8Array(await file.slice(0, SQLITE_HEADER.length).arrayBuffer());
  if (start.length > 0 && String.fromCharCode(...start) !== SQLITE_HEADER) throw new Error("not a SQLite database (file is not a database)");
  return new Uint8Array(await file.arrayBuffer());
}
