import type { Notice, SourceFile } from "../types.js";
import type { LineageEvent } from "../lineage/lineage-event.js";
import { readLineageEvents } from "../lineage/read-events.js";
import { classifyJson } from "../lineage/classify-json.js";
import { readJsonValues } from "../lineage/json-values.js";
import { isObject } from "../lineage/is-object.js";
import { dbtToManifests } from "./dbt-to-manifests.js";
import { openLineageToManifests } from "./openlineage-to-manifests.js";
import { jobMatcher } from "./job-mapping.js";
import { renderImportedFile } from "./render-manifests.js";
import { declaringFiles } from "./declaring-files.js";
import type { ImportResult } from "./imported-file.js";

export interface ForeignConversion {
  /** Loopscope manifests as given, plus the manifests converted from foreign files. */
  sources: SourceFile[];
  /** Every OpenLineage event read (RunEvents are the evidence for `lineageFindings`). */
  events: LineageEvent[];
  notices: Notice[];
}

/**
 * What the UI does with dropped files, the same way the CLI would: a dbt manifest.json is
 * imported into Datasets; OpenLineage files are imported into manifests when no Loopscope
 * manifest was dropped with them (a first look at an estate), and otherwise serve only as
 * runtime evidence, like `lint --lineage`, so they cannot hide the gaps they should reveal.
 * Converted manifests appear under `imported/`, and never redeclare a name a dropped
 * manifest already declares.
 */
export function convertForeignSources(input: SourceFile[]): ForeignConversion {
  const manifests: SourceFile[] = [];
  const lineageFiles: SourceFile[] = [];
  const dbtFiles: SourceFile[] = [];
  for (const source of input) {
    const kind = foreignKind(source);
    if (kind === "dbt") dbtFiles.push(source);
    else if (kind === "openlineage") lineageFiles.push(source);
    else manifests.push(source);
  }
  const notices: Notice[] = [];
  const declared = new Set(declaringFiles(manifests).keys());
  const hasManifests = declared.size > 0;
  const { events, problems } = readLineageEvents(lineageFiles);
  for (const problem of problems) notices.push(problem);
  const converted: SourceFile[] = [];
  const emit = (prefix: string, result: ImportResult) => {
    for (const notice of result.notices) notices.push(notice);
    for (const file of result.files) {
      const documents = file.documents.filter((d) => !declared.has(d.name));
      if (documents.length === 0) continue;
      for (const d of documents) declared.add(d.name);
      converted.push({ path: `imported/${prefix}/${file.path}`, text: renderImportedFile({ ...file, documents }) });
    }
  };
  for (const file of dbtFiles) emit("dbt", dbtToManifests(file));
  if (lineageFiles.length > 0 && !hasManifests) {
    emit("openlineage", openLineageToManifests(events, { matcher: jobMatcher(undefined) }));
  }
  return { sources: [...manifests, ...converted], events, notices };
}

/** "dbt", "openlineage", or undefined for anything else (left for the manifest reader). */
export function foreignKind(source: SourceFile): "dbt" | "openlineage" | undefined {
  if (!/\.(json|ndjson|jsonl)$/i.test(source.path)) return undefined;
  const text = source.text;
  // Cheap text checks first: most dropped JSON is either a manifest or clearly an event file.
  if (/"apiVersion"\s*:\s*"loopscope\//.test(text.slice(0, 2000))) return undefined;
  if (!/"(eventTime|eventType|job|dataset|lineage|dbt_schema_version)"/.test(text)) return undefined;
  const { values, whole } = readJsonValues(source.path, text);
  const kind = classifyJson(whole);
  if (kind !== "events") return kind.foreign === "dbt" ? "dbt" : undefined;
  const first = values[0]?.value;
  return isObject(first) && (first["job"] !== undefined || first["dataset"] !== undefined || first["lineage"] !== undefined || first["eventTime"] !== undefined) ? "openlineage" : undefined;
}
