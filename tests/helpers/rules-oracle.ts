/**
 * An independent, deliberately naive reading of RULES.md's boundary-erosion, entanglement,
 * data-dependency and operations rules, working from the manifest objects (not from the
 * analyzer's graph or derived facts): plain loops over every pair, BFS for lineage and
 * reachability. Only for small estates in property tests; it assumes every reference resolves.
 * Returns each rule's findings as sorted `models` lists (a multiset, sorted).
 */
import type { Doc } from "./estate.js";
import { oracleLoops } from "./oracle.js";

type Input = { from: string; use: string; version?: string };

export function oracleRules(docs: Doc[], options = { maxDepth: 4, minShared: 3, minJaccard: 0.5 }): Record<string, string[][]> {
  const byName = new Map(docs.map((d) => [d["name"] as string, d]));
  const kindOf = (n: string) => byName.get(n)?.["kind"] as string | undefined;
  const models = docs.filter((d) => d["kind"] === "Model");
  const modelNames = models.map((m) => m["name"] as string);
  const outputsOf = (m: string) => ((byName.get(m)?.["outputs"] as Doc[] | undefined) ?? []).map((o) => `${m}/${o["name"] as string}`);
  const consumersOf = (output: string) => {
    const [m, o] = output.split("/") as [string, string];
    return ((((byName.get(m)!["outputs"] as Doc[]).find((x) => x["name"] === o)!["consumers"]) as string[] | undefined) ?? []);
  };
  const expand = (ref: string) => (ref.includes("/") ? [ref] : kindOf(ref) === "Model" ? (outputsOf(ref).length ? outputsOf(ref) : [ref]) : [ref]);
  const inputsOf = (m: string): Input[] =>
    (((byName.get(m)!["inputs"] as (string | Doc)[] | undefined) ?? [])).flatMap((i) => {
      const input: Input = typeof i === "string" ? { from: i, use: "both" } : { from: i["from"] as string, use: (i["use"] as string | undefined) ?? "both", ...(i["version"] !== undefined ? { version: String(i["version"]) } : {}) };
      return expand(input.from).map((from) => ({ ...input, from }));
    });
  const serviceConsumes = (s: string) => ((byName.get(s)?.["consumes"] as string[] | undefined) ?? []).flatMap(expand);
  const allOutputs = modelNames.flatMap(outputsOf);
  const producer = (output: string) => output.split("/")[0]!;
  const owner = (m: string) => byName.get(m)?.["owner"] as string | undefined;
  const declaredServices = docs.filter((d) => d["kind"] === "Service").map((d) => d["name"] as string);
  // Every (output, consumer) relation, with who declares it.
  interface Relation { output: string; consumer: string; byConsumer: boolean; byProducer: boolean; isModel: boolean }
  const relations = new Map<string, Relation>();
  const relate = (output: string, consumer: string, side: "consumer" | "producer") => {
    const key = `${output}|${consumer}`;
    const r = relations.get(key) ?? { output, consumer, byConsumer: false, byProducer: false, isModel: kindOf(consumer) === "Model" };
    if (side === "consumer") r.byConsumer = true;
    else r.byProducer = true;
    relations.set(key, r);
  };
  for (const m of modelNames) for (const i of inputsOf(m)) if (allOutputs.includes(i.from)) relate(i.from, m, "consumer");
  for (const s of declaredServices) for (const src of serviceConsumes(s)) if (allOutputs.includes(src)) relate(src, s, "consumer");
  for (const o of allOutputs) for (const c of consumersOf(o)) if (kindOf(c) !== "Dataset") relate(o, c, "producer");
  const out: Record<string, string[][]> = {};
  const add = (rule: string, ms: string[]) => (out[rule] ??= []).push([...new Set(ms)].sort());

  for (const r of relations.values()) {
    const p = producer(r.output);
    if (r.byConsumer && !r.byProducer) add("undeclared-consumer", r.isModel ? [p, r.consumer] : [p]);
    if (r.byProducer && !r.byConsumer && (r.isModel || declaredServices.includes(r.consumer))) add("phantom-consumer", r.isModel ? [p, r.consumer] : [p]);
  }
  const reads = [...relations.values()].filter((r) => r.isModel);
  const cascades = new Set<string>();
  for (const r of reads) {
    const a = producer(r.output);
    const b = r.consumer;
    const ta = byName.get(a)!["target"];
    if (a !== b && ta !== undefined && ta === byName.get(b)!["target"]) cascades.add(`${a}|${b}`);
    const pinned = inputsOf(b).some((i) => i.from === r.output && i.version !== undefined);
    if (owner(a) !== undefined && owner(b) !== undefined && owner(a) !== owner(b) && !pinned) add("unstable-data-dependency", [a, b]);
  }
  for (const c of cascades) add("correction-cascade", c.split("|"));
  for (const o of allOutputs) if (![...relations.values()].some((r) => r.output === o)) add("unused-output", [producer(o)]);
  for (const m of modelNames) if (owner(m) === undefined) add("missing-owner", [m]);

  // shared-outcome
  const datasets = new Set<string>();
  for (const d of docs) if (d["kind"] === "Dataset") datasets.add(d["name"] as string);
  const influencesOf = (doc: Doc) => (doc["influences"] as string[] | undefined) ?? [];
  const isDataset = (n: string) => datasets.has(n) || (kindOf(n) === undefined && !relationsConsumerNames().has(n));
  function relationsConsumerNames() { return new Set([...relations.values()].map((r) => r.consumer)); }
  const influencers = (d: string) => {
    const set = new Set<string>();
    for (const m of models) for (const o of (m["outputs"] as Doc[] | undefined) ?? []) if (influencesOf(o).includes(d)) set.add(m["name"] as string);
    for (const s of declaredServices) if (influencesOf(byName.get(s)!).includes(d)) for (const r of relations.values()) if (r.consumer === s) set.add(producer(r.output));
    return set;
  };
  const derivedFrom = (d: string) => (byName.get(d)?.["derivedFrom"] as string[] | undefined) ?? [];
  const downstream = (d: string) => {
    const seen = new Set([d]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const x of datasets) if (!seen.has(x) && derivedFrom(x).some((p) => seen.has(p))) { seen.add(x); grew = true; }
    }
    return seen;
  };
  const useOf = (m: string, from: string) => {
    const uses = new Set(inputsOf(m).filter((i) => i.from === from).map((i) => i.use));
    return uses.size === 0 ? undefined : uses.size === 1 ? [...uses][0]! : "both";
  };
  const trainsOn = (m: string, from: string) => { const u = useOf(m, from); return u === "training" || u === "both"; };
  const signals = new Set<string>([...datasets]);
  for (const d of docs) for (const o of [d, ...((d["outputs"] as Doc[] | undefined) ?? [])]) for (const s of influencesOf(o)) signals.add(s);
  for (const m of modelNames) for (const i of inputsOf(m)) if (!i.from.includes("/") && isDataset(i.from)) signals.add(i.from);
  const pairs = new Set<string>();
  for (const d of signals) {
    const inf = [...influencers(d)].sort();
    const down = downstream(d);
    for (let i = 0; i < inf.length; i++) for (let j = i + 1; j < inf.length; j++) {
      const trains = (m: string) => [...down].some((x) => trainsOn(m, x));
      if (trains(inf[i]!) || trains(inf[j]!)) pairs.add(`${inf[i]}|${inf[j]}`);
    }
  }
  for (const p of pairs) add("shared-outcome", p.split("|"));

  // input-entanglement
  for (let i = 0; i < modelNames.length; i++) for (let j = i + 1; j < modelNames.length; j++) {
    const a = new Set(inputsOf(modelNames[i]!).map((x) => x.from));
    const b = new Set(inputsOf(modelNames[j]!).map((x) => x.from));
    const shared = [...a].filter((x) => b.has(x)).length;
    const union = new Set([...a, ...b]).size;
    if (shared >= options.minShared && shared / union >= options.minJaccard) add("input-entanglement", [modelNames[i]!, modelNames[j]!]);
  }

  // operations: models in hidden or direct feedback loops
  const loops = oracleLoops(docs).filter((l) => l.rule !== "circular-model-dependency");
  const inLoop = [...new Set(loops.flatMap((l) => l.models))].sort();
  for (const m of inLoop) {
    const doc = byName.get(m)!;
    if ((doc["monitoring"] as Doc | undefined)?.["drift"] !== true) add("unmonitored-loop", [m]);
    const deployment = doc["deployment"] as Doc | undefined;
    if (((deployment?.["holdout"] as number | undefined) ?? 0) > 0 || deployment?.["strategy"] === "bandit") continue;
    // Training data inside the loop: a training read from a node on a cycle through m.
    const sources = new Set([...inputsOf(m).map((i) => i.from), ...reads.filter((r) => r.consumer === m).map((r) => r.output)]);
    const trainingSources = [...sources].filter((x) => x !== m && (useOf(m, x) === undefined ? true : trainsOn(m, x)));
    if (trainingSources.some((x) => reaches(docs, m, x))) add("loop-without-holdout", [m]);
  }
  for (const list of Object.values(out)) list.sort((a, b) => (a.join() < b.join() ? -1 : a.join() > b.join() ? 1 : 0));
  return out;
}

/** Whether `from` reaches `to` in the estate graph (FORMAT.md edges, either side declared), by plain BFS. */
function reaches(docs: Doc[], from: string, to: string): boolean {
  const edges = estateEdges(docs);
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length) {
    const v = queue.shift()!;
    for (const [a, b] of edges) if (a === v && !seen.has(b)) { if (b === to) return true; seen.add(b); queue.push(b); }
  }
  return false;
}

function estateEdges(docs: Doc[]): [string, string][] {
  const byName = new Map(docs.map((d) => [d["name"] as string, d]));
  const outputsOf = (m: string) => ((byName.get(m)?.["outputs"] as Doc[] | undefined) ?? []).map((o) => `${m}/${o["name"] as string}`);
  const expand = (ref: string) => (ref.includes("/") ? [ref] : byName.get(ref)?.["kind"] === "Model" ? (outputsOf(ref).length ? outputsOf(ref) : [ref]) : [ref]);
  const edges: [string, string][] = [];
  for (const d of docs) {
    const name = d["name"] as string;
    if (d["kind"] === "Model") {
      for (const i of (d["inputs"] as (string | Doc)[] | undefined) ?? []) for (const s of expand(typeof i === "string" ? i : (i["from"] as string))) edges.push([s, name]);
      for (const o of (d["outputs"] as Doc[] | undefined) ?? []) {
        const id = `${name}/${o["name"] as string}`;
        edges.push([name, id]);
        for (const c of (o["consumers"] as string[] | undefined) ?? []) edges.push([id, c]);
        for (const s of (o["influences"] as string[] | undefined) ?? []) edges.push([id, s]);
      }
    } else if (d["kind"] === "Dataset") for (const s of (d["derivedFrom"] as string[] | undefined) ?? []) edges.push([s, name]);
    else {
      for (const r of (d["consumes"] as string[] | undefined) ?? []) for (const s of expand(r)) edges.push([s, name]);
      for (const s of (d["influences"] as string[] | undefined) ?? []) edges.push([name, s]);
    }
  }
  return edges;
}
