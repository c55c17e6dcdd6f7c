import type { Notice, SourceFile } from "../../analyzer/types.js";
import { invalidUtf8Problem } from "../../analyzer/parse/utf8-position.js";

const MANIFEST = /\.(ya?ml|json|ndjson)$/i;
const SKIPPED = new Set(["node_modules", ".git"]);

/**
 * A file picked or dropped, with its path relative to what was chosen. Its text is read
 * later, a batch at a time while the worker parses (stream-files.ts).
 */
export interface PickedFile {
  file: File;
  path: string;
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Files from a file input (with or without a folder): keeps manifest files, relative paths, sorted. */
export function pickFileList(list: FileList | File[]): PickedFile[] {
  const picked: PickedFile[] = [];
  for (const file of list) {
    if (!MANIFEST.test(file.name)) continue;
    const path = pathOf(file);
    if (path.split("/").some((part) => SKIPPED.has(part))) continue;
    picked.push({ file, path });
  }
  return picked.sort(byPath);
}

function pathOf(file: File): string {
  return (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
}

/** Files and whole folders dropped on the page (the entries API walks folders). */
export async function pickDrop(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => Boolean(e));
  if (entries.length === 0) return pickFileList(transfer.files);
  const picked: PickedFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      if (!MANIFEST.test(entry.name)) return;
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      picked.push({ file, path: `${prefix}${entry.name}` });
    } else if (entry.isDirectory && !SKIPPED.has(entry.name)) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
      }
    }
  };
  for (const entry of entries) await walk(entry, "");
  return picked.sort(byPath);
}

export interface ReadChunk {
  sources: SourceFile[];
  /** Files skipped: not UTF-8 (with where), or unreadable (removed or changed on disk since they were picked). */
  notices: Notice[];
}

/** Decodes strictly only what the quick decoder had to patch (U+FFFD is rare in manifests). */
const strict = new TextDecoder("utf-8", { fatal: true });

/**
 * The texts of a chunk of files, as `File.text()` gives them (UTF-8, a leading BOM dropped),
 * in one read: the files are joined into one Blob and split again by their sizes. Reading
 * each file on its own costs a round trip to the browser per file, about 0.6 ms, which is
 * seconds on an estate of thousands of files. When the joined read fails (a file changed
 * or vanished since it was picked) the files are read one by one, so the others still count.
 * A file that is not UTF-8 is skipped with the CLI's notice, not read with U+FFFD in it.
 */
export async function readPicked(files: File[], paths: string[]): Promise<ReadChunk> {
  try {
    const bytes = new Uint8Array(await new Blob(files).arrayBuffer());
    const decoder = new TextDecoder();
    const chunk: ReadChunk = { sources: [], notices: [] };
    let offset = 0;
    for (let i = 0; i < files.length; i++) {
      const size = files[i]!.size;
      addText(chunk, paths[i]!, bytes.subarray(offset, offset + size), decoder);
      offset += size;
    }
    if (offset === bytes.length) return chunk;
  } catch {
    // read them one by one below
  }
  const read = await Promise.allSettled(files.map((file) => file.arrayBuffer()));
  const chunk: ReadChunk = { sources: [], notices: [] };
  const decoder = new TextDecoder();
  read.forEach((outcome, i) => {
    if (outcome.status === "fulfilled") addText(chunk, paths[i]!, new Uint8Array(outcome.value), decoder);
    else chunk.notices.push({ file: paths[i]!, message: `could not read the file: ${outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)}` });
  });
  return chunk;
}

function addText(chunk: ReadChunk, path: string, bytes: Uint8Array, decoder: TextDecoder): void {
  const text = decoder.decode(bytes);
  if (text.includes("\uFFFD")) {
    try {
      strict.decode(bytes);
    } catch {
      const { message, line, column } = invalidUtf8Problem(bytes);
      chunk.notices.push({ file: path, line, column, message });
      return;
    }
  }
  chunk.sources.push({ path, text });
}
