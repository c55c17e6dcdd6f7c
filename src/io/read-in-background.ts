import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { readManifestFile, type ListedFile } from "./read-file.js";
import type { ReaderMessage, ReadResult } from "./read-worker.js";

/** Below this many files a thread costs more to start than it saves. */
const MIN_FILES_FOR_THREAD = 500;

/**
 * Reads `files` and hands each result to `onResult` in list order. Large estates are read on
 * a worker thread, so reading (about a fifth of a 10,000-file lint when done in line)
 * overlaps the parsing of what has already arrived. Without the compiled worker (running
 * from TypeScript sources) or if the thread fails, the rest is read here: the results are
 * the same either way.
 */
export async function readInBackground(files: ListedFile[], onResult: (result: ReadResult) => void): Promise<void> {
  const script = new URL("./read-worker.js", import.meta.url);
  let delivered = 0;
  const readRest = () => {
    for (; delivered < files.length; delivered++) onResult(readManifestFile(files[delivered]!));
  };
  if (files.length < MIN_FILES_FOR_THREAD || script.protocol !== "file:" || !existsSync(fileURLToPath(script))) return readRest();
  await new Promise<void>((resolve) => {
    let finished = false;
    const worker = new Worker(script, { workerData: { files } });
    const finish = () => {
      if (finished) return;
      finished = true;
      readRest();
      resolve();
    };
    worker.on("message", (message: ReaderMessage) => {
      if (finished) return;
      if ("done" in message) {
        finish();
        void worker.terminate();
        return;
      }
      for (const result of message.batch) {
        onResult(result);
        delivered++;
      }
    });
    worker.on("error", finish);
    worker.on("exit", finish);
  });
}
