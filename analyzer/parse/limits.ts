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

/** "2 GiB", "20 MiB", "64 KiB": limits as people read them. */
export function formatSize(units: number): string {
  if (units >= 1024 * 1024 * 1024 && units % (1024 * 1024 * 1024) === 0) return `${units / (1024 * 1024 * 1024)} GiB`;
  if (units >= 1024 * 1024 && units % (1024 * 1024) === 0) return `${units / (1024 * 1024)} MiB`;
  if (units >= 1024 && units % 1024 === 0) return `${units / 1024} KiB`;
  return `${units}`;
}

/** "1.5 GiB", "21.0 MiB", "812 bytes": a file's size as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GiB`;
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${bytes} bytes`;
}

/** The notice for a file over `maxFileBytes`, in the CLI (read-file.ts) and the UI alike. */
export function tooLargeMessage(bytes: number): string {
  return `file is ${formatBytes(bytes)}, larger than the limit of ${formatSize(PARSE_LIMITS.maxFileBytes)}; it is not read`;
}
