/**
 * The reader thread: reads the listed files in order (the same checks as the main thread's
 * reader) and posts them in batches, so the main thread parses one batch while the next is
 * read on the other core. Given the rest of a walk (manifest-walk.ts), it goes on walking
 * and reads each file as it is found, so the main thread never waits for folders to be
 * listed. Loads only the reader, the walk and the config's globs, not the parsers. It is
 * started before anything else (its start-up, about 60 ms, overlaps the first files).
 */
import { parentPort } from "node:worker_threads";
import type { Notice } from "../../analyzer/types.js";
import { sourceFilter, type FilterSpec } from "./filter-sources.js";
import { ManifestWalk, type WalkState } from "./manifest-walk.js";
import { readManifestFile, type ListedFile } from "./read-file.js";

export type ReadResult = ReturnType<typeof readManifestFile>;
export type ReaderMessage =
  | { ready: true }
  | { batch: ReadResult[] }
  /** The end of a walk: its notices (all of them, the main thread's part first), what the globs left out, and what they kept. */
  | { walked: { notices: Notice[]; excluded: number; listed: number } }
  | { done: true };
export interface ReaderRequest {
  files: ListedFile[];
  /** Where to go on walking once `files` are read, which files the config keeps, and how many it kept so far. */
  walk?: { state: WalkState; filter: FilterSpec; listed: number } | undefined;
}

/** The first batch is small so that parsing starts at once; later ones amortise the message. */
const FIRST_BATCH_FILES = 25;
const BATCH_FILES = 200;
const BATCH_CHARS = 256 * 1024;
/** Files listed per step of a walk between reads: small, so reading starts at once. */
const WALK_STEP_FILES = 50;

parentPort!.once("message", ({ files, walk }: ReaderRequest) => {
  let batch: ReadResult[] = [];
  let chars = 0;
  let limit = FIRST_BATCH_FILES;
  let listed = walk?.listed;
  const post = () => {
    parentPort!.postMessage({ batch } satisfies ReaderMessage);
    batch = [];
    chars = 0;
    limit = BATCH_FILES;
  };
  const read = (file: ListedFile) => {
    const result = readManifestFile(file);
    batch.push(result);
    if ("source" in result) chars += result.source.text.length;
    if (batch.length >= limit || chars >= BATCH_CHARS) post();
  };
  for (const file of files) read(file);
  if (walk) {
    const rest = ManifestWalk.resume(walk.state);
    const keep = sourceFilter(walk.filter);
    let excluded = 0;
    while (!rest.done) {
      for (const file of rest.next(WALK_STEP_FILES)) {
        if (keep && !keep(file.path)) {
          excluded++;
          continue;
        }
        listed = (listed ?? 0) + 1;
        read(file);
      }
    }
    post();
    parentPort!.postMessage({ walked: { notices: rest.notices, excluded, listed: listed ?? 0 } } satisfies ReaderMessage);
  } else post();
  parentPort!.postMessage({ done: true } satisfies ReaderMessage);
});
