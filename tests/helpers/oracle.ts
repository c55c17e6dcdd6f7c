/**
 * An independent, deliberately naive implementation of FORMAT.md's loops, working from the
 * manifest objects (not from the analyzer's graph): reachability by plain BFS from every
 * node, SCCs as mutual reachability, direct loops by BFS over (node, influence seen) states.
 * Only for small estates in property tests; it assumes every reference resolves.
 */
import type { Doc } from "./estate.js";

type Kind = "model" | "output" | "dataset" | "service";
interface Edge { from: string; to: string; kind: string; uses: string[]; consumerDeclared: boolean }

export interface OracleLoop { rule: string; models: string[]; severity: string }

export function oracleLoops(docs: Doc[]): OracleLoop[] {
  const kind = new Map<string, Kind>();
  const models = docs.filter((d) => d["kind"] === "Model");
  for (const d of docs) kind.set(d["name"] as string, (d["kind"] as string).toLowerCase() as Kind);
  const outputsOf = (m: string) => ((models.find((d) => d["name"] === m)?.["outputs"] as Doc[] | undefined) ?? []).map((o) => `${m}/${o["name"] as string}`);
  for (const m of models) for (const o of outputsOf(m["name"] as string)) kind.set(o, "output");
  const edges = new Map<string, Edge>();
  const add = (from: string, to: string, k: string, use?: string) => {
    if (!kind.has(from)) kind.set(from, k === "consumes" && kind.get(to) === undefined ? "service" : "dataset");
    if (!kind.has(to)) kind.set(to, k === "consumes" ? "service" : "dataset");
    const key = `${from}|${to}`;
    const e = edges.get(key) ?? { from, to, kind: k, uses: [], consumerDeclared: false };
    if (use !== undefined) { e.uses.push(use); e.consumerDeclared = true; }
    edges.set(key, e);
  };
  const expand = (ref: string) => (ref.includes("/") ? [ref] : kind.get(ref) === "model" ? (outputsOf(ref).length ? outputsOf(ref) : [ref]) : [ref]);
  // Implicit services first: undeclared consumer names.
  for (const m of models) for (const o of (m["outputs"] as Doc[] | undefined) ?? []) for (const c of (o["consumers"] as string[] | undefined) ?? []) if (!kind.has(c)) kind.set(c, "service");
  for (const d of docs) {
    const name = d["name"] as string;
    if (d["kind"] === "Model") {
      for (const input of (d["inputs"] as (string | Doc)[] | undefined) ?? []) {
        const from = typeof input === "string" ? input : (input["from"] as string);
        const use = typeof input === "string" ? "both" : ((input["use"] as string | undefined) ?? "both");
        for (const src of expand(from)) add(src, name, "reads", use);
      }
      for (const o of (d["outputs"] as Doc[] | undefined) ?? []) {
        const id = `${name}/${o["name"] as string}`;
        add(name, id, "produces");
        for (const c of (o["consumers"] as string[] | undefined) ?? []) add(id, c, kind.get(c) === "model" ? "reads" : "consumes");
        for (const s of (o["influences"] as string[] | undefined) ?? []) add(id, s, "influences");
      }
    } else if (d["kind"] === "Dataset") {
      for (const s of (d["derivedFrom"] as string[] | undefined) ?? []) add(s, name, "derives");
    } else {
      for (const ref of (d["consumes"] as string[] | undefined) ?? []) for (const src of expand(ref)) add(src, name, "consumes");
      for (const s of (d["influences"] as string[] | undefined) ?? []) add(name, s, "influences");
    }
  }
  const all = [...edges.values()];
  const useOf = (e: Edge) => (!e.consumerDeclared ? "both" : new Set(e.uses).size === 1 ? e.uses[0]! : "both");
  const trainsOn = (e: Edge) => e.kind === "reads" && useOf(e) !== "serving";
  const nodes = [...kind.keys()];
  const reach = new Map<string, Set<string>>();
  for (const n of nodes) {
    const seen = new Set<string>();
    const queue = [n];
    while (queue.length) {
      const v = queue.shift()!;
      for (const e of all) if (e.from === v && !seen.has(e.to)) { seen.add(e.to); queue.push(e.to); }
    }
    reach.set(n, seen);
  }
  const loops: OracleLoop[] = [];
  const done = new Set<string>();
  for (const n of nodes) {
    if (done.has(n)) continue;
    const scc = nodes.filter((m) => m === n || (reach.get(n)!.has(m) && reach.get(m)!.has(n)));
    scc.forEach((m) => done.add(m));
    const sccModels = scc.filter((m) => kind.get(m) === "model").sort();
    if (sccModels.length < 2) continue;
    const inside = new Set(scc);
    const internal = all.filter((e) => inside.has(e.from) && inside.has(e.to));
    const influence = internal.some((e) => e.kind === "influences");
    const training = internal.some((e) => kind.get(e.to) === "model" && trainsOn(e));
    loops.push({
      rule: influence ? "hidden-feedback-loop" : "circular-model-dependency",
      models: sccModels,
      severity: training ? "error" : "warning",
    });
  }
  for (const m of models) {
    const name = m["name"] as string;
    const reached = new Map<string, Set<boolean>>();
    const queue: [string, boolean][] = outputsOf(name).map((o) => [o, false]);
    for (const [o] of queue) reached.set(o, new Set([false]));
    while (queue.length) {
      const [v, flag] = queue.shift()!;
      for (const e of all) {
        if (e.from !== v || kind.get(e.to) === "model") continue;
        const f = flag || e.kind === "influences";
        const s = reached.get(e.to) ?? new Set<boolean>();
        if (!s.has(f)) { s.add(f); reached.set(e.to, s); queue.push([e.to, f]); }
      }
    }
    const inbound = all.filter((e) => e.to === name && e.kind === "reads");
    if (!inbound.some((e) => reached.get(e.from)?.has(true))) continue;
    const training = inbound.some((e) => reached.has(e.from) && trainsOn(e));
    loops.push({ rule: "direct-feedback-loop", models: [name], severity: training ? "warning" : "info" });
  }
  return loops.sort((a, b) => `${a.rule}${a.models.join(",")}`.localeCompare(`${b.rule}${b.models.join(",")}`));
}
