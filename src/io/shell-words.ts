/**
 * A command line to paste into a POSIX shell: words that a shell would split or expand are
 * put in single quotes (a path with a space in a suggested command failed when pasted).
 */
export function shellWords(words: readonly string[]): string {
  return words.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(" ");
}
