import type { Location } from "../types.js";

export type FieldPath = readonly (string | number)[];

/** Where a document is written. Positions are looked up on demand. */
export interface DocumentPlace {
  readonly file: string;
  /** 0-based position of the document in its file (YAML `---` or JSON array index). */
  readonly index: number;
  /** The manifest's `kind`, once validated (`ParsedDocument.place`). */
  readonly kind?: string | undefined;
  /** Where the value at `path` starts, or the closest ancestor that exists. */
  locate(path: FieldPath): Location;
  /** Where the key of the last segment of `path` is written (falls back to `locate`). */
  locateKey(path: FieldPath): Location;
}

/** A document read from a file, before validation. */
export interface ParsedDocument extends DocumentPlace {
  readonly value: unknown;
  /**
   * The same place without the value, for what outlives validation: the parsed value is
   * then held by nothing and collected young (validation made its own copy).
   */
  place(kind: string): DocumentPlace;
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
