/**
 * Importers: OpenLineage events and dbt manifests → Loopscope manifests (pure; the CLI
 * reads and writes the files). See docs/lineage.md.
 */
import type { SourceFile } from "../types.js";
import { readLineageEvents } from "../lineage/read-events.js";
import { openLineageToManifests } from "./openlineage-to-manifests.js";
import { jobMatcher, type ImportMapping, type MappingOrigin } from "./job-mapping.js";
import type { ImportResult } from "./imported-file.js";

export { dbtToManifests, type DbtImportOptions } from "./dbt-to-manifests.js";
export { mergeImportedFile, type MergeResult } from "./merge-manifests.js";
export { renderImportedFile } from "./render-manifests.js";
export { declaringFiles, routeToDeclaringFiles } from "./declaring-files.js";
export { importMappingSchema, parseImportMapping, jobMatcher, DEFAULT_MODEL_JOB_TYPES, type ImportMapping, type MappingOrigin } from "./job-mapping.js";
export { convertForeignSources, type ForeignConversion } from "./convert-foreign-sources.js";
export type { ImportedDocument, ImportedFile, ImportResult } from "./imported-file.js";

export interface OpenLineageImport {
  mapping?: ImportMapping | undefined;
  /** The mapping's file and entry positions, so a notice about a `names` entry can point at it. */
  mappingOrigin?: MappingOrigin | undefined;
  /** `--models REGEX`: job names (or namespace/name) that are Models. */
  models?: RegExp[] | undefined;
}

/** Reads the event files and converts them; bad events are notices with positions and are skipped. */
export function importOpenLineage(files: SourceFile[], options: OpenLineageImport = {}): ImportResult {
  const { events, problems } = readLineageEvents(files);
  const result = openLineageToManifests(events, { matcher: jobMatcher(options.mapping, options.models, options.mappingOrigin) });
  return { ...result, notices: [...problems, ...result.notices] };
}
