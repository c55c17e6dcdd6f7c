/**
 * The Loopscope SQLite schema (documented column by column in docs/database.md).
 *
 * Two halves live in one file:
 * - the snapshot (`sources`, `manifests`, `nodes`, `edges`, `findings`, `finding_nodes`,
 *   `loops`, `loop_nodes`) describes the latest analysis and is replaced on every run;
 * - the history (`runs`, `run_rule_counts`, `run_findings`) only grows: one row per
 *   analysis and that run's findings keyed by fingerprint, so trends and diffs survive.
 */
export const SCHEMA_VERSION = 1;

/** Tables replaced as a whole by each new snapshot, children before parents. */
export const SNAPSHOT_TABLES = ["finding_nodes", "findings", "loop_nodes", "loops", "edges", "nodes", "manifests", "sources"] as const;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS schema_version (
  version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT
);
CREATE TABLE IF NOT EXISTS sources (
  path TEXT PRIMARY KEY,
  text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS manifests (
  id        INTEGER PRIMARY KEY,
  file      TEXT NOT NULL,
  doc_index INTEGER NOT NULL,
  line      INTEGER NOT NULL,
  kind      TEXT,
  name      TEXT,
  owner     TEXT,
  raw       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS nodes (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('model','output','dataset','service')),
  name        TEXT NOT NULL,
  model       TEXT,
  owner       TEXT,
  description TEXT,
  implicit    INTEGER NOT NULL,
  file        TEXT,
  line        INTEGER,
  column      INTEGER,
  monitored   INTEGER,
  attributes  TEXT
);
CREATE TABLE IF NOT EXISTS edges (
  id          INTEGER PRIMARY KEY,
  source      TEXT NOT NULL,
  target      TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('reads','produces','consumes','influences','derives')),
  use         TEXT,
  version     TEXT,
  declared_by TEXT NOT NULL,
  file        TEXT,
  line        INTEGER,
  column      INTEGER,
  locations   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS findings (
  id             INTEGER PRIMARY KEY,
  fingerprint    TEXT NOT NULL,
  rule           TEXT NOT NULL,
  severity       TEXT NOT NULL CHECK (severity IN ('error','warning','info')),
  message        TEXT NOT NULL,
  acknowledged   INTEGER NOT NULL,
  reason         TEXT,
  expires        TEXT,
  baseline_state TEXT,
  file           TEXT,
  line           INTEGER,
  column         INTEGER,
  models         TEXT NOT NULL,
  locations      TEXT NOT NULL,
  path           TEXT,
  data           TEXT,
  evidence       TEXT
);
CREATE TABLE IF NOT EXISTS finding_nodes (
  finding_id INTEGER NOT NULL REFERENCES findings(id),
  node       TEXT NOT NULL,
  is_model   INTEGER NOT NULL,
  in_nodes   INTEGER NOT NULL,
  PRIMARY KEY (finding_id, node)
);
CREATE TABLE IF NOT EXISTS loops (
  id                  INTEGER PRIMARY KEY,
  kind                TEXT NOT NULL CHECK (kind IN ('hidden','circular','direct')),
  models              TEXT NOT NULL,
  model_count         INTEGER NOT NULL,
  through_training    INTEGER NOT NULL,
  walk                TEXT,
  walk_json           TEXT,
  finding_fingerprint TEXT
);
CREATE TABLE IF NOT EXISTS loop_nodes (
  loop_id  INTEGER NOT NULL REFERENCES loops(id),
  node     TEXT NOT NULL,
  is_model INTEGER NOT NULL,
  PRIMARY KEY (loop_id, node)
);
CREATE TABLE IF NOT EXISTS runs (
  id           INTEGER PRIMARY KEY,
  time         TEXT NOT NULL,
  source       TEXT NOT NULL,
  git_commit   TEXT,
  tool_version TEXT NOT NULL,
  files        INTEGER NOT NULL,
  models       INTEGER NOT NULL,
  loops        INTEGER NOT NULL,
  findings     INTEGER NOT NULL,
  errors       INTEGER NOT NULL,
  warnings     INTEGER NOT NULL,
  infos        INTEGER NOT NULL,
  acknowledged INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS run_rule_counts (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  rule   TEXT NOT NULL,
  count  INTEGER NOT NULL,
  PRIMARY KEY (run_id, rule)
);
CREATE TABLE IF NOT EXISTS run_findings (
  run_id       INTEGER NOT NULL REFERENCES runs(id),
  fingerprint  TEXT NOT NULL,
  rule         TEXT NOT NULL,
  severity     TEXT NOT NULL,
  message      TEXT NOT NULL,
  acknowledged INTEGER NOT NULL,
  models       TEXT NOT NULL,
  file         TEXT,
  line         INTEGER,
  PRIMARY KEY (run_id, fingerprint)
);
CREATE INDEX IF NOT EXISTS edges_source ON edges(source, kind);
CREATE INDEX IF NOT EXISTS edges_target ON edges(target, kind);
CREATE INDEX IF NOT EXISTS nodes_kind_owner ON nodes(kind, owner);
CREATE INDEX IF NOT EXISTS nodes_model ON nodes(model);
CREATE INDEX IF NOT EXISTS findings_fingerprint ON findings(fingerprint);
CREATE INDEX IF NOT EXISTS findings_rule ON findings(rule, severity);
CREATE INDEX IF NOT EXISTS finding_nodes_node ON finding_nodes(node);
CREATE INDEX IF NOT EXISTS loop_nodes_node ON loop_nodes(node);
CREATE INDEX IF NOT EXISTS manifests_name ON manifests(name);
CREATE INDEX IF NOT EXISTS run_findings_fingerprint ON run_findings(fingerprint);
`;
