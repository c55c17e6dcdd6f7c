import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../analyzer/rules/index.js";
import { RULE_IDS } from "../../analyzer/rules/rule-ids.js";
import { DOCUMENTED_RULES } from "../../analyzer/schema/rule-ids.js";
import { ROOT } from "../helpers/run-cli.js";
import { fixtureFiles } from "./fixture-cases.js";

/**
 * RULES.md is the contract: every id it lists must have a rule file named after it, an entry
 * in the catalogue, a docs page, and both trigger (invalid/) and near-miss (valid/) fixtures.
 */
describe("rule catalogue", () => {
  it.each(RULE_IDS.map((id) => [id]))("%s has a rule file, a catalogue entry, a docs page and both fixture folders", (id) => {
    expect(existsSync(join(ROOT, "analyzer/rules", `${id}.ts`)), `analyzer/rules/${id}.ts`).toBe(true);
    expect(RULES.map((rule) => rule.id)).toContain(id);
    const page = join(ROOT, "docs/rules", `${id}.md`);
    expect(existsSync(page), `docs/rules/${id}.md`).toBe(true);
    expect(readFileSync(page, "utf8")).toContain(`# \`${id}\``);
    expect(fixtureFiles(id, "invalid").length, `tests/fixtures/rules/${id}/invalid/*.yaml`).toBeGreaterThan(0);
    expect(fixtureFiles(id, "valid").length, `tests/fixtures/rules/${id}/valid/*.yaml`).toBeGreaterThan(0);
  });

  it("holds exactly the RULES.md ids, in RULES.md order, with RULES.md default severities", () => {
    expect(RULES.map((rule) => rule.id)).toEqual([...RULE_IDS]);
    for (const documented of DOCUMENTED_RULES) {
      expect(RULES.find((rule) => rule.id === documented.id)?.meta.defaultSeverity, documented.id).toBe(documented.defaultSeverity);
    }
  });

  it.each(RULES.map((rule) => [rule.id, rule]))("%s has complete metadata and a banner", (id, rule) => {
    expect(rule.meta.description.length).toBeGreaterThan(10);
    expect(rule.meta.rationale.length).toBeGreaterThan(10);
    expect(rule.meta.fix.length).toBeGreaterThan(10);
    const source = readFileSync(join(ROOT, "analyzer/rules", `${id}.ts`), "utf8");
    expect(source.startsWith("/**\n")).toBe(true);
    if (rule.meta.paper) expect(source).toContain("[Reference] Sculley et al. 2015");
    // Options parse from nothing: the defaults RULES.md names.
    if (rule.meta.options) expect(rule.meta.options.safeParse({}).success).toBe(true);
  });

  it("declares the RULES.md thresholds as options with their defaults", () => {
    const defaults = (id: string) => RULES.find((rule) => rule.id === id)!.meta.options!.parse({});
    expect(defaults("deep-model-chain")).toEqual({ maxDepth: 4 });
    expect(defaults("input-entanglement")).toEqual({ minShared: 3, minJaccard: 0.5 });
  });
});
