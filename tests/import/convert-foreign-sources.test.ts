import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import { convertForeignSources } from "../../analyzer/import/index.js";
import { checkLineage } from "../../analyzer/lineage/index.js";
import { EXTERNAL, fixture } from "../lineage/helpers.js";

const dbt = { path: "jaffle/manifest.json", text: readFileSync(`${EXTERNAL}openlineage/dbt-jaffle_shop/manifest.json`, "utf8") };
const seed = { path: "marquez/metadata.template.json", text: readFileSync(`${EXTERNAL}marquez/metadata.template.json`, "utf8") };

describe("convertForeignSources (files dropped on the UI)", () => {
  it("imports a dbt manifest next to manifests, and leaves the manifests as they are", () => {
    const estate = fixture("estate.yaml");
    const { sources, events, notices } = convertForeignSources([estate, dbt]);
    expect(sources.map((s) => s.path)).toEqual(["estate.yaml", "imported/dbt/jaffle_shop.yaml"]);
    expect(sources[0]).toBe(estate);
    expect(events).toEqual([]);
    expect(notices).toEqual([]);
    // clicks and orders from estate.yaml + the 8 dbt tables, less dbt's "orders", which estate.yaml already declares.
    expect(analyze(sources).report.summary.datasets).toBe(9);
  });

  it("OpenLineage events alone become manifests (a first look at the estate)", () => {
    const { sources, events } = convertForeignSources([seed]);
    expect(sources.map((s) => s.path)).toEqual(["imported/openlineage/food_delivery.yaml"]);
    expect(events).toHaveLength(26);
    expect(analyze(sources).report.summary).toMatchObject({ services: 13, datasets: 13, findings: 0 });
  });

  it("OpenLineage events next to manifests are evidence only, as with lint --lineage", () => {
    const estate = fixture("estate.yaml");
    const { sources, events } = convertForeignSources([estate, fixture("planted.ndjson")]);
    expect(sources).toEqual([estate]);
    const { graph } = analyze(sources);
    expect(checkLineage(graph, events).findings.map((f) => f.rule)).toEqual(["undeclared-consumer"]);
  });

  it("never redeclares a name a dropped manifest declares", () => {
    const own = { path: "mine.yaml", text: "apiVersion: loopscope/v1\nkind: Dataset\nname: customers\nowner: me\n" };
    const { sources } = convertForeignSources([own, dbt]);
    const { report } = analyze(sources);
    expect(report.findings.filter((f) => f.rule === "duplicate-name")).toEqual([]);
    expect(sources[1]!.text).not.toContain("name: customers\n");
  });

  it("passes other JSON through untouched (the manifest reader decides)", () => {
    const other = { path: "package.json", text: "{\"name\": \"x\", \"version\": \"1.0.0\"}" };
    const manifestJson = { path: "m.json", text: JSON.stringify({ apiVersion: "loopscope/v1", kind: "Dataset", name: "job" }) };
    expect(convertForeignSources([other, manifestJson]).sources).toEqual([other, manifestJson]);
  });
});
