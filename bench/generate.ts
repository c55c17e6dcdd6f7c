/**
 * Synthetic ML estates for the benchmark and the scale tests: N models in teams, datasets
 * with lineage, services, model-on-model reads, world `influences` edges, a tunable share of
 * loops, written as YAML and JSON files. The same options give byte-identical files.
 *
 * Library:  generateEstate({ models: 10_000, seed: 1 }) => SourceFile[]
 * CLI:      node --import tsx bench/generate.ts --models 10000 --seed 1 --out /tmp/estate
 *
 * Shape per model, on average (tuned so 10,000 models give about 50,000 nodes, 100,000
 * edges and 7 MB in 10,000 files, the estate issue 6 describes): 2 outputs, 3-4 inputs,
 * 0.6 own feature datasets, 1 team dataset and 0.15 services.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import type { SourceFile } from "../analyzer/types.js";
import { toJson, toYamlDocuments, type Plain } from "./emit.js";
import { Random } from "./random.js";

export interface EstateOptions {
  models: number;
  seed?: number | undefined;
  /** Models per team (default 20). */
  teamSize?: number | undefined;
  /** Share of models whose outputs influence data their own team trains on, closing loops (default 0.1). */
  loopShare?: number | undefined;
  /** Share of files written as JSON instead of YAML (default 0.3). */
  jsonShare?: number | undefined;
  /** Share of models that read another model's output (default 0.3). */
  modelReadShare?: number | undefined;
  /** Wire every model into one strongly connected component (a ring through world edges plus chords). */
  giantScc?: boolean | undefined;
}

const TARGETS = ["click", "purchase", "churn", "fraud", "price", "eta", "retention", "conversion"];
const MODEL_NOUNS = ["ranker", "scorer", "forecaster", "classifier", "recommender", "pricer", "detector", "embedder"];
const OUTPUT_NAMES = ["score", "ranking", "forecast", "label", "embedding", "segment"];
const RAW_DATASETS = ["events", "clicks", "orders", "sessions", "searches"];
const STRATEGIES = ["full", "canary", "shadow", "ab-test", "bandit"];

interface ModelPlan {
  name: string;
  team: number;
  outputs: { name: string; consumers: string[]; influences: string[] }[];
  inputs: Plain[];
  loops: boolean;
}

export function generateEstate(options: EstateOptions): SourceFile[] {
  const random = new Random(options.seed ?? 1);
  const teamSize = options.teamSize ?? 20;
  const loopShare = options.loopShare ?? 0.1;
  const jsonShare = options.jsonShare ?? 0.3;
  const modelReadShare = options.modelReadShare ?? 0.3;
  const teamCount = Math.max(1, Math.ceil(options.models / teamSize));
  const teamName = (t: number) => `team-${String(t).padStart(4, "0")}`;
  const prefix = (t: number) => `t${String(t).padStart(4, "0")}`;
  const raw = (t: number, i: number) => `${prefix(t)}-${RAW_DATASETS[i % RAW_DATASETS.length]}`;
  const derived = (t: number, i: number) => `${prefix(t)}-derived-${i}`;
  const sink = (t: number) => `${prefix(t)}-audit-log`;
  const services = (t: number) => [`${prefix(t)}-web`, `${prefix(t)}-api`, `${prefix(t)}-review-queue`];
  const DERIVED_PER_TEAM = 12;

  const plans: ModelPlan[] = [];
  for (let m = 0; m < options.models; m++) {
    const team = Math.floor(m / teamSize);
    const name = `${prefix(team)}-${random.pick(MODEL_NOUNS)}-${String(m).padStart(5, "0")}`;
    const inputs: Plain[] = [];
    const inputNames = random.sample([...Array.from({ length: 3 }, (_, i) => raw(team, i)), ...Array.from({ length: DERIVED_PER_TEAM }, (_, i) => derived(team, i))], random.int(2, 3));
    for (const from of inputNames) {
      inputs.push(random.chance(0.4) ? from : { from, use: random.pick(["training", "serving", "both"]) });
    }
    const loops = random.chance(loopShare);
    const outputCount = random.int(1, 3);
    const outputs = random.sample(OUTPUT_NAMES, outputCount).map((output) => ({
      name: output,
      consumers: random.chance(0.6) ? [random.pick(services(team))] : [],
      influences: loops ? [raw(team, random.int(0, 2))] : random.chance(0.4) ? [sink(team)] : [],
    }));
    plans.push({ name, team, outputs, inputs, loops });
  }
  // Model-on-model reads go to earlier models, so they add chains but no loops on their own.
  for (let m = 1; m < plans.length; m++) {
    const plan = plans[m]!;
    if (!random.chance(modelReadShare)) continue;
    const sameTeam = random.chance(0.7) && m % teamSize !== 0;
    const producerIndex = sameTeam ? random.int(plan.team * teamSize, m - 1) : random.int(0, m - 1);
    const producer = plans[producerIndex]!;
    const output = random.pick(producer.outputs);
    const read: Plain = { from: `${producer.name}/${output.name}`, use: random.pick(["serving", "both"]) };
    if (random.chance(0.5)) read["version"] = String(random.int(1, 9));
    plan.inputs.push(read);
    if (random.chance(0.8)) output.consumers.push(plan.name);
  }
  if (options.giantScc) wireGiantScc(plans, random);

  const files: SourceFile[] = [];
  const write = (path: string, documents: Plain[]) => {
    const json = random.chance(jsonShare);
    files.push(json ? { path: `${path}.json`, text: toJson(documents) } : { path: `${path}.yaml`, text: toYamlDocuments(documents) });
  };
  for (const plan of plans) {
    const documents: Plain[] = [modelManifest(plan, teamName(plan.team), random)];
    if (random.chance(0.6)) {
      const features = `${plan.name}-features`;
      documents.push({ apiVersion: "loopscope/v1", kind: "Dataset", name: features, owner: teamName(plan.team), derivedFrom: random.sample([0, 1, 2, 3, 4].map((i) => raw(plan.team, i)), 2) });
      (documents[0] as { inputs: Plain[] }).inputs.push({ from: features, use: "training" });
    }
    write(`${teamName(plan.team)}/models/${plan.name}`, documents);
  }
  for (let t = 0; t < teamCount; t++) {
    const owner = teamName(t);
    const datasets: Plain[] = RAW_DATASETS.map((_, i) => ({ apiVersion: "loopscope/v1", kind: "Dataset", name: raw(t, i), owner, description: `Raw ${RAW_DATASETS[i]} of ${owner}` }));
    for (let i = 0; i < DERIVED_PER_TEAM; i++) {
      const sources = random.sample([0, 1, 2, 3, 4].map((r) => raw(t, r)), random.int(1, 2));
      if (i > 0 && random.chance(0.3)) sources.push(derived(t, random.int(0, i - 1)));
      if (t > 0 && random.chance(0.1)) sources.push(raw(random.int(0, t - 1), random.int(0, 4)));
      datasets.push({ apiVersion: "loopscope/v1", kind: "Dataset", name: derived(t, i), owner, derivedFrom: sources });
    }
    datasets.push({ apiVersion: "loopscope/v1", kind: "Dataset", name: sink(t), owner, description: "Written by services, read by no model" });
    write(`${owner}/datasets`, datasets);
    const teamModels = plans.slice(t * teamSize, (t + 1) * teamSize);
    const serviceDocs: Plain[] = services(t).map((service) => {
      const consumes = teamModels.filter((p) => p.outputs.some((o) => o.consumers.includes(service))).slice(0, 6);
      const closesLoop = consumes.some((p) => p.loops);
      return {
        apiVersion: "loopscope/v1",
        kind: "Service",
        name: service,
        owner,
        consumes: consumes.map((p) => `${p.name}/${p.outputs.find((o) => o.consumers.includes(service))!.name}`),
        influences: closesLoop ? [raw(t, 1)] : [sink(t)],
      };
    });
    write(`${owner}/services`, serviceDocs);
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** One SCC holding every model: model i's first output changes a signal model i+1 trains on. */
function wireGiantScc(plans: ModelPlan[], random: Random): void {
  plans.forEach((plan, i) => {
    const next = plans[(i + 1) % plans.length]!;
    const signal = `ring-signal-${String(i).padStart(5, "0")}`;
    plan.outputs[0]!.influences.push(signal);
    next.inputs.push({ from: signal, use: "training" });
    if (random.chance(0.2)) {
      const other = plans[random.int(0, plans.length - 1)]!;
      other.inputs.push({ from: signal, use: "both" });
    }
  });
}

function modelManifest(plan: ModelPlan, owner: string, random: Random): Plain {
  const manifest: { [key: string]: Plain | undefined } = {
    apiVersion: "loopscope/v1",
    kind: "Model",
    name: plan.name,
    owner: random.chance(0.95) ? owner : undefined,
    description: `Synthetic ${plan.name.split("-")[1]} of ${owner}`,
    version: String(random.int(1, 9)),
    target: random.pick(TARGETS),
    inputs: plan.inputs,
    // Empty lists are left out, as people do (both default to []).
    outputs: plan.outputs.map((o) => ({ name: o.name, consumers: o.consumers.length > 0 ? o.consumers : undefined, influences: o.influences.length > 0 ? o.influences : undefined })),
    monitoring: { drift: random.chance(0.7), performance: random.chance(0.5) },
    deployment: { strategy: random.pick(STRATEGIES), holdout: random.pick([0, 0.01, 0.05, 0.1]) },
  };
  if (plan.loops && random.chance(0.3)) {
    manifest["acknowledge"] = [{ rule: "direct-feedback-loop", reason: "Exploration traffic keeps part of the data unbiased.", expires: "2027-06-30" }];
  }
  return manifest;
}

/** Writes an estate to a folder (replacing it) and returns the number of bytes written. */
export function writeEstate(files: SourceFile[], folder: string): number {
  rmSync(folder, { recursive: true, force: true });
  let bytes = 0;
  for (const file of files) {
    const target = join(folder, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.text);
    bytes += Buffer.byteLength(file.text);
  }
  return bytes;
}

function cli(): void {
  const { values } = parseArgs({
    options: {
      models: { type: "string", default: "1000" },
      seed: { type: "string", default: "1" },
      out: { type: "string" },
      "loop-share": { type: "string" },
      "json-share": { type: "string" },
      "giant-scc": { type: "boolean", default: false },
    },
  });
  if (!values.out) {
    process.stderr.write("usage: generate.ts --models N [--seed S] [--loop-share 0.1] [--json-share 0.3] [--giant-scc] --out FOLDER\n");
    process.exit(2);
  }
  const files = generateEstate({
    models: Number(values.models),
    seed: Number(values.seed),
    loopShare: values["loop-share"] === undefined ? undefined : Number(values["loop-share"]),
    jsonShare: values["json-share"] === undefined ? undefined : Number(values["json-share"]),
    giantScc: values["giant-scc"],
  });
  const bytes = writeEstate(files, values.out);
  process.stdout.write(`${files.length} files, ${(bytes / 1e6).toFixed(1)} MB written to ${values.out}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) cli();
