import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { analyze, startAnalysis } from "../../analyzer/index.js";
import { EstateBuilder } from "../../analyzer/graph/build-graph.js";
import { parseSource } from "../../analyzer/parse/parse-source.js";
import { formatJson } from "../../analyzer/report/json.js";
import { validateDocument } from "../../analyzer/validate/validate.js";
import type { SourceFile } from "../../analyzer/types.js";
import type { Doc } from "../helpers/estate.js";
import { estateArbitrary } from "../helpers/random-estate.js";

const runs = Number(process.env["FUZZ_RUNS"] ?? 150);

/**
 * Generated estates made untidy in every way reference resolution treats specially: version
 * pins on both sides of a read, references to names of the wrong kind, to unknown models and
 * outputs, names nobody declares (implicit datasets and services), one edge declared twice
 * by one manifest, names declared twice, and several documents in one file.
 */
const untidyEstate = fc.tuple(estateArbitrary, fc.array(fc.nat(1000), { minLength: 64, maxLength: 64 })).map(([tidy, seed]) => {
  let i = 0;
  const next = (n: number) => seed[i++ % seed.length]! % n;
  const chance = (p: number) => next(100) < p;
  const docs = structuredClone(tidy) as Doc[];
  const ofKind = (kind: string) => docs.filter((d) => d["kind"] === kind);
  const models = ofKind("Model");
  const datasets = ofKind("Dataset");
  const services = ofKind("Service");
  const any = <T>(list: T[]) => list[next(list.length)]!;
  const inputsOf = (m: Doc) => m["inputs"] as (string | Doc)[];
  const outputsOf = (m: Doc) => m["outputs"] as { name: string; consumers: string[]; influences: string[] }[];
  for (const m of models) for (const input of inputsOf(m)) if (typeof input === "object" && chance(40)) input["version"] = `v${next(3)}`;
  const m0 = models[0]!;
  const d0 = datasets[0]!;
  if (chance(50)) inputsOf(any(models)).push(`${String(d0["name"])}/out`);
  if (chance(50)) inputsOf(any(models)).push("nobody/out");
  if (chance(50)) inputsOf(any(models)).push({ from: `${String(m0["name"])}/missing`, use: "training", version: "v9" });
  if (chance(50)) inputsOf(any(models)).push("undeclared-consumer");
  if (chance(50)) inputsOf(any(models)).push("ghost-dataset", { from: "ghost-dataset", use: "serving" });
  if (chance(50)) {
    // The same edge twice from one manifest: the bare model name and one of its outputs.
    const reader = any(models);
    const source = any(models);
    inputsOf(reader).push(String(source["name"]), { from: `${String(source["name"])}/${outputsOf(source)[0]!.name}`, use: "training", version: `v${next(3)}` });
  }
  if (chance(50)) outputsOf(any(models))[0]!.consumers.push(String(d0["name"]));
  if (chance(50)) outputsOf(any(models))[0]!.influences.push(String(m0["name"]));
  if (chance(50)) (d0["derivedFrom"] as string[]).push(String((services[0] ?? m0)["name"]));
  if (services.length > 0 && chance(50)) (services[0]!["consumes"] as string[]).push(String(any(services)["name"]), "undeclared-consumer", "ghost-dataset");
  if (chance(30)) docs.push({ ...structuredClone(any(docs)), owner: "another-team" });
  if (chance(20)) docs.push({ apiVersion: "loopscope/v1", kind: "Dataset", name: String(m0["name"]) });
  return docs;
});

/** Documents spread over files of one to three documents each, named so that their order is mixed. */
function filesOfDocs(docs: Doc[], split: number[]): SourceFile[] {
  const files: SourceFile[] = [];
  for (let at = 0, k = 0; at < docs.length; k++) {
    const count = 1 + (split[k % split.length]! % 3);
    const group = docs.slice(at, at + count);
    at += count;
    files.push({ path: `team-${(k * 7) % 5}/f${k}.yaml`, text: group.map((doc) => stringify(doc)).join("---\n") });
  }
  return files;
}

describe("references resolved as manifests arrive", () => {
  it("give the same report and the same graph, byte for byte, in any file order", () => {
    fc.assert(
      fc.property(untidyEstate, fc.array(fc.nat(10), { minLength: 1, maxLength: 8 }), fc.integer(), (docs, split, salt) => {
        const files = filesOfDocs(docs, split);
        const whole = analyze(files, { today: "2026-11-28" });
        const session = startAnalysis({ today: "2026-11-28", resolveEarly: true });
        // Files in a shuffled order, with references resolved a few manifests at a time in between.
        for (const file of [...files].sort((a, b) => hash(a.path, salt) - hash(b.path, salt))) {
          session.add(file);
          const batch = hash(file.path, salt + 1) & 3;
          if (batch > 0) session.resolveSome(batch);
        }
        const streamed = session.finish();
        expect(formatJson(streamed.report)).toBe(formatJson(whole.report));
        expect(JSON.stringify(streamed.graph)).toBe(JSON.stringify(whole.graph));
      }),
      { numRuns: runs },
    );
  });

  it("name the first of two invalid declarations in file order, whatever order they came in", () => {
    const files: SourceFile[] = [
      { path: "a.yaml", text: "apiVersion: loopscope/v1\nkind: Dataset\nname: d\nderivedFrom: [x]\n" },
      { path: "b.yaml", text: "apiVersion: loopscope/v1\nkind: Dataset\nname: x\ntypo: 1\n" },
      { path: "c.yaml", text: "apiVersion: loopscope/v1\nkind: Dataset\nname: x\ntypo: 1\n" },
    ];
    const session = startAnalysis({ today: "2026-11-28" });
    for (const file of [...files].reverse()) session.add(file);
    const { report } = session.finish();
    const messages = report.findings.map((f) => f.message).filter((m) => m.includes("declared at"));
    expect(messages).toEqual([expect.stringContaining("it is declared at b.yaml:3:7, but that document is invalid")]);
    expect(formatJson(report)).toBe(formatJson(analyze(files, { today: "2026-11-28" }).report));
  });

  it("list an edge's declarations in FORMAT.md's order whatever order the manifests came in", () => {
    const files: SourceFile[] = [
      { path: "a.yaml", text: stringify({ apiVersion: "loopscope/v1", kind: "Model", name: "a", inputs: [{ from: "b/score", version: "v1" }, { from: "b", use: "serving", version: "v2" }] }) },
      { path: "b.yaml", text: stringify({ apiVersion: "loopscope/v1", kind: "Model", name: "b", outputs: [{ name: "score", consumers: ["a"] }] }) },
    ];
    const valid = files.flatMap((file) => parseSource(file).documents.map((doc) => validateDocument(doc).manifest!));
    for (const order of [valid, [...valid].reverse()]) {
      const builder = new EstateBuilder(true);
      for (const entry of order) {
        builder.add(entry);
        builder.resolveSome(1);
      }
      const attributes = builder.finish().graph.getEdgeAttributes("b/score", "a");
      expect(attributes.declarations.map((d) => [d.doc.file, d.side, d.path.join(".")])).toEqual([
        ["a.yaml", "consumer", "inputs.0.from"],
        ["a.yaml", "consumer", "inputs.1.from"],
        ["b.yaml", "producer", "outputs.0.consumers.0"],
      ]);
      expect(attributes).toMatchObject({ kind: "reads", use: "both", version: "v1" });
    }
  });
});

function hash(text: string, salt: number): number {
  let h = salt | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x9e3779b1);
  return h;
}
