/**
 * Hard limits that keep a hostile or broken file from hanging or exhausting memory.
 * Each one, when hit, produces its own message naming the file (README: "Limits").
 */
export const PARSE_LIMITS = {
  /** Bytes of one file; larger files are reported and not read. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Documents in one file; the rest are reported once and not read. */
  maxDocumentsPerFile: 20_000,
  /** YAML aliases expanded per document (the `yaml` package's guard against alias bombs). */
  maxAliasCount: 1_000,
  /** Nesting depth of one document. */
  maxDepth: 64,
  /** Characters of one string value. */
  maxStringLength: 64 * 1024,
} as const;
