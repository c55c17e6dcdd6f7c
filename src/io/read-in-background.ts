import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { readManifestFile, type ListedFile } from "./read-file.js";
import type { ReaderMessage, ReaderRequest, ReadResult } from "./read-worker.js";

type Walked = Extract<ReaderMessage, { walked: unknown }>["walked"];

/** Below this many files a thread costs more than it saves. */
export const MIN_FILES_FOR_THREAD = 500;

export interface Reader {
  /** Reads `files` and hands each result to `onResult` in list order. */
  read(files: ListedFile[], onResult: (result: ReadResult) => void): Promise<void>;
  /**
   * On the thread: reads `files`, then goes on with the walk, reading what it finds. Resolves
   * with the walk's notices and what the globs left out, or undefined when there is no thread
   * or it failed (the caller then goes on with its own copy of the walk; `onResult` may
   * have had some files).
   */
  walkAndRead(files: ListedFile[], walk: NonNullable<ReaderRequest["walk"]>, onResult: (result: ReadResult) => void): Promise<Walked | undefined>;
  /** Stops the thread if it is still there (the walk failed, or nothing was read). */
  stop(): void;
}

/**
 * Starts the reader thread at once, so that its start-up (about 60 ms) overlaps the first
 * files' listing and parsing instead of the parsing waiting for it. Large estates are then
 * read on that thread, so reading (about a fifth of a 10,000-file lint when done in line)
 * overlaps the parsing of what has already arrived: `read` for a list, `walkAndRead` for a
 * walk handed over part way (analyze-paths.ts). Fewer than 500 files are read here and the
 * thread is stopped. Without the compiled worker (running from TypeScript sources) or if the
 * thread fails, the rest is read here: the results are the same either way.
 */
export function startReader(script = new URL("./read-worker.js", import.meta.url)): Reader {
  let worker: Worker | undefined;
  // False once the thread has ended: a thread that failed while the folders were walked
  // would never answer, so the files are then read here.
  let alive = false;
  if (script.protocol === "file:" && existsSync(fileURLToPath(script))) {
    try {
      worker = new Worker(script);
      alive = true;
      // Never what keeps the process alive: a failed walk ends the run without waiting for it.
      worker.unref();
      worker.on("error", () => undefined);
      worker.once("exit", () => (alive = false));
    } catch {
      worker = undefined;
    }
  }
  const stop = () => {
    void worker?.terminate();
    worker = undefined;
  };
  return {
    stop,
    read(files, onResult) {
      const thread = files.length >= MIN_FILES_FOR_THREAD && alive ? worker : undefined;
      if (!thread) stop();
      worker = undefined;
      return readWith(thread, files, onResult);
    },
    walkAndRead(files, walk, onResult) {
      const thread = alive ? worker : undefined;
      worker = undefined;
      if (!thread) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        let walked: Walked | undefined;
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          void thread.terminate();
          resolve(walked);
        };
        thread.on("message", (message: ReaderMessage) => {
          if (finished) return;
          if ("done" in message) return finish();
          if ("walked" in message) walked = message.walked;
          else if ("batch" in message) for (const result of message.batch) onResult(result);
        });
        thread.on("error", finish);
        thread.on("exit", finish);
        thread.ref();
        thread.postMessage({ files, walk } satisfies ReaderRequest);
      });
    },
  };
}

function readWith(worker: Worker | undefined, files: ListedFile[], onResult: (result: ReadResult) => void): Promise<void> {
  let delivered = 0;
  const readRest = () => {
    for (; delivered < files.length; delivered++) onResult(readManifestFile(files[delivered]!));
  };
  if (!worker) {
    readRest();
    return Promise.resolve();
  }
  return new Promise<void>((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      void worker.terminate();
      readRest();
      resolve();
    };
    worker.on("message", (message: ReaderMessage) => {
      if (finished) return;
      if ("done" in message) return finish();
      if ("batch" in message) {
        for (const result of message.batch) {
          onResult(result);
          delivered++;
        }
      }
    });
    worker.on("error", finish);
    worker.on("exit", finish);
    worker.ref();
    worker.postMessage({ files } satisfies ReaderRequest);
  });
}
