import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import type { Report, SourceFile } from "../../analyzer/types.js";
import { applyBaseline, createBaseline, serializeBaseline } from "../../analyzer/engine/baseline.js";
import { failingFindings } from "../../analyzer/engine/fail-on.js";
import { BaselineSchema } from "../../analyzer/schema/baseline.js";
import { parseBaselineText } from "../../src/io/load-baseline.js";
import { UsageError } from "../../src/exit-codes.js";

type Doc = Record<string, unknown>;
const TODAY = "2026-11-28";
const SAMPLE = "samples/bike-shop";

/** Every document of the bike-shop sample, as plain objects. */
function sampleDocs(): Doc[] {
  const docs: Doc[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) for (const doc of parseAllDocuments(readFileSync(full, "utf8"))) docs.push(doc.toJS() as Doc);
    }
  };
  walk(SAMPLE);
  return docs;
}

const run = (sources: SourceFile[]): Report => analyze(sources, { today: TODAY }).report;
const oneFilePerDoc = (docs: Doc[], dir = "estate", ext = "yaml", write = (doc: Doc) => stringify(doc)): SourceFile[] =>
  docs.map((doc) => ({ path: `${dir}/${String(doc["name"])}.${ext}`, text: write(doc) }));

/** Deep copy with every array reversed and every object's keys in reverse order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered).reverse();
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reordered(v)]).reverse());
  return value;
}

describe("baseline", () => {
  const docs = sampleDocs();
  const base = run(oneFilePerDoc(docs));
  const baseline = createBaseline(base);

  it("the sample has loop findings to baseline", () => {
    expect(base.findings.map((f) => f.rule)).toContain("hidden-feedback-loop");
    expect(baseline.entries.length).toBe(base.findings.filter((f) => !f.acknowledged).length);
  });

  it("on the same estate: everything unchanged, nothing stale, nothing new, nothing fails", () => {
    const { report, comparison } = applyBaseline(base, baseline);
    expect(comparison).toEqual({ stillPresent: baseline.entries.length, stale: [], new: 0, acknowledged: 0 });
    expect(report.findings.every((f) => f.baselineState === "unchanged")).toBe(true);
    expect(failingFindings(report.findings, "info")).toEqual([]);
    expect(base.findings.every((f) => f.baselineState === undefined)).toBe(true); // input untouched
  });

  // Each variant changes how the estate is written, never what it says.
  const variants: Record<string, SourceFile[]> = {
    "files moved and renamed": oneFilePerDoc(docs, "elsewhere/deeper", "yml").map((s, i) => ({ ...s, path: s.path.replace(/([^/]+)\.yml$/, `${i % 2 ? "a" : "b"}/renamed-$1.yml`) })),
    "all documents in one multi-document file": [{ path: "all.yaml", text: docs.map((doc) => stringify(doc)).join("---\n") }],
    "reformatted as JSON": oneFilePerDoc(docs, "json", "json", (doc) => JSON.stringify(doc)),
    "reformatted as flow-style YAML with comments": oneFilePerDoc(docs, "flow", "yaml", (doc) => `# generated\n\n${stringify(doc, { collectionStyle: "flow", indent: 4 })}`),
    "every list and key reordered, documents reversed": oneFilePerDoc(docs.map((doc) => reordered(doc) as Doc).reverse()),
    "unrelated edits (descriptions, an unrelated model)": oneFilePerDoc([
      ...docs.map((doc) => ({ ...doc, description: `edited: ${String(doc["description"] ?? "")}` })),
      { apiVersion: "loopscope/v1", kind: "Model", name: "weather-forecast", owner: "team-x", inputs: ["weather-observations"], outputs: [{ name: "forecast", consumers: ["purchasing-planner"] }] },
    ]),
  };

  for (const [name, sources] of Object.entries(variants)) {
    it(`fingerprints survive: ${name}`, () => {
      const { report, comparison } = applyBaseline(run(sources), baseline);
      expect(comparison.stale).toEqual([]);
      expect(comparison.stillPresent).toBe(baseline.entries.length);
      // New findings may only be about the unrelated model that was added.
      const fresh = report.findings.filter((f) => f.baselineState === "new");
      for (const finding of fresh) expect(JSON.stringify([finding.models, finding.nodes])).toMatch(/weather/);
      if (!name.startsWith("unrelated")) expect(comparison.new).toBe(0);
    });
  }

  it("a broken file keeps its fingerprints whichever folder lint runs from and wherever the file moves, one finding per broken document", () => {
    const broken = "apiVersion: loopscope/v1\nkind: Model\nname: [broken\n";
    const nameless = "apiVersion: loopscope/v1\nkind: Model\nowner: x\n";
    const dupKeys = [1, 2, 3].map((i) => `---\napiVersion: loopscope/v1\nkind: Model\nname: m${i}\nowner: a\nowner: b\n`).join("");
    const invalid = (prefix: string) =>
      run([
        { path: `${prefix}bad.yaml`, text: broken },
        { path: `${prefix}nameless.yaml`, text: nameless },
        { path: `${prefix}all.yaml`, text: dupKeys },
      ]).findings.filter((f) => f.rule === "invalid-manifest");
    // `lint est` from the parent, `lint .` from inside, the folder renamed: the path as typed differs each time.
    const fromParent = invalid("est/sub/");
    expect(fromParent.length).toBe(5); // the three duplicate keys are three findings, each at its own line
    expect(fromParent.filter((f) => f.locations[0]!.file.endsWith("all.yaml")).map((f) => f.locations[0]!.line).sort((a, b) => a - b)).toEqual([6, 12, 18]);
    for (const prefix of ["sub/", "", "../elsewhere/moved/"]) expect(invalid(prefix).map((f) => f.fingerprint).sort()).toEqual(fromParent.map((f) => f.fingerprint).sort());
  });

  it("two broken files of one name in two folders are two findings, each keeping its fingerprint whatever order the files arrive in", () => {
    const nameless = "apiVersion: loopscope/v1\nkind: Model\nowner: x\n";
    const broken = "apiVersion: loopscope/v1\nkind: Model\nname: [broken\n";
    const files: SourceFile[] = [
      { path: "x/m.yaml", text: nameless },
      { path: "x-y/m.yaml", text: nameless },
      { path: "x/b.yaml", text: broken },
      { path: "x-y/b.yaml", text: broken },
    ];
    const byFile = (sources: SourceFile[]) =>
      Object.fromEntries(run(sources).findings.filter((f) => f.rule === "invalid-manifest").map((f) => [f.locations.map((l) => l.file).join(" "), f.fingerprint]));
    const inOrder = byFile(files);
    expect(Object.keys(inOrder).sort()).toEqual(["x-y/b.yaml", "x-y/m.yaml", "x/b.yaml", "x/m.yaml"]); // four findings, none merged
    expect(new Set(Object.values(inOrder)).size).toBe(4);
    expect(byFile([...files].reverse())).toEqual(inOrder); // the CLI's reader thread delivers files in walk order
  });

  it("adding one new hidden loop fails the lint on that loop alone", () => {
    const loop: Doc[] = [
      { apiVersion: "loopscope/v1", kind: "Model", name: "ad-ranker", owner: "team-ads", inputs: ["ad-clicks"], outputs: [{ name: "ranking", consumers: ["ad-server"] }] },
      { apiVersion: "loopscope/v1", kind: "Model", name: "bid-optimizer", owner: "team-ads", inputs: ["ad-clicks"], outputs: [{ name: "bids", consumers: ["ad-server"] }] },
      { apiVersion: "loopscope/v1", kind: "Service", name: "ad-server", owner: "team-ads", influences: ["ad-clicks"] },
      { apiVersion: "loopscope/v1", kind: "Dataset", name: "ad-clicks", owner: "team-ads" },
    ];
    const { report, comparison } = applyBaseline(run(oneFilePerDoc([...docs, ...loop])), baseline);
    expect(comparison.stale).toEqual([]);
    const failing = failingFindings(report.findings, "error");
    expect(failing.map((f) => [f.rule, f.models])).toEqual([["hidden-feedback-loop", ["ad-ranker", "bid-optimizer"]]]);
    // Whatever else is new is about the new loop's models, never the baselined estate.
    for (const finding of report.findings.filter((f) => f.baselineState === "new")) {
      expect(finding.models.every((m) => m === "ad-ranker" || m === "bid-optimizer")).toBe(true);
    }
    // Without the baseline the old loop fails too.
    expect(failingFindings(run(oneFilePerDoc([...docs, ...loop])).findings, "error").length).toBeGreaterThan(1);
  });

  it("a fixed finding makes its entry stale", () => {
    const withoutPricing = docs.filter((doc) => doc["name"] !== "dynamic-pricing");
    const { comparison } = applyBaseline(run(oneFilePerDoc(withoutPricing)), baseline);
    expect(comparison.stale.map((entry) => entry.rule)).toContain("direct-feedback-loop");
    expect(comparison.stale.some((entry) => entry.models.includes("dynamic-pricing"))).toBe(true);
  });

  it("leaves acknowledged findings out, so an expired acknowledgement fails again", () => {
    const acked = docs.map((doc) =>
      doc["name"] === "bike-recommender" ? { ...doc, acknowledge: [{ rule: "direct-feedback-loop", reason: "bandit keeps 5% random", expires: "2027-01-31" }] } : doc,
    );
    const before = run(oneFilePerDoc(acked));
    const recorded = createBaseline(before);
    expect(recorded.entries.some((e) => e.rule === "direct-feedback-loop" && e.models.join() === "bike-recommender")).toBe(false);
    const later = analyze(oneFilePerDoc(acked), { today: "2027-02-01" }).report;
    const { report } = applyBaseline(later, recorded);
    const failing = failingFindings(report.findings, "warning").map((f) => `${f.rule} ${f.models.join(",")}`);
    expect(failing).toContain("direct-feedback-loop bike-recommender");
  });

  it("is sorted, round-trips through its file text, and keeps reasons on regeneration", () => {
    const text = serializeBaseline(baseline);
    const parsed = parseBaselineText(text, "b.json");
    expect(parsed).toEqual(baseline);
    expect(JSON.parse(text)).toEqual(baseline);
    const keys = baseline.entries.map((e) => `${e.rule} ${e.models.join(",")}`);
    expect(keys).toEqual([...keys].sort());
    const filled = { ...parsed, entries: parsed.entries.map((e, i) => ({ ...e, reason: i === 0 ? "known since 2025" : e.reason })) };
    const regenerated = createBaseline(base, filled);
    expect(regenerated.entries[0]?.reason).toBe("known since 2025");
    expect(serializeBaseline(createBaseline(base))).toBe(text); // deterministic
    expect(BaselineSchema.safeParse(JSON.parse(text)).success).toBe(true);
  });

  it("rejects a malformed baseline file with positions", () => {
    expect(() => parseBaselineText('{\n  "version": 1,\n  "tool": "loopscope",\n  "entries": [{ "rule": "x", "models": [], "fingerprint": "x:1", "reson": "" }]\n}', "b.json")).toThrow(
      /^b\.json:4:\d+: .*reason[\s\S]*b\.json:4:\d+: unknown key "reson"/,
    );
    expect(() => parseBaselineText('{"version": 2, "tool": "loopscope", "entries": []}', "b.json")).toThrow(
      new UsageError("b.json:1:13: a baseline of format version 2, from a newer Loopscope; this one reads version 1: upgrade Loopscope (rewriting the file with this one would lose its reasons) (version)"),
    );
  });

  it("reads a JSON baseline as the YAML reader would, and still rejects what JSON.parse would let through", () => {
    // Baselines are read by js-yaml (25 times quicker on a 7 MB one) and by the `yaml` package only for a problem's position.
    const entry = { rule: "direct-feedback-loop", models: ["a"], fingerprint: "direct-feedback-loop:0123456789abcdef", reason: "known since 2026-11-28 → see #12" };
    const text = JSON.stringify({ version: 1, tool: "loopscope", entries: [entry] }, null, 2);
    expect(parseBaselineText(text, "b.json")).toEqual(BaselineSchema.parse(parseAllDocuments(text)[0]!.toJS()));
    // A duplicate key: JSON.parse keeps the last silently; here it is an error at the key.
    expect(() => parseBaselineText('{"version": 1, "tool": "loopscope", "entries": [], "entries": []}', "b.json")).toThrow(/^b\.json:1:\d+: Map keys must be unique$/);
  });
});

