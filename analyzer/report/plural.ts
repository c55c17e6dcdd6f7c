/** "1 model", "3 models": counts in messages and panels read as English. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
