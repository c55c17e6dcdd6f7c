import type { Notice, SourceFile } from "../../analyzer/types.js";
import { PARSE_LIMITS, tooLargeMessage } from "../../analyzer/parse/limits.js";
import { readPicked, type PickedFile } from "./read-files.js";

/**
 * Files looked up per task. The first time a picked file is used the browser looks up its
 * size and date, a blocking round trip of 0.3 ms a file (1 ms on a busy machine): a batch
 * of 50 keeps each task short enough that key presses and clicks are not held up.
 */
const LOOKUP_BATCH = 50;
/**
 * Files per read, and reads at once (the browser reads files in parallel, up to a point).
 * Starting a read costs the page about as much per file as the look-up, hence small chunks.
 */
const READ_CHUNK = 125;
const PARALLEL_READS = 8;

export interface StreamHandlers {
  /** Texts of one chunk, as soon as it is read (chunks may finish out of order). */
  onChunk: (sources: SourceFile[]) => void;
  /** Every file read: all texts in the picked (path) order, and the files that could not be read. */
  onDone: (sources: SourceFile[], notices: Notice[]) => void;
  /** False once the run is cancelled or superseded: nothing more is read. */
  live: () => boolean;
  /** Files opened (their size looked up), then files read, every few hundred. */
  onProgress?: ((stage: "open" | "read", done: number) => void) | undefined;
}

/**
 * Reads picked files on the page so that the analysis worker can parse each chunk while the
 * next ones are read. Two phases, both measured on 5,500 files in headless Chromium:
 *
 * 1. Look up every file's size, a batch per task. Reads running at the same time make each
 *    look-up about three times slower, so nothing is read yet.
 * 2. Read chunks in parallel, each as one Blob (readPicked), and hand each to the worker.
 *    Reading here rather than in the worker matters: a file's bytes reach the thread that
 *    reads it through that thread's event loop, which a worker busy parsing does not run.
 */
export function streamFiles(picked: PickedFile[], handlers: StreamHandlers): void {
  let at = 0;
  const lookUp = () => {
    if (!handlers.live()) return;
    for (const p of picked.slice(at, at + LOOKUP_BATCH)) void p.file.size;
    at += LOOKUP_BATCH;
    if (at % PROGRESS_EVERY === 0 && at < picked.length) handlers.onProgress?.("open", at);
    if (at < picked.length) return nextTask(lookUp);
    performance.mark("loopscope:files-opened");
    readAll(picked, handlers);
  };
  lookUp();
}

/** Progress every this many files (each update redraws the status bar). */
const PROGRESS_EVERY = 500;

function readAll(picked: PickedFile[], { onChunk, onDone, live, onProgress }: StreamHandlers): void {
  const texts: SourceFile[][] = [];
  const notices: Notice[] = [];
  // A file over the size limit is not read, as in the CLI: a 3 GB file in a dropped folder
  // would otherwise be copied into the tab's memory before the parser refused it.
  const small: PickedFile[] = [];
  for (const p of picked) {
    if (p.file.size > PARSE_LIMITS.maxFileBytes) notices.push({ file: p.path, message: tooLargeMessage(p.file.size) });
    else small.push(p);
  }
  const chunks: PickedFile[][] = [];
  for (let at = 0; at < small.length; at += READ_CHUNK) chunks.push(small.slice(at, at + READ_CHUNK));
  let next = 0;
  let done = 0;
  let pending = chunks.length;
  if (pending === 0) return onDone([], notices);
  const readNext = () => {
    const index = next++;
    const chunk = chunks[index];
    if (!chunk) return;
    void readPicked(
      chunk.map((p) => p.file),
      chunk.map((p) => p.path),
    ).then((read) => {
      if (!live()) return;
      texts[index] = read.sources;
      for (const notice of read.notices) notices.push(notice);
      onChunk(read.sources);
      // Chunks finish in any order; notices are shown in path order, as the CLI prints them.
      if (--pending === 0) return onDone(texts.flat(), notices.sort((a, b) => (a.file! < b.file! ? -1 : a.file! > b.file! ? 1 : 0)));
      done += chunk.length;
      if (Math.floor(done / PROGRESS_EVERY) > Math.floor((done - chunk.length) / PROGRESS_EVERY)) onProgress?.("read", done);
      readNext();
    });
  };
  for (let i = 0; i < PARALLEL_READS; i++) readNext();
}

/** Runs `next` in a task of its own, soon: input waiting since the last task goes first (and no 4 ms timer clamp). */
export function nextTask(next: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    next();
  };
  channel.port2.postMessage(null);
}
