/**
 * Hard limits that keep a hostile or broken file from hanging or exhausting memory.
 * Each one, when hit, produces its own message naming the file and, where there is one,
 * the line and column (docs/limits.md lists them for users). A file or document over a
 * limit is reported and left out; the rest of the estate is still analysed.
 */
export const PARSE_LIMITS = {
  /** Size of one file (UTF-16 code units here, bytes when the CLI reads it); larger files are not read. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Documents in one file; the documents after this many are not read. */
  maxDocumentsPerFile: 20_000,
  /** Nesting depth of mappings and sequences in one document. */
  maxDepth: 64,
  /** Characters of one string (a value or a key). */
  maxStringLength: 64 * 1024,
  /**
   * Values in one document counted after YAML aliases are expanded: a few lines of
   * aliases can stand for billions of values ("billion laughs"). A real manifest has
   * a few hundred.
   */
  maxExpandedValues: 100_000,
  /** YAML aliases per document in the `yaml`-package path used for broken files. */
  maxAliasCount: 1_000,
  /** Broken YAML files up to this size are re-read by the slower, error-recovering parser. */
  maxRecoveryBytes: 1024 * 1024,
} as const;

/** "20 MiB", "64 KiB": limits as people read them. */
export function formatSize(units: number): string {
  if (units >= 1024 * 1024 && units % (1024 * 1024) === 0) return `${units / (1024 * 1024)} MiB`;
  if (units >= 1024 && units % 1024 === 0) return `${units / 1024} KiB`;
  return `${units}`;
}
