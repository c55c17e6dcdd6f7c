import type { Location, Notice } from "../types.js";
import type { FieldPath, ParseProblem } from "../parse/parsed-document.js";
import { isInvalidJson, parseJson } from "../parse/parse-json.js";

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
 * A broken NDJSON line, or a broken element of an array (a duplicate key, the 20,001st
 * element), is a positioned problem and the other lines or elements are still read.
 */
export function readJsonValues(file: string, text: string): JsonValues {
  const whole = parseJson(file, text, { foreign: true });
  if (!isInvalidJson(whole)) {
    const top = whole.documents.length === 1 && whole.documents[0]!.index === 0 && !looksLikeArray(text) ? whole.documents[0]!.value : undefined;
    return { values: whole.documents.map((d) => ({ value: d.value, locate: (path) => d.locate(path) })), problems: problemsOf(whole.problems), whole: top };
  }
  // Line ends as the line index counts them (a lone CR ends a line too), so positions agree.
  const lines = text.split(/\r\n|\r|\n/);
  if (!looksLikeNdjson(lines)) return { values: [], problems: problemsOf(whole.problems) };
  const values: JsonValue[] = [];
  const problems: Notice[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const parsed = parseJson(file, line, { foreign: true });
    const shift = (l: Location): Location => ({ file, line: l.line + i, column: l.column });
    for (const p of parsed.problems) problems.push({ ...shift(p.location), message: p.message });
    for (const d of parsed.documents) values.push({ value: d.value, locate: (path) => shift(d.locate(path)) });
  });
  return { values, problems };
}

function problemsOf(problems: ParseProblem[]): Notice[] {
  return problems.map((p) => ({ ...p.location, message: p.message }));
}

function looksLikeArray(text: string): boolean {
  return text.trimStart().startsWith("[");
}

/**
 * Text that is not one JSON document but is read line by line: NDJSON whose first line parses
 * on its own (each bad line after it is its own notice), or whose lines mostly are JSON objects
 * (a broken first line too). A broken pretty-printed document starts with a line such as `{`
 * or `[` and has at most a few lines that parse alone, so it keeps its one message at the place
 * JSON.parse stopped.
 */
function looksLikeNdjson(lines: string[]): boolean {
  let filled = 0;
  let objects = 0;
  let firstParses: boolean | undefined;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    filled++;
    const parses = parsesAlone(trimmed);
    firstParses ??= parses;
    if (parses && trimmed.startsWith("{")) objects++;
  }
  return filled >= 2 && (firstParses === true || objects * 2 >= filled);
}

function parsesAlone(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
