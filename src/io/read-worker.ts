/**
 * The reader thread: reads the listed files in order (the same checks as the main thread's
 * reader) and posts them in batches, so the main thread parses one batch while the next is
 * read on the other core. Loads only read-file.ts, not the parsers.
 */
import { parentPort, workerData } from "node:worker_threads";
import { readManifestFile, type ListedFile } from "./read-file.js";

export type ReadResult = ReturnType<typeof readManifestFile>;
export type ReaderMessage = { batch: ReadResult[] } | { done: true };

const BATCH_FILES = 200;
const BATCH_CHARS = 256 * 1024;

const files = (workerData as { files: ListedFile[] }).files;
let batch: ReadResult[] = [];
let chars = 0;
for (const file of files) {
  const result = readManifestFile(file);
  batch.push(result);
  if ("source" in result) chars += result.source.text.length;
  if (batch.length >= BATCH_FILES || chars >= BATCH_CHARS) {
    parentPort!.postMessage({ batch } satisfies ReaderMessage);
    batch = [];
    chars = 0;
  }
}
parentPort!.postMessage({ batch } satisfies ReaderMessage);
parentPort!.postMessage({ done: true } satisfies ReaderMessage);
