import type { Database } from "sql.js";
import type { Finding, Report, SourceFile } from "../types.js";
import type { EstateGraph, EstateLoop } from "../graph/estate-graph.js";
import { SCHEMA_SQL, SNAPSHOT_TABLES } from "./schema.js";
import { splitDocuments } from "./split-documents.js";
import { formatWalk, json } from "./encode.js";

/** What every database writer takes: the analyzer's result. */
export interface AnalysisData {
  report: Report;
  graph: EstateGraph;
}

const LOOP_RULE: Record<EstateLoop["kind"], string> = {
  hidden: "hidden-feedback-loop",
  circular: "circular-model-dependency",
  direct: "direct-feedback-loop",
};

/**
 * Replaces the snapshot tables with this analysis, in one transaction (or one savepoint of
 * the caller's): a reader never sees half an estate. `sources` fills `sources` and `manifests`; without them those stay empty.
 */
export function writeSnapshot(db: Database, analysis: AnalysisData, sources: readonly SourceFile[] = []): void {
  // A savepoint: its own transaction alone, or part of the caller's.
  db.exec("SAVEPOINT snapshot");
  try {
    // Dropped and made again rather than emptied row by row (each row out of every index):
    // the old snapshot's pages go back to the file's free list whole, and the new one reuses them.
    for (const table of SNAPSHOT_TABLES) db.exec(`DROP TABLE IF EXISTS ${table}`);
    db.exec(SCHEMA_SQL);
    insertSources(db, sources);
    insertNodes(db, analysis.graph);
    insertEdges(db, analysis.graph);
    insertFindings(db, analysis.report.findings);
    insertLoops(db, analysis.graph, analysis.report.findings);
    db.exec("RELEASE snapshot");
  } catch (error) {
    db.exec("ROLLBACK TO snapshot; RELEASE snapshot");
    throw error;
  }
}

function insertSources(db: Database, sources: readonly SourceFile[]): void {
  const source = db.prepare("INSERT OR REPLACE INTO sources (path, text) VALUES (?, ?)");
  for (const file of sources) source.run([file.path, file.text]);
  source.free();
  const manifest = db.prepare("INSERT INTO manifests (file, doc_index, line, kind, name, owner, raw) VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const row of splitDocuments(sources)) manifest.run([row.file, row.docIndex, row.line, row.kind, row.name, row.owner, row.raw]);
  manifest.free();
}

function insertNodes(db: Database, graph: EstateGraph): void {
  const statement = db.prepare(
    "INSERT OR REPLACE INTO nodes (id, kind, name, model, owner, description, implicit, file, line, column, monitored, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  for (const node of graph.nodes) {
    statement.run([
      node.id,
      node.kind,
      node.name,
      node.model ?? null,
      node.owner ?? null,
      node.description ?? null,
      node.implicit ? 1 : 0,
      node.location?.file ?? null,
      node.location?.line ?? null,
      node.location?.column ?? null,
      node.kind === "model" ? (isDriftMonitored(node.attributes) ? 1 : 0) : null,
      node.attributes ? json(node.attributes) : null,
    ]);
  }
  statement.free();
}

/** RULES.md `unmonitored-loop`: a model is monitored when `monitoring.drift` is true. */
function isDriftMonitored(attributes: Record<string, unknown> | undefined): boolean {
  const monitoring = attributes?.["monitoring"];
  return typeof monitoring === "object" && monitoring !== null && (monitoring as Record<string, unknown>)["drift"] === true;
}

function insertEdges(db: Database, graph: EstateGraph): void {
  const statement = db.prepare(
    "INSERT INTO edges (source, target, kind, use, version, declared_by, file, line, column, locations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  for (const edge of graph.edges) {
    const first = edge.locations[0];
    statement.run([
      edge.source,
      edge.target,
      edge.kind,
      edge.use ?? null,
      edge.version ?? null,
      [...edge.declaredBy].sort().join(","),
      first?.file ?? null,
      first?.line ?? null,
      first?.column ?? null,
      json(edge.locations),
    ]);
  }
  statement.free();
}

function insertFindings(db: Database, findings: readonly Finding[]): void {
  const finding = db.prepare(
    `INSERT INTO findings (id, fingerprint, rule, severity, message, acknowledged, reason, expires, baseline_state, file, line, column, models, locations, path, data, evidence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const member = db.prepare("INSERT OR IGNORE INTO finding_nodes (finding_id, node, is_model, in_nodes) VALUES (?, ?, ?, ?)");
  findings.forEach((f, index) => {
    const id = index + 1; // report order, so reading back by id gives the report's order
    const first = f.locations[0];
    finding.run([
      id,
      f.fingerprint,
      f.rule,
      f.severity,
      f.message,
      f.acknowledged ? 1 : 0,
      f.acknowledged?.reason ?? null,
      f.acknowledged?.expires ?? null,
      f.baselineState ?? null,
      first?.file ?? null,
      first?.line ?? null,
      first?.column ?? null,
      json(f.models),
      json(f.locations),
      f.path ? json(f.path) : null,
      f.data ? json(f.data) : null,
      f.evidence ? json(f.evidence) : null,
    ]);
    // Models and nodes together: a finding about an undeclared dataset names the model that
    // referenced it in `models` but only the dataset in `nodes`; owner queries need both.
    const models = new Set(f.models);
    const nodes = new Set(f.nodes);
    for (const node of new Set([...f.nodes, ...f.models])) member.run([id, node, models.has(node) ? 1 : 0, nodes.has(node) ? 1 : 0]);
  });
  finding.free();
  member.free();
}

function insertLoops(db: Database, graph: EstateGraph, findings: readonly Finding[]): void {
  const loop = db.prepare(
    "INSERT INTO loops (id, kind, models, model_count, through_training, walk, walk_json, finding_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const member = db.prepare("INSERT OR IGNORE INTO loop_nodes (loop_id, node, is_model) VALUES (?, ?, ?)");
  graph.loops.forEach((l, index) => {
    const id = index + 1;
    // The walk lives on the loop's finding (same rule, same models); the graph keeps only members.
    const key = l.models.join("\u0000");
    const finding = findings.find((f) => f.rule === LOOP_RULE[l.kind] && f.models.join("\u0000") === key && f.path);
    loop.run([
      id,
      l.kind,
      l.models.join(", "),
      l.models.length,
      l.throughTraining ? 1 : 0,
      finding?.path ? formatWalk(finding.path) : null,
      finding?.path ? json(finding.path) : null,
      finding?.fingerprint ?? null,
    ]);
    const models = new Set(l.models);
    for (const node of new Set(l.nodes)) member.run([id, node, models.has(node) ? 1 : 0]);
  });
  loop.free();
  member.free();
}
