import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { configJsonSchema } from "../../analyzer/schema/config-json-schema.js";
import { starterConfig } from "../../analyzer/schema/starter-config.js";
import { RULES } from "../../analyzer/rules/index.js";
import { ROOT } from "../helpers/run-cli.js";

describe("config JSON Schema (editor completion)", () => {
  const schema = configJsonSchema(RULES);
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it("docs/loopscope.config.schema.json is up to date (run `npm run fixtures:update`)", () => {
    expect(JSON.parse(readFileSync(join(ROOT, "docs/loopscope.config.schema.json"), "utf8"))).toEqual(schema);
  });

  it("accepts the starter config with every rule uncommented, and the documented example", () => {
    const starter = starterConfig(RULES, "https://example.test/config.md", "https://example.test/schema.json").replace(/^ {2}# (?!-- )/gm, "  ");
    expect(validate(parse(starter))).toBe(true);
    const example = { failOn: "error", include: ["**/*.yaml"], exclude: ["legacy/**"], rules: { "direct-feedback-loop": "warning", "deep-model-chain": { severity: "info", maxDepth: 5 }, "input-entanglement": { minShared: 3, minJaccard: 0.5 } } };
    expect(validate(example)).toBe(true);
  });

  it("rejects what the validator rejects: unknown rule ids, options and keys", () => {
    expect(validate({ rules: { "direct-feedback-lop": "warning" } })).toBe(false);
    expect(validate({ rules: { "deep-model-chain": { maxDepht: 5 } } })).toBe(false);
    expect(validate({ exclde: [] })).toBe(false);
    expect(validate({ failOn: "warnings" })).toBe(false);
  });
});
