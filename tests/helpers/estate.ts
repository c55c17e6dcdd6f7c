import { stringify } from "yaml";
import type { SourceFile } from "../../analyzer/types.js";
import { analyze, type Analysis } from "../../analyzer/index.js";

export type Doc = Record<string, unknown>;

export const model = (name: string, fields: Doc = {}): Doc => ({ apiVersion: "loopscope/v1", kind: "Model", name, owner: "team-a", ...fields });
export const dataset = (name: string, fields: Doc = {}): Doc => ({ apiVersion: "loopscope/v1", kind: "Dataset", name, ...fields });
export const service = (name: string, fields: Doc = {}): Doc => ({ apiVersion: "loopscope/v1", kind: "Service", name, ...fields });

/** One YAML file per document, named after it: `<name>.yaml`. */
export function filesOf(docs: Doc[]): SourceFile[] {
  return docs.map((doc, i) => ({ path: `${String(doc["name"] ?? `doc-${i}`)}.yaml`, text: stringify(doc) }));
}

export function analyzeDocs(docs: Doc[], today = "2026-11-28"): Analysis {
  return analyze(filesOf(docs), { today });
}

/** The findings of one rule as `models` lists, sorted, for compact assertions. */
export function modelsOf(analysis: Analysis, rule: string): string[][] {
  return analysis.report.findings.filter((f) => f.rule === rule).map((f) => f.models);
}
