/**
 * The Loopscope SQLite workspace: pure code over an initialised sql.js module, shared by
 * the CLI (src/io/database-file.ts) and the UI (ui/sql/). Schema: docs/database.md.
 */
export { SCHEMA_VERSION, SCHEMA_SQL, SNAPSHOT_TABLES } from "./schema.js";
export { openDatabase, schemaVersionOf, DatabaseFormatError } from "./open-database.js";
export { writeSnapshot, type AnalysisData } from "./write-snapshot.js";
export { withRoomFor } from "./make-room.js";
export { appendRun, type RunInfo } from "./record-run.js";
export { readFindings } from "./read-findings.js";
export { listRuns, runFindings, diffRuns, type RunSummary, type RunFinding, type RunDiff } from "./read-runs.js";
export { buildWorkspace, readSources, getMeta, setMeta } from "./workspace.js";
export { blobHex, csvLine, nothingButComments, runReadOnlyQuery, streamReadOnlyQuery, toCsv, type QueryResult, type QueryValue, type RowSink } from "./run-query.js";
export { EXAMPLE_QUERIES, type ExampleQuery } from "./example-queries.js";
export { splitDocuments, type ManifestRow } from "./split-documents.js";
export { rows, type Row } from "./rows.js";
export { describeSchema, type TableShape } from "./describe-schema.js";
export { formatTable } from "./format-table.js";
export { formatHistory } from "./format-history.js";
