/**
 * Runtime lineage as evidence: read OpenLineage events, compare what ran with what the
 * manifests declare. Pure; the CLI and the UI worker read the files. See docs/lineage.md.
 */
export { readLineageEvents, type ReadLineageResult } from "./read-events.js";
export { checkLineage, lineageFindings, type LineageCheck, type LineageCheckOptions } from "./lineage-findings.js";
export type { LineageEvent, LineageEntity, LineageJob, DeclaredEdge, LineageRef } from "./lineage-event.js";
export { withLineage, lineageSeverities } from "./with-lineage.js";
export { toOpenLineageJobEvents, toOpenLineageNdjson, type OpenLineageExportOptions } from "../export/openlineage.js";
