/**
 * Ten questions architects ask of an estate, as SQL over the schema in docs/database.md.
 * `nodeColumn` names the column whose values are node ids, so a console can turn a row
 * click into a selection on the graph. tests/db/example-queries.test.ts checks every
 * answer on samples/bike-shop.
 */
export interface ExampleQuery {
  id: string;
  title: string;
  question: string;
  sql: string;
  nodeColumn?: string;
}

/** model → outcome dataset it moves: directly, or through a service that consumes its output. */
const INFLUENCE_CTE = `influence(model, owner, outcome) AS (
  SELECT DISTINCT o.model, m.owner, e.target
  FROM edges e JOIN nodes o ON o.id = e.source AND o.kind = 'output' JOIN nodes m ON m.id = o.model
  WHERE e.kind = 'influences'
  UNION
  SELECT o.model, m.owner, e2.target
  FROM edges e1 JOIN nodes o ON o.id = e1.source AND o.kind = 'output' JOIN nodes m ON m.id = o.model
  JOIN edges e2 ON e2.source = e1.target AND e2.kind = 'influences'
  WHERE e1.kind = 'consumes'
)`;

export const EXAMPLE_QUERIES: readonly ExampleQuery[] = [
  {
    id: "shared-outcomes",
    title: "Teams sharing an outcome",
    question: "Which teams move the same outcome dataset as another team's model?",
    nodeColumn: "outcome",
    sql: `WITH ${INFLUENCE_CTE}
SELECT a.outcome, a.owner AS team, a.model, b.owner AS other_team, b.model AS other_model
FROM influence a JOIN influence b
  ON a.outcome = b.outcome AND a.model < b.model AND coalesce(a.owner, '') <> coalesce(b.owner, '')
ORDER BY a.outcome, a.model, b.model;`,
  },
  {
    id: "datasets-feeding-loops",
    title: "Datasets feeding the most loops",
    question: "Which datasets feed the most feedback loops (read by, or derived into, a loop member)?",
    nodeColumn: "dataset",
    sql: `SELECT d.id AS dataset, count(DISTINCT l.id) AS loops,
  group_concat(DISTINCT l.kind) AS loop_kinds,
  max(EXISTS (SELECT 1 FROM loop_nodes x WHERE x.node = d.id)) AS inside_a_loop
FROM nodes d
JOIN edges e ON e.source = d.id
JOIN loop_nodes ln ON ln.node = e.target
JOIN loops l ON l.id = ln.loop_id
WHERE d.kind = 'dataset'
GROUP BY d.id
ORDER BY loops DESC, dataset;`,
  },
  {
    id: "unmonitored-loop-models",
    title: "Unmonitored models in a loop",
    question: "Which models sit in a feedback loop without drift monitoring?",
    nodeColumn: "model",
    sql: `SELECT m.id AS model, m.owner, count(DISTINCT ln.loop_id) AS loops, group_concat(DISTINCT l.kind) AS loop_kinds
FROM nodes m
JOIN loop_nodes ln ON ln.node = m.id
JOIN loops l ON l.id = ln.loop_id
WHERE m.kind = 'model' AND m.monitored = 0
GROUP BY m.id
ORDER BY loops DESC, model;`,
  },
  {
    id: "longest-model-chains",
    title: "Longest model chains",
    question: "Which chains of models, each reading the previous one's output, are longest (from a model that reads no other model)?",
    nodeColumn: "first_model",
    sql: `WITH RECURSIVE step(src, dst) AS (
  SELECT DISTINCT o.model, e.target
  FROM edges e JOIN nodes o ON o.id = e.source AND o.kind = 'output' JOIN nodes t ON t.id = e.target AND t.kind = 'model'
  WHERE e.kind = 'reads'
),
-- Chains start at a model that reads no other model's output, so only whole chains are walked
-- (starting everywhere would walk every sub-chain too: quadratic on a long chain). Models in a
-- cycle have no such start; the loops table lists those.
chain(first_model, last_model, models, length, seen) AS (
  SELECT src, dst, src || ' → ' || dst, 2, '|' || src || '|' || dst || '|' FROM step
  WHERE NOT EXISTS (SELECT 1 FROM step p WHERE p.dst = step.src)
  UNION ALL
  SELECT c.first_model, s.dst, c.models || ' → ' || s.dst, c.length + 1, c.seen || s.dst || '|'
  FROM chain c JOIN step s ON s.src = c.last_model
  WHERE instr(c.seen, '|' || s.dst || '|') = 0
)
SELECT first_model, last_model, length, models AS chain
FROM chain
WHERE NOT EXISTS (SELECT 1 FROM step n WHERE n.src = chain.last_model AND instr(chain.seen, '|' || n.dst || '|') = 0)
ORDER BY length DESC, chain
LIMIT 20;`,
  },
  {
    id: "owners-unacknowledged-debt",
    title: "Owners with the most unacknowledged debt",
    question: "Which owners carry the most open (unacknowledged) findings on their models?",
    sql: `SELECT coalesce(m.owner, '(no owner)') AS owner,
  count(DISTINCT f.id) AS findings,
  count(DISTINCT CASE WHEN f.severity = 'error' THEN f.id END) AS errors,
  count(DISTINCT CASE WHEN f.severity = 'warning' THEN f.id END) AS warnings,
  count(DISTINCT CASE WHEN f.severity = 'info' THEN f.id END) AS infos,
  group_concat(DISTINCT m.id) AS models
FROM findings f
JOIN finding_nodes fn ON fn.finding_id = f.id AND fn.is_model = 1
JOIN nodes m ON m.id = fn.node
WHERE f.acknowledged = 0
GROUP BY coalesce(m.owner, '(no owner)')
ORDER BY errors DESC, warnings DESC, findings DESC, owner;`,
  },
  {
    id: "loops-with-walks",
    title: "Every loop and its walk",
    question: "What loops does the estate have, which models do they tie together, and how does each close?",
    sql: `SELECT id AS loop, kind, models, model_count, through_training, walk
FROM loops
ORDER BY CASE kind WHEN 'hidden' THEN 0 WHEN 'circular' THEN 1 ELSE 2 END, model_count DESC, models;`,
  },
  {
    id: "unpinned-cross-team-reads",
    title: "Cross-team reads without a version pin",
    question: "Which models read another team's model output without pinning a version?",
    nodeColumn: "reader",
    sql: `SELECT e.target AS reader, r.owner AS reader_owner, e.source AS output, p.id AS producer, p.owner AS producer_owner, e.use, e.file, e.line
FROM edges e
JOIN nodes o ON o.id = e.source AND o.kind = 'output'
JOIN nodes p ON p.id = o.model
JOIN nodes r ON r.id = e.target AND r.kind = 'model'
WHERE e.kind = 'reads' AND e.version IS NULL
  AND p.owner IS NOT NULL AND r.owner IS NOT NULL AND p.owner <> r.owner
ORDER BY reader, output;`,
  },
  {
    id: "loop-models-without-holdout",
    title: "Loop models without a holdout",
    question: "Which models in a loop deploy with no holdout (and not as a bandit), so the loop cannot be measured?",
    nodeColumn: "model",
    sql: `SELECT m.id AS model, m.owner,
  json_extract(m.attributes, '$.deployment.strategy') AS strategy,
  json_extract(m.attributes, '$.deployment.holdout') AS holdout,
  group_concat(DISTINCT l.kind) AS loop_kinds
FROM nodes m
JOIN loop_nodes ln ON ln.node = m.id
JOIN loops l ON l.id = ln.loop_id
WHERE m.kind = 'model'
  AND coalesce(json_extract(m.attributes, '$.deployment.holdout'), 0) = 0
  AND coalesce(json_extract(m.attributes, '$.deployment.strategy'), '') <> 'bandit'
GROUP BY m.id
ORDER BY model;`,
  },
  {
    id: "blast-radius",
    title: "Blast radius of each model",
    question: "If a model changes, how many other models (and teams) does the change reach downstream, within six model hops?",
    nodeColumn: "model",
    // Two steps keep this affordable: first one model hop (through outputs, datasets and services,
    // stopping at the next model), then up to six model hops. An unbounded closure is quadratic:
    // minutes on a 2,000-model chain, and sql.js runs on the page's main thread.
    sql: `WITH RECURSIVE hop(origin, node) AS (
  SELECT m.id, e.target FROM nodes m JOIN edges e ON e.source = m.id WHERE m.kind = 'model'
  UNION
  SELECT h.origin, e.target FROM hop h JOIN nodes n ON n.id = h.node AND n.kind <> 'model' JOIN edges e ON e.source = h.node
),
next_model(src, dst) AS (
  SELECT DISTINCT h.origin, h.node FROM hop h JOIN nodes n ON n.id = h.node AND n.kind = 'model'
),
reach(origin, model, hops) AS (
  SELECT src, dst, 1 FROM next_model
  UNION
  SELECT r.origin, x.dst, r.hops + 1 FROM reach r JOIN next_model x ON x.src = r.model
  WHERE r.hops < 6
)
SELECT m.id AS model, m.owner,
  count(DISTINCT CASE WHEN n.id <> m.id THEN n.id END) AS downstream_models,
  count(DISTINCT CASE WHEN n.id <> m.id AND coalesce(n.owner, '(no owner)') <> coalesce(m.owner, '(no owner)') THEN coalesce(n.owner, '(no owner)') END) AS other_teams,
  coalesce(max(n.id = m.id), 0) AS feeds_back_to_itself,
  group_concat(DISTINCT CASE WHEN n.id <> m.id THEN n.id END) AS reaches
FROM nodes m
LEFT JOIN reach r ON r.origin = m.id
LEFT JOIN nodes n ON n.id = r.model
WHERE m.kind = 'model'
GROUP BY m.id
ORDER BY downstream_models DESC, model;`,
  },
  {
    id: "services-in-loops",
    title: "Services that close a loop",
    question: "Which services sit inside a feedback loop (the non-model links that make it hidden)?",
    nodeColumn: "service",
    sql: `SELECT s.id AS service, s.owner, count(DISTINCT ln.loop_id) AS loops,
  group_concat(DISTINCT l.models) AS loop_models
FROM nodes s
JOIN loop_nodes ln ON ln.node = s.id
JOIN loops l ON l.id = ln.loop_id
WHERE s.kind = 'service'
GROUP BY s.id
ORDER BY loops DESC, service;`,
  },
];
