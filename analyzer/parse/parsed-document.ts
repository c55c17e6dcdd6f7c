import type { Location } from "../types.js";

export type FieldPath = readonly (string | number)[];

/** A document read from a file, before validation. Positions are looked up on demand. */
export interface ParsedDocument {
  file: string;
  /** 0-based position of the document in its file (YAML `---` or JSON array index). */
  index: number;
  value: unknown;
  /** Where the value at `path` starts, or the closest ancestor that exists. */
  locate(path: FieldPath): Location;
  /** Where the key of the last segment of `path` is written (falls back to `locate`). */
  locateKey(path: FieldPath): Location;
}

export interface ParseProblem {
  location: Location;
  message: string;
}

export interface ParsedFile {
  file: string;
  documents: ParsedDocument[];
  /** Syntax problems: each one is an invalid-manifest finding. */
  problems: ParseProblem[];
  /** Set when the file is not a Loopscope manifest and is skipped. */
  skipped?: string | undefined;
}
