import { useCallback, useEffect, useRef, useState } from "react";
import type { Progress } from "../../analyzer/index.js";
import type { SourceFile } from "../../analyzer/types.js";
import type { AnalysisResult, WorkerMessage } from "./protocol.js";

export type AnalysisStatus =
  | { state: "idle" }
  | { state: "running"; progress?: Progress | undefined; files: number }
  | { state: "done" }
  | { state: "cancelled" }
  | { state: "failed"; message: string };

function startWorker(): Worker {
  return new Worker(new URL("./analysis.worker.ts", import.meta.url), { type: "module" });
}

/**
 * One worker per analysis: cancelling terminates it, which stops even a long run at once,
 * and a newer request supersedes an older one.
 */
export function useAnalysis() {
  const [result, setResult] = useState<AnalysisResult | null>(null);
  const [status, setStatus] = useState<AnalysisStatus>({ state: "idle" });
  const worker = useRef<Worker | null>(null);
  // A worker started while the page is idle, its module already loaded, for the next analysis.
  const spare = useRef<Worker | null>(null);

  const stop = () => {
    worker.current?.terminate();
    worker.current = null;
    if (!spare.current) spare.current = startWorker();
  };

  const run = useCallback((sources: SourceFile[]) => {
    worker.current?.terminate();
    worker.current = null;
    const w = spare.current ?? startWorker();
    spare.current = null;
    worker.current = w;
    setStatus({ state: "running", files: sources.length });
    w.onmessage = (event: MessageEvent<WorkerMessage>) => {
      if (worker.current !== w) return;
      const message = event.data;
      if (message.type === "progress") setStatus({ state: "running", progress: message.progress, files: sources.length });
      else if (message.type === "done") {
        performance.mark("loopscope:analysis-received");
        setResult(message.result);
        setStatus({ state: "done" });
        stop();
      } else {
        setStatus({ state: "failed", message: message.message });
        stop();
      }
    };
    w.onerror = (event) => {
      setStatus({ state: "failed", message: event.message || "the analysis worker stopped" });
      stop();
    };
    // Marks show in the browser's performance panel; the scale test reads them too.
    performance.mark("loopscope:analysis-posted");
    w.postMessage({ sources, today: new Date().toISOString().slice(0, 10) });
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
      worker.current = spare.current = null;
    },
    [],
  );
  return { result, status, run, cancel };
}
