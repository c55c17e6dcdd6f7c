import { isObject } from "./is-object.js";

export type JsonKind = "events" | { description: string; foreign?: "dbt" | "schema" | "loopscope" };

/**
 * Recognises the JSON files that sit next to OpenLineage events but are not events: a dbt
 * manifest, a JSON Schema (OpenLineage.json itself), a Loopscope manifest. `whole` is the
 * file's single top-level value (undefined for arrays and NDJSON, which are events).
 */
export function classifyJson(whole: unknown): JsonKind {
  if (!isObject(whole)) return "events";
  if (isDbtManifest(whole)) return { description: "a dbt manifest (use `loopscope import dbt`)", foreign: "dbt" };
  if (typeof whole["$schema"] === "string" || isObject(whole["$defs"]) || isObject(whole["definitions"])) {
    return { description: "a JSON Schema, not events", foreign: "schema" };
  }
  const apiVersion = whole["apiVersion"];
  if (typeof apiVersion === "string" && apiVersion.startsWith("loopscope/")) {
    return { description: "a Loopscope manifest, not events", foreign: "loopscope" };
  }
  return "events";
}

export function isDbtManifest(value: unknown): boolean {
  if (!isObject(value) || !isObject(value["nodes"])) return false;
  const metadata = value["metadata"];
  return isObject(metadata) && typeof metadata["dbt_schema_version"] === "string";
}
