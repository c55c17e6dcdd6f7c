import type { Location, Notice } from "../types.js";
import type { FieldPath } from "../parse/parsed-document.js";
import { parseJson } from "../parse/parse-json.js";

/** One JSON value of a file (a whole document, an array element or an NDJSON line). */
export interface JsonValue {
  value: unknown;
  locate(path: FieldPath): Location;
}

export interface JsonValues {
  values: JsonValue[];
  problems: Notice[];
  /** The file's top-level value when it is one JSON document (to recognise dbt manifests, schemas). */
  whole?: unknown;
}

/**
 * Reads the JSON shapes OpenLineage is stored in: one event, an array of events, or NDJSON
 * (one event per line, what the file transport writes). Positions come from the analyzer's
 * JSON reader, which recovers them lazily, so a 100 KB event file costs one JSON.parse.
 * A broken NDJSON line is a positioned problem and the other lines are still read.
 */
export function readJsonValues(file: string, text: string): JsonValues {
  const whole = parseJson(file, text);
  if (whole.problems.length === 0) {
    const top = whole.documents.length === 1 && whole.documents[0]!.index === 0 && !looksLikeArray(text) ? whole.documents[0]!.value : undefined;
    return { values: whole.documents.map((d) => ({ value: d.value, locate: (path) => d.locate(path) })), problems: [], whole: top };
  }
  const lines = text.split("\n");
  const nonEmpty = lines.filter((l) => l.trim() !== "");
  if (nonEmpty.length < 2 || !parsesAlone(nonEmpty[0]!)) {
    return { values: [], problems: whole.problems.map((p) => ({ ...p.location, message: p.message })) };
  }
  const values: JsonValue[] = [];
  const problems: Notice[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const parsed = parseJson(file, line);
    const shift = (l: Location): Location => ({ file, line: l.line + i, column: l.column });
    for (const p of parsed.problems) problems.push({ ...shift(p.location), message: p.message });
    for (const d of parsed.documents) values.push({ value: d.value, locate: (path) => shift(d.locate(path)) });
  });
  return { values, problems };
}

function looksLikeArray(text: string): boolean {
  return text.trimStart().startsWith("[");
}

function parsesAlone(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
