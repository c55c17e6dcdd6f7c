import type { Finding, Location, Notice } from "../types.js";

/** Notices by file, line and column; one without a file first, one without a position first in its file. */
export function compareNotices(a: Notice, b: Notice): number {
  return compareLocations({ file: a.file ?? "", line: a.line ?? 0, column: a.column ?? 0 }, { file: b.file ?? "", line: b.line ?? 0, column: b.column ?? 0 });
}

export function compareLocations(a: Location, b: Location): number {
  return cmp(a.file, b.file) || a.line - b.line || a.column - b.column;
}

/** Report order: first location (file, line, column), then rule, then the models and nodes named, then fingerprint. */
export function compareFindings(a: Finding, b: Finding): number {
  const la = a.locations[0];
  const lb = b.locations[0];
  if (la && lb) {
    const byLocation = compareLocations(la, lb);
    if (byLocation) return byLocation;
  } else if (la || lb) return la ? -1 : 1;
  return cmp(a.rule, b.rule) || cmpNames(a.models, b.models) || cmpNames(a.nodes, b.nodes) || cmp(a.fingerprint, b.fingerprint);
}

/**
 * Name lists in dictionary order, item by item: findings of one rule at one place (a model's
 * shared-outcome pairs) read in the order of the models they name, not of their hashes.
 */
export function cmpNames(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = cmp(a[i]!, b[i]!);
    if (c) return c;
  }
  return a.length - b.length;
}

/**
 * `findings.sort(compareFindings)`, the same order, for long lists: each finding's first
 * file is turned into its rank among the files once, so the sort compares numbers where
 * the comparator compared paths that share long prefixes (3.5 million comparisons at
 * 50,000 models), and rules by their rank too.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  const n = findings.length;
  if (n <= SHORT) return sortInPlace(findings, compareFindings);
  const files = new Set<string>();
  for (const finding of findings) {
    const first = finding.locations[0];
    if (first) files.add(first.file);
  }
  const rankOf = new Map<string, number>();
  [...files].sort().forEach((file, i) => rankOf.set(file, i + 1));
  // Findings without a location come last (a rank past every file's), as in compareFindings.
  const rank = new Int32Array(n).fill(files.size + 1);
  const line = new Float64Array(n);
  const column = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const first = findings[i]!.locations[0];
    if (!first) continue;
    rank[i] = rankOf.get(first.file)!;
    line[i] = first.line;
    column[i] = first.column;
  }
  // Many findings share a first location (a model's pairs): rules are ranked too, and only
  // findings of one rule at one place compare the names they involve.
  const rules = [...new Set(findings.map((f) => f.rule))].sort();
  const ruleRank = new Map(rules.map((rule, i) => [rule, i]));
  const byRule = Int32Array.from(findings, (f) => ruleRank.get(f.rule)!);
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => rank[a]! - rank[b]! || line[a]! - line[b]! || column[a]! - column[b]! || byRule[a]! - byRule[b]! || cmpNames(findings[a]!.models, findings[b]!.models) || cmpNames(findings[a]!.nodes, findings[b]!.nodes) || cmp(findings[a]!.fingerprint, findings[b]!.fingerprint));
  const sorted = order.map((i) => findings[i]!);
  for (let i = 0; i < n; i++) findings[i] = sorted[i]!;
  return findings;
}

/** Sorted, each place once; `owned` lets it sort the given array in place instead of a copy. */
export function sortedUniqueLocations(locations: Location[], owned = false): Location[] {
  const sorted = sortInPlace(owned ? locations : [...locations], compareLocations);
  // Equal locations are neighbours once sorted: no key strings or Set for 40,000 findings.
  let kept = Math.min(sorted.length, 1);
  for (let i = 1; i < sorted.length; i++) if (compareLocations(sorted[kept - 1]!, sorted[i]!) !== 0) sorted[kept++] = sorted[i]!;
  sorted.length = kept;
  return sorted;
}

/** Arrays up to this long are sorted by insertion. */
const SHORT = 16;

/**
 * `items.sort(compare)`, stable like it, in place. `Array.prototype.sort` allocates a work
 * copy on every call: 50-75 MB of garbage for the few elements of 40,000 findings' names and
 * locations, which the scavenger then had to deal with. Short arrays are sorted here instead.
 */
export function sortInPlace<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > SHORT) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i - 1;
    while (j >= 0 && compare(items[j]!, item) > 0) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = item;
  }
  return items;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
