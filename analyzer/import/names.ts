/**
 * OpenLineage and dbt names (`s3://bucket/path`, `"db"."schema"."table"`) are not valid
 * Loopscope names (letters, digits, `.`, `_`, `-`; starting with a letter or digit; at
 * most 200 characters). `toLoopscopeName` maps one deterministically; `assignNames` keeps
 * the mapped names unique across namespaces and kinds.
 */
export function toLoopscopeName(raw: string): string {
  const cleaned = raw
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, (scheme) => scheme.slice(0, -3) + "-")
    .replace(/["'`]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .replace(/[-.]+$/, "");
  const name = cleaned === "" ? "unnamed" : cleaned;
  return name.length <= 200 ? name : name.slice(0, 200).replace(/[^A-Za-z0-9]+$/, "");
}

export interface NameRequest {
  /** Unique key of the entity (kind + namespace + name). */
  key: string;
  namespace: string;
  name: string;
  /** A name chosen by the user (mapping file); used as is. */
  fixed?: string | undefined;
}

/**
 * Gives every entity a unique Loopscope name: the mapped name alone where it is unique,
 * qualified by its namespace where several share it, numbered as a last resort. Sorted
 * input order makes the result independent of event order.
 */
export function assignNames(requests: NameRequest[]): Map<string, string> {
  const result = new Map<string, string>();
  const taken = new Set<string>();
  const sorted = [...requests].sort((a, b) => cmp(a.key, b.key));
  for (const r of sorted) {
    if (r.fixed !== undefined) {
      result.set(r.key, r.fixed);
      taken.add(r.fixed);
    }
  }
  const byBase = new Map<string, NameRequest[]>();
  for (const r of sorted) {
    if (r.fixed !== undefined) continue;
    const base = toLoopscopeName(r.name);
    byBase.set(base, [...(byBase.get(base) ?? []), r]);
  }
  for (const [base, group] of [...byBase].sort(([a], [b]) => cmp(a, b))) {
    for (const r of group) {
      let name = group.length === 1 && !taken.has(base) ? base : toLoopscopeName(`${r.namespace}.${r.name}`);
      for (let i = 2; taken.has(name); i++) name = `${toLoopscopeName(group.length === 1 ? base : `${r.namespace}.${r.name}`).slice(0, 190)}-${i}`;
      result.set(r.key, name);
      taken.add(name);
    }
  }
  return result;
}

/** File name for one namespace's manifests. */
export function fileNameFor(namespace: string): string {
  return `${toLoopscopeName(namespace).slice(0, 120)}.yaml`;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
