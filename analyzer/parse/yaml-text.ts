/** True when a document's text holds only `---` / `...` markers, comments and blanks. */
export function isBlankDocument(text: string): boolean {
  return !/\S/.test(text.replace(/(^|\s)#.*$/gm, "").replace(/^(---|\.\.\.)(?=\s|$)/gm, ""));
}
