import type { SourceFile } from "../../analyzer/types.js";

const MANIFEST = /\.(ya?ml|json|ndjson)$/i;
const SKIPPED = new Set(["node_modules", ".git"]);

/** Files from a file input (with or without a folder): keeps manifest files, relative paths. */
export async function readFileList(list: FileList | File[]): Promise<SourceFile[]> {
  const files = [...list].filter((f) => MANIFEST.test(f.name) && !pathOf(f).split("/").some((part) => SKIPPED.has(part)));
  const sources = await Promise.all(files.map(async (file) => ({ path: pathOf(file), text: await file.text() })));
  return sources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function pathOf(file: File): string {
  return (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
}

/** Files and whole folders dropped on the page (the entries API walks folders). */
export async function readDrop(transfer: DataTransfer): Promise<SourceFile[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => Boolean(e));
  if (entries.length === 0) return readFileList(transfer.files);
  const files: File[] = [];
  const paths = new Map<File, string>();
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      files.push(file);
      paths.set(file, `${prefix}${entry.name}`);
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
  const kept = files.filter((f) => MANIFEST.test(f.name));
  const sources = await Promise.all(kept.map(async (file) => ({ path: paths.get(file)!, text: await file.text() })));
  return sources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
