import type { Notice } from "../types.js";

/** A manifest document as the importer writes it: plain data in FORMAT.md's key order. */
export type ImportedDocument = Record<string, unknown> & { apiVersion: "loopscope/v1"; kind: "Model" | "Dataset" | "Service"; name: string };

/** One file the importer writes: a namespace (or dbt project) worth of manifests. */
export interface ImportedFile {
  /** POSIX path relative to the output folder. */
  path: string;
  /** Comment lines (without `# `) that open the file: where the manifests came from. */
  header: string[];
  documents: ImportedDocument[];
}

export interface ImportResult {
  files: ImportedFile[];
  notices: Notice[];
  /** Counts for the command's summary line. */
  counts: { models: number; services: number; datasets: number; skippedJobs: number };
}

const KIND_ORDER = { Model: 0, Service: 1, Dataset: 2 } as const;

/** Models, then Services, then Datasets; by name within a kind. */
export function sortDocuments(documents: ImportedDocument[]): ImportedDocument[] {
  return [...documents].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function countKinds(files: ImportedFile[]): { models: number; services: number; datasets: number } {
  const docs = files.flatMap((f) => f.documents);
  return {
    models: docs.filter((d) => d.kind === "Model").length,
    services: docs.filter((d) => d.kind === "Service").length,
    datasets: docs.filter((d) => d.kind === "Dataset").length,
  };
}
