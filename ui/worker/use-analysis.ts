import { useCallback, useEffect, useRef, useState } from "react";
import type { Progress } from "../../analyzer/index.js";
import type { SourceFile } from "../../analyzer/types.js";
import type { PickedFile } from "../load/read-files.js";
import { nextTask, streamFiles } from "../load/stream-files.js";
import { estateIndexOf } from "../model/estate-index.js";
import type { AnalysisResult, AnalyzeRequest, WorkerMessage } from "./protocol.js";
import { attachDetails } from "./details.js";
import { unpackOutline } from "./graph-codec.js";
import { afterNextFirstFrame } from "../state/first-frame.js";

export type AnalysisStatus =
  | { state: "idle" }
  | { state: "running"; progress?: Progress | ReadProgress | undefined; files: number }
  | { state: "done" }
  | { state: "cancelled" }
  /** Picked files held no Loopscope document (other YAML, say): the estate shown is kept. */
  | { state: "nothing"; files: number }
  | { state: "failed"; message: string };

/** Picked files being opened (their size looked up) and read, before the worker has them all. */
export interface ReadProgress {
  stage: "open" | "read";
  done: number;
  total: number;
}

function startWorker(): Worker {
  return new Worker(new URL("./analysis.worker.ts", import.meta.url), { type: "module" });
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * One worker per analysis: cancelling terminates it, which stops even a long run at once,
 * and a newer request supersedes an older one. `sources` are the texts of what is loaded:
 * at once for texts; for picked files (read meanwhile) with their result, so a cancelled
 * run leaves the previous files and result together.
 */
export function useAnalysis() {
  const [result, setResult] = useState<AnalysisResult | null>(null);
  /** The result whose details have all arrived (details.ts); exports and SQL wait for it. */
  const [completed, setCompleted] = useState<AnalysisResult | null>(null);
  const [sources, setSources] = useState<SourceFile[]>([]);
  const [status, setStatus] = useState<AnalysisStatus>({ state: "idle" });
  const worker = useRef<Worker | null>(null);
  // A worker started while the page is idle, its module already loaded, for the next analysis.
  const spare = useRef<Worker | null>(null);
  // Workers whose result is shown and that still send its details: a new run or a cancel leaves them be.
  const finishing = useRef(new Set<Worker>());
  // The result on screen: details that complete an older one (a switch while they came) must not
  // mark it complete, which left the new estate's exports and SQL console waiting for ever.
  const shown = useRef<AnalysisResult | null>(null);

  const stop = () => {
    worker.current?.terminate();
    worker.current = null;
    if (!spare.current) spare.current = startWorker();
  };

  /**
   * `texts()`: the picked files' texts, set as `sources` with the result; `reading()`: while
   * true the status shows the reading progress rather than the worker's parsing of what came.
   */
  const begin = (files: number, texts?: () => SourceFile[], reading?: () => boolean, keepWhenEmpty = false): Worker => {
    worker.current?.terminate();
    worker.current = null;
    const w = spare.current ?? startWorker();
    spare.current = null;
    worker.current = w;
    setStatus({ state: "running", files });
    let report: AnalysisResult["report"] | null = null;
    w.onmessage = (event: MessageEvent<WorkerMessage>) => {
      if (worker.current !== w) return;
      const message = event.data;
      if (message.type === "report") {
        report = message.report;
        performance.mark("loopscope:report-received");
      } else if (message.type === "findings") {
        for (const finding of message.findings) report!.findings.push(finding);
      } else if (message.type === "progress") {
        if (!reading?.()) setStatus({ state: "running", progress: message.progress, files });
      } else if (message.type === "done") {
        performance.mark("loopscope:analysis-received", { detail: { ...message.timings, transfer: Date.now() - message.posted } });
        const received: AnalysisResult = { report: report!, graph: message.graph ?? unpackOutline(message.packed!), notices: message.notices, millis: message.millis };
        estateIndexOf(received);
        // The render in a task of its own: input waiting since the index was built goes first.
        nextTask(() => {
          if (worker.current === w) show(received, message.details);
        });
      } else if (message.type === "failed") {
        setStatus({ state: "failed", message: message.message });
        stop();
      }
    };
    const show = (received: AnalysisResult, details: number) => {
      // Picked files with no Loopscope document: the CLI refuses them (no manifests found); the
      // page keeps what it shows rather than an empty estate called clean.
      if (keepWhenEmpty && received.report.summary.documents === 0 && received.report.findings.length === 0) {
        stop();
        setStatus({ state: "nothing", files });
        return;
      }
      shown.current = received;
      setResult(received);
      if (texts) setSources(texts());
      setStatus({ state: "done" });
      if (details === 0) {
        setCompleted(received);
        stop();
      } else {
        worker.current = null;
        finishDetails(w, received);
      }
    };
    w.onerror = (event) => {
      setStatus({ state: "failed", message: event.message || "the analysis worker stopped" });
      stop();
    };
    // Marks show in the browser's performance panel; the UI benchmark and scale test read them too.
    // Those of earlier loads are dropped (they piled up, a few per load, for as long as the tab
    // lived); the pick that started this load is kept.
    for (const name of new Set(performance.getEntriesByType("mark").map((m) => m.name))) {
      if (name.startsWith("loopscope:") && name !== "loopscope:files-picked") performance.clearMarks(name);
    }
    performance.mark("loopscope:analysis-posted");
    return w;
  };

  /** Once the first view is drawn and the page is idle, asks the worker for the details it held back. */
  const finishDetails = (w: Worker, received: AnalysisResult) => {
    finishing.current.add(w);
    w.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === "details") attachDetails(received, message.part);
      else if (message.type === "complete") {
        performance.mark("loopscope:details-received");
        finishing.current.delete(w);
        w.terminate();
        if (shown.current === received) setCompleted(received);
        if (!spare.current) spare.current = startWorker();
      }
    };
    w.onerror = (event) => {
      finishing.current.delete(w);
      w.terminate();
      // (A newer analysis may be running: its status stays.)
      if (!worker.current) setStatus({ state: "failed", message: `the positions of the findings were lost: ${event.message || "the analysis worker stopped"}` });
    };
    // After the new view's first frame, and then when the page is idle.
    const ask = () => w.postMessage({ type: "details" } satisfies AnalyzeRequest);
    afterNextFirstFrame(() => (typeof requestIdleCallback === "function" ? requestIdleCallback(ask, { timeout: 1000 }) : setTimeout(ask, 50)), 3000);
  };

  /** Texts already in the page (samples, paste, a workspace): they become `sources` with the result, so a cancel leaves the previous ones. */
  const run = useCallback((next: SourceFile[]) => {
    const w = begin(next.length, () => next);
    w.postMessage({ type: "sources", sources: next, today: today() } satisfies AnalyzeRequest);
  }, []);

  /** Picked or dropped files: read here a batch at a time, each parsed in the worker as it comes. */
  const runFiles = useCallback((picked: PickedFile[]) => {
    let read: SourceFile[] | null = null;
    const w = begin(
      picked.length,
      () => read ?? [],
      () => read === null,
      true,
    );
    w.postMessage({ type: "start", today: today(), expected: picked.length } satisfies AnalyzeRequest);
    streamFiles(picked, {
      live: () => worker.current === w,
      onChunk: (sources) => w.postMessage({ type: "texts", sources } satisfies AnalyzeRequest),
      onProgress: (stage, done) => setStatus({ state: "running", progress: { stage, done, total: picked.length }, files: picked.length }),
      onDone: (sources, notices) => {
        read = sources;
        performance.mark("loopscope:files-read");
        w.postMessage({ type: "end", notices } satisfies AnalyzeRequest);
      },
    });
  }, []);

  const cancel = useCallback(() => {
    if (!worker.current) return;
    stop();
    setStatus({ state: "cancelled" });
  }, []);

  useEffect(
    () => () => {
      worker.current?.terminate();
      spare.current?.terminate();
      for (const w of finishing.current) w.terminate();
      worker.current = spare.current = null;
    },
    [],
  );
  return { result, complete: result !== null && completed === result, sources, status, run, runFiles, cancel };
}
