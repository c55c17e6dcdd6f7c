import type { Finding, Location } from "../types.js";

export function compareLocations(a: Location, b: Location): number {
  return cmp(a.file, b.file) || a.line - b.line || a.column - b.column;
}

/** Report order: first location (file, line, column), then rule, then fingerprint. */
export function compareFindings(a: Finding, b: Finding): number {
  const la = a.locations[0];
  const lb = b.locations[0];
  if (la && lb) {
    const byLocation = compareLocations(la, lb);
    if (byLocation) return byLocation;
  } else if (la || lb) return la ? -1 : 1;
  return cmp(a.rule, b.rule) || cmp(a.fingerprint, b.fingerprint);
}

/** Sorted, each place once; `owned` lets it sort the given array in place instead of a copy. */
export function sortedUniqueLocations(locations: Location[], owned = false): Location[] {
  const sorted = (owned ? locations : [...locations]).sort(compareLocations);
  // Equal locations are neighbours once sorted: no key strings or Set for 40,000 findings.
  return sorted.filter((location, i) => i === 0 || compareLocations(sorted[i - 1]!, location) !== 0);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
