import { isLoopscopeOwnFile } from "../parse/manifest-path.js";

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
  /** A name chosen by the user (mapping file); used as is unless an earlier request chose it too. */
  fixed?: string | undefined;
}

/** A mapped name asked for twice: the later request (by key) is numbered instead. */
export interface NameClash {
  /** The request that got a numbered name. */
  key: string;
  /** The request that keeps the mapped name. */
  keptBy: string;
  fixed: string;
  assigned: string;
}

/**
 * Gives every entity a unique Loopscope name: the mapped name where the mapping gives one,
 * else the cleaned name alone where it is unique, qualified by its namespace where several
 * share it, numbered as a last resort. Two entities mapped to one name cannot both have it
 * (a name names one document): the first by key keeps it and the other is numbered, as a
 * clash for the caller to report. Sorted input order makes the result independent of event order.
 */
export function assignNames(requests: NameRequest[]): { names: Map<string, string>; clashes: NameClash[] } {
  const result = new Map<string, string>();
  const taken = new Map<string, string>();
  const sorted = [...requests].sort((a, b) => cmp(a.key, b.key));
  const clashing: NameRequest[] = [];
  for (const r of sorted) {
    if (r.fixed === undefined) continue;
    if (taken.has(r.fixed)) clashing.push(r);
    else {
      result.set(r.key, r.fixed);
      taken.set(r.fixed, r.key);
    }
  }
  const clashes = clashing.map((r): NameClash => {
    const fixed = r.fixed!;
    const assigned = numbered(fixed, (name) => taken.has(name));
    result.set(r.key, assigned);
    taken.set(assigned, r.key);
    return { key: r.key, keptBy: taken.get(fixed)!, fixed, assigned };
  });
  const byBase = new Map<string, NameRequest[]>();
  for (const r of sorted) {
    if (r.fixed !== undefined) continue;
    const base = toLoopscopeName(r.name);
    byBase.set(base, [...(byBase.get(base) ?? []), r]);
  }
  for (const [base, group] of [...byBase].sort(([a], [b]) => cmp(a, b))) {
    for (const r of group) {
      const qualified = toLoopscopeName(`${r.namespace}.${r.name}`);
      const first = group.length === 1 && !taken.has(base) ? base : qualified;
      const name = taken.has(first) ? numbered(group.length === 1 ? base : qualified, (n) => taken.has(n)) : first;
      result.set(r.key, name);
      taken.set(name, r.key);
    }
  }
  return { names: result, clashes };
}

/** `base-2`, `base-3`, … : the first that is not taken (the base cut to leave room). */
function numbered(base: string, isTaken: (name: string) => boolean): string {
  let name = base;
  for (let i = 2; isTaken(name); i++) name = `${base.slice(0, 190)}-${i}`;
  return name;
}

/** File name for one namespace's manifests. */
export function fileNameFor(namespace: string): string {
  const name = `${toLoopscopeName(namespace).slice(0, 120)}.yaml`;
  // A namespace spelled like Loopscope's own config (`loopscope.config`) would be read as the
  // config by the next `lint` of the folder, and refused as one.
  // Lower case too: on macOS and Windows `Loopscope.Config.yaml` is the config's file.
  return isLoopscopeOwnFile(name.toLowerCase()) ? `${name.slice(0, -".yaml".length)}-namespace.yaml` : name;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
