import type { Notice, SourceFile } from "../types.js";
import { isObject } from "../lineage/is-object.js";
import { isDbtManifest } from "../lineage/classify-json.js";
import { parseJson } from "../parse/parse-json.js";
import { assignNames, cmp, toLoopscopeName } from "./names.js";
import { countKinds, sortDocuments, type ImportedDocument, type ImportResult } from "./imported-file.js";
import { headerLines, nonEmpty } from "./openlineage-to-manifests.js";

/** dbt resources that are tables or views: they become Datasets. Tests, macros and docs do not. */
const DATASET_TYPES = new Set(["model", "seed", "snapshot", "source"]);

export interface DbtImportOptions {
  /** OpenLineage namespace written into each Dataset's `lineage` (dbt's manifest does not know the host). */
  namespace?: string | undefined;
}

/**
 * dbt manifest.json → one file of Datasets (models, seeds, snapshots, sources) whose
 * `derivedFrom` is dbt's `depends_on.nodes`, plus a Service per exposure that `consumes`
 * what it depends on. Each Dataset's `lineage.name` is `database.schema.alias`, the name
 * the OpenLineage dbt integration gives the same table, so run events match it.
 */
export function dbtToManifests(source: SourceFile, options: DbtImportOptions = {}): ImportResult {
  const parsed = parseJson(source.path, source.text, { foreign: true });
  const notices: Notice[] = parsed.problems.map((p) => ({ ...p.location, message: p.message }));
  const root = parsed.documents.length === 1 ? parsed.documents[0] : undefined;
  const empty: ImportResult = { files: [], notices, counts: { models: 0, services: 0, datasets: 0, skippedJobs: 0 } };
  if (!root) return empty;
  if (!isDbtManifest(root.value)) {
    notices.push({ ...root.locate([]), message: "not a dbt manifest.json (no `metadata.dbt_schema_version` and `nodes`); nothing imported" });
    return empty;
  }
  const manifest = root.value as Record<string, unknown>;
  const metadata = manifest["metadata"] as Record<string, unknown>;
  const namespace = options.namespace ?? (typeof metadata["adapter_type"] === "string" ? metadata["adapter_type"] : "dbt");
  const resources = new Map<string, Record<string, unknown>>();
  const where = new Map<string, string>();
  for (const section of ["nodes", "sources", "exposures"]) {
    const entries = manifest[section];
    if (!isObject(entries)) continue;
    for (const [id, node] of Object.entries(entries)) {
      if (!isObject(node)) {
        notices.push({ ...root.locate([section, id]), message: `${section}.${id} is not an object; skipped` });
        continue;
      }
      const type = String(node["resource_type"] ?? (section === "exposures" ? "exposure" : ""));
      if (DATASET_TYPES.has(type) || type === "exposure") {
        const problem = shapeProblem(node, type);
        if (problem) {
          notices.push({ ...root.locate([section, id, ...problem.at]), message: `${section}.${id}: ${problem.message}` });
          if (problem.skip) continue;
        }
        resources.set(id, node);
        where.set(id, section);
      }
    }
  }
  const { names } = assignNames([...resources].map(([id, node]) => ({ key: id, namespace: String(node["package_name"] ?? ""), name: String(node["name"] ?? id) })));
  const project = typeof manifest["metadata"] === "object" ? projectName(resources) : "dbt";
  const documents: ImportedDocument[] = [];
  let edges = 0;
  for (const [id, node] of [...resources].sort(([a], [b]) => cmp(a, b))) {
    const isExposure = where.get(id) === "exposures";
    const parents = dependsOn(node).filter((p) => resources.has(p) && where.get(p) !== "exposures" && p !== id);
    const missing = dependsOn(node).filter((p) => !resources.has(p) && !p.startsWith("test."));
    if (missing.length > 0) notices.push({ ...root.locate([where.get(id)!, id, "depends_on", "nodes"]), message: `${id} depends on ${missing.join(", ")}, which the manifest does not hold as a table; that lineage is left out` });
    const document: ImportedDocument = { apiVersion: "loopscope/v1", kind: isExposure ? "Service" : "Dataset", name: names.get(id)! };
    const owner = ownerOf(node);
    if (owner) document["owner"] = owner;
    if (typeof node["description"] === "string" && node["description"].trim() !== "") document["description"] = node["description"].trim();
    const parentNames = [...new Set(parents.map((p) => names.get(p)!))].sort(cmp);
    edges += parentNames.length;
    if (isExposure) documents.push({ ...document, ...nonEmpty("consumes", parentNames) });
    else documents.push({ ...document, ...nonEmpty("derivedFrom", parentNames), lineage: { namespace, name: relationName(node) } });
  }
  const files = documents.length === 0 ? [] : [{ path: `${toLoopscopeName(project)}.yaml`, header: headerLines("dbt", project, [source.path]), documents: sortDocuments(documents) }];
  if (edges === 0 && documents.length > 0) notices.push({ ...root.locate(["nodes"]), message: "no lineage between tables was found in depends_on" });
  return { files, notices, counts: { ...countKinds(files), skippedJobs: 0 } };
}

function dependsOn(node: Record<string, unknown>): string[] {
  const depends = node["depends_on"];
  if (!isObject(depends) || !Array.isArray(depends["nodes"])) return [];
  return depends["nodes"].filter((n): n is string => typeof n === "string");
}

/** `database.schema.alias` without quotes, as the OpenLineage dbt integration names the table. */
function relationName(node: Record<string, unknown>): string {
  const parts = [node["database"], node["schema"], tableName(node)].filter((p): p is string => typeof p === "string" && p !== "");
  return parts.join(".");
}

/** The table's own name: the first of alias, identifier and name that is a non-empty string (`alias: ""` gave `db.schema`). */
function tableName(node: Record<string, unknown>): string | undefined {
  return [node["alias"], node["identifier"], node["name"]].find((v): v is string => typeof v === "string" && v !== "");
}

/**
 * A field of the wrong type in a hand-edited or broken manifest.json: said at its position
 * rather than imported quietly as `lineage.name: ""` or a lost `depends_on`. A table with no
 * name is skipped; the rest are imported without the bad field.
 */
function shapeProblem(node: Record<string, unknown>, type: string): { at: string[]; message: string; skip: boolean } | undefined {
  if (type !== "exposure" && tableName(node) === undefined) return { at: [], message: "has no table name (alias, identifier or name as text); skipped", skip: true };
  for (const key of ["database", "schema"]) {
    const value = node[key];
    if (value !== undefined && value !== null && typeof value !== "string") return { at: [key], message: `${key} is ${Array.isArray(value) ? "a list" : typeof value}, expected text; left out of the table's lineage name`, skip: false };
  }
  const depends = node["depends_on"];
  if (depends !== undefined && (!isObject(depends) || (depends["nodes"] !== undefined && !Array.isArray(depends["nodes"])))) {
    return { at: isObject(depends) ? ["depends_on", "nodes"] : ["depends_on"], message: "depends_on.nodes is not a list of node ids; its lineage is left out", skip: false };
  }
  return undefined;
}

/** dbt keeps owners in `meta.owner` (or `config.meta.owner`); exposures have `owner.name`/`owner.email`. */
function ownerOf(node: Record<string, unknown>): string | undefined {
  const owner = node["owner"];
  if (isObject(owner)) {
    const value = owner["name"] ?? owner["email"];
    if (typeof value === "string" && value !== "") return value;
  }
  for (const meta of [node["meta"], isObject(node["config"]) ? node["config"]["meta"] : undefined]) {
    if (isObject(meta) && typeof meta["owner"] === "string" && meta["owner"] !== "") return meta["owner"];
  }
  return undefined;
}

function projectName(resources: Map<string, Record<string, unknown>>): string {
  const counts = new Map<string, number>();
  for (const node of resources.values()) {
    const pkg = node["package_name"];
    if (typeof pkg === "string") counts.set(pkg, (counts.get(pkg) ?? 0) + 1);
  }
  return [...counts].sort(([a, x], [b, y]) => y - x || cmp(a, b))[0]?.[0] ?? "dbt";
}
