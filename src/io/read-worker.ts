/**
 * The reader thread: reads the listed files in order (the same checks as the main thread's
 * reader) and posts them in batches, so the main thread parses one batch while the next is
 * read on the other core. Loads only read-file.ts, not the parsers. It is started before the
 * folders are walked (its start-up, about 70 ms, overlaps the walk) and waits for the list.
 */
import { parentPort } from "node:worker_threads";
import { readManifestFile, type ListedFile } from "./read-file.js";

export type ReadResult = ReturnType<typeof readManifestFile>;
export type ReaderMessage = { ready: true } | { batch: ReadResult[] } | { done: true };
export interface ReaderRequest {
  files: ListedFile[];
}

/** The first batch is small so that parsing starts at once; later ones amortise the message. */
const FIRST_BATCH_FILES = 25;
const BATCH_FILES = 200;
const BATCH_CHARS = 256 * 1024;

parentPort!.once("message", ({ files }: ReaderRequest) => {
  let batch: ReadResult[] = [];
  let chars = 0;
  let limit = FIRST_BATCH_FILES;
  for (const file of files) {
    const result = readManifestFile(file);
    batch.push(result);
    if ("source" in result) chars += result.source.text.length;
    if (batch.length >= limit || chars >= BATCH_CHARS) {
      parentPort!.postMessage({ batch } satisfies ReaderMessage);
      batch = [];
      chars = 0;
      limit = BATCH_FILES;
    }
  }
  parentPort!.postMessage({ batch } satisfies ReaderMessage);
  parentPort!.postMessage({ done: true } satisfies ReaderMessage);
});
