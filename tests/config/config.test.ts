import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../analyzer/schema/config.js";
import { starterConfig } from "../../analyzer/schema/starter-config.js";
import { RULE_IDS } from "../../analyzer/schema/rule-ids.js";
import { RULES } from "../../analyzer/rules/index.js";
import { findConfigFile, loadConfig, parseConfigText } from "../../src/io/load-config.js";
import { UsageError } from "../../src/exit-codes.js";
import { runCli } from "../helpers/run-cli.js";

function errorOf(text: string): string {
  try {
    parseConfigText(text, "loopscope.config.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a config error");
}

describe("config validation", () => {
  it("accepts the documented format and keeps rule settings as written", () => {
    const config = parseConfigText(
      [
        "failOn: warning",
        'include: ["**/*.yaml"]',
        'exclude: ["legacy/**"]',
        "rules:",
        "  direct-feedback-loop: warning",
        "  deep-model-chain: { severity: info, maxDepth: 5 }",
        "  input-entanglement: { minShared: 3, minJaccard: 0.5 }",
        "  missing-owner: off",
      ].join("\n"),
      "c.yaml",
    );
    expect(config).toEqual({
      failOn: "warning",
      include: ["**/*.yaml"],
      exclude: ["legacy/**"],
      rules: {
        "direct-feedback-loop": "warning",
        "deep-model-chain": { severity: "info", maxDepth: 5 },
        "input-entanglement": { minShared: 3, minJaccard: 0.5 },
        "missing-owner": "off",
      },
    });
  });

  it("defaults failOn to error and an empty file to no settings", () => {
    expect(parseConfigText("", "c.yaml")).toEqual({ failOn: "error", rules: {} });
    expect(parseConfigText("rules:\n  # all commented\n", "c.yaml")).toEqual({ failOn: "error", rules: {} });
  });

  it("reads JSON configs with positions too", () => {
    expect(parseConfigText('{ "failOn": "never", "rules": { "missing-owner": "off" } }', "c.json")).toEqual({ failOn: "never", rules: { "missing-owner": "off" } });
    expect(errorOf('{\n  "rules": {\n    "missing-ownr": "off"\n  }\n}')).toBe(
      'loopscope.config.yaml:3:5: unknown rule "missing-ownr"; did you mean "missing-owner"? (rules.missing-ownr)',
    );
  });

  it("reports a misspelt rule id at its key with a suggestion", () => {
    expect(errorOf("rules:\n  direct-feedback-lop: warning\n")).toBe(
      'loopscope.config.yaml:2:3: unknown rule "direct-feedback-lop"; did you mean "direct-feedback-loop"? (rules.direct-feedback-lop)',
    );
  });

  it("reports a misspelt option and a misspelt top-level key, every problem in one run", () => {
    const message = errorOf("exclde: [a]\nrules:\n  deep-model-chain: { severity: info, maxDepht: 5 }\n");
    expect(message.split("\n")).toEqual([
      'loopscope.config.yaml:1:1: unknown key "exclde"; did you mean "exclude"? (exclde)',
      'loopscope.config.yaml:3:39: unknown option "maxDepht" for rule deep-model-chain; did you mean "maxDepth"? (rules.deep-model-chain.maxDepht)',
    ]);
  });

  it("reads other tools' habits with the fix: 'warn', ESLint's 0/1/2, 'files' and 'ignores', several documents", () => {
    expect(errorOf("rules:\n  missing-owner: warn\n")).toBe('loopscope.config.yaml:2:18: severity must be one of error | warning | info | off (got "warn"); did you mean "warning"? (rules.missing-owner)');
    expect(errorOf("failOn: warn\n")).toBe('loopscope.config.yaml:1:9: must be one of error | warning | info | never (got "warn"); did you mean "warning"? (failOn)');
    expect(errorOf("rules:\n  missing-owner: 1\n")).toBe('loopscope.config.yaml:2:18: expected a severity (error | warning | info | off) or an object { severity, ...options }; ESLint\'s 1 is "warning" here (rules.missing-owner)');
    expect(errorOf('files: ["*.yaml"]\nignores: [old]\n').split("\n")).toEqual([
      'loopscope.config.yaml:1:1: unknown key "files"; did you mean "include"? (files)',
      'loopscope.config.yaml:2:1: unknown key "ignores"; did you mean "exclude"? (ignores)',
    ]);
    expect(errorOf("failOn: error\n---\nrules: {}\n")).toBe("loopscope.config.yaml:2:1: this file holds one YAML document; another one starts here (remove the --- line or what follows it)");
  });

  it("rejects bad severities, failOn values and out-of-range options at the value", () => {
    expect(errorOf("failOn: warnings\n")).toBe('loopscope.config.yaml:1:9: must be one of error | warning | info | never (got "warnings"); did you mean "warning"? (failOn)');
    expect(errorOf("rules:\n  missing-owner: of\n")).toBe(
      'loopscope.config.yaml:2:18: severity must be one of error | warning | info | off (got "of"); did you mean "off"? (rules.missing-owner)',
    );
    expect(errorOf("rules:\n  input-entanglement: { minJaccard: 1.5 }\n")).toMatch(/^loopscope\.config\.yaml:2:37: .*<=1.*\(rules\.input-entanglement\.minJaccard\)$/);
    expect(errorOf("rules:\n  deep-model-chain: [4]\n")).toMatch(/^loopscope\.config\.yaml:2:21: expected a severity/);
  });

  it("reports __proto__ like any unknown key, at its position, wherever it is (YAML and JSON)", () => {
    expect(errorOf("rules:\n  __proto__: off\n")).toBe('loopscope.config.yaml:2:3: unknown rule "__proto__" (rules.__proto__)');
    expect(errorOf("rules:\n  __proto__:\n    direct-feedback-loop: off\n")).toBe('loopscope.config.yaml:2:3: unknown rule "__proto__" (rules.__proto__)');
    expect(errorOf('{"rules":{"__proto__":{"direct-feedback-loop":"off"}}}')).toBe('loopscope.config.yaml:1:11: unknown rule "__proto__" (rules.__proto__)');
    expect(errorOf("rules:\n  deep-model-chain: { __proto__: { maxDepth: 2 } }\n")).toMatch(/^loopscope\.config\.yaml:2:23: unknown option "__proto__" for rule deep-model-chain .*\(rules\.deep-model-chain\.__proto__\)$/);
    expect(errorOf("__proto__:\n  failOn: never\n")).toMatch(/^loopscope\.config\.yaml:1:1: unknown key "__proto__" .*\(__proto__\)$/);
  });

  it("rejects an option on a rule that has none, listing what is allowed", () => {
    expect(errorOf("rules:\n  missing-owner: { severity: info, depth: 2 }\n")).toBe(
      'loopscope.config.yaml:2:36: unknown option "depth" for rule missing-owner (allowed: severity) (rules.missing-owner.depth)',
    );
  });

  it("reads a config saved with lone CR line ends as lines, with positions counted as in the manifests", () => {
    const text = "failOn: warning\rrules:\r  direct-feedback-loop: warning\r  shared-outcom: off\r";
    expect(errorOf(text)).toMatch(/^loopscope\.config\.yaml:4:3: /);
    const config = parseConfigText(text.replace("shared-outcom:", "shared-outcome:"), "loopscope.config.yaml");
    expect(config.failOn).toBe("warning");
  });

  it("reports YAML syntax errors with their position", () => {
    expect(errorOf("rules:\n  a: [\n")).toMatch(/^loopscope\.config\.yaml:\d+:\d+: /);
    expect(errorOf("failOn: error\nfailOn: never\n")).toBe("loopscope.config.yaml:2:1: Map keys must be unique");
  });

  it("stops at the first level too deep in a config nested thousands deep, before the YAML reader runs out of stack", () => {
    const deep = `include: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
    // At the 65th or 66th "[" (column 10 is the first).
    expect(errorOf(deep)).toMatch(/^loopscope\.config\.yaml:1:(74|75|76): values are nested more than 64 levels deep; nothing in this file is used$/);
    const block = `rules:\n${Array.from({ length: 80 }, (_, i) => `${" ".repeat(i + 2)}k${i}:`).join("\n")}\n`;
    expect(errorOf(block)).toMatch(/^loopscope\.config\.yaml:\d+:\d+: values are nested more than 64 levels deep; nothing in this file is used$/);
    // 64 levels, of every kind of collection, are read as usual (a config error about the value, not the depth).
    expect(errorOf(`include: ${"[".repeat(63)}${"]".repeat(63)}\n`)).not.toContain("nested");
    expect(errorOf(`include: ${"{a: ".repeat(63)}1${"}".repeat(63)}\n`)).not.toContain("nested");
    expect(errorOf(`include:\n${Array.from({ length: 63 }, (_, i) => `${" ".repeat(i * 2 + 2)}-`).join("\n")} 1\n`)).not.toContain("nested");
  });

  it("knows every RULES.md id even before its implementation lands", () => {
    const rules = Object.fromEntries(RULE_IDS.map((id) => [id, "off"]));
    expect(validateConfig({ rules }, []).problems).toEqual([]);
    expect(RULE_IDS).toHaveLength(21);
  });
});

describe("config discovery", () => {
  it("finds the nearest config upward and honours --config", () => {
    const root = mkdtempSync(join(tmpdir(), "loopscope-config-"));
    const nested = join(root, "a", "b");
    mkdirSync(nested, { recursive: true });
    expect(findConfigFile(nested)).toBeUndefined();
    writeFileSync(join(root, "loopscope.config.yaml"), "failOn: warning\n");
    expect(findConfigFile(nested)).toBe(join(root, "loopscope.config.yaml"));
    const loaded = loadConfig(nested);
    expect(loaded.config.failOn).toBe("warning");
    expect(loaded.directory).toBe(root);
    writeFileSync(join(nested, "other.json"), '{"failOn":"never"}');
    expect(loadConfig(nested, "other.json").config.failOn).toBe("never");
    expect(() => loadConfig(nested, "missing.yaml")).toThrow(/missing\.yaml: cannot read config \(ENOENT\)/);
  });
});

describe("starter config", () => {
  it("is valid, changes nothing, and lists every rule id", () => {
    const text = starterConfig(RULES, "https://example.test/docs/config.md", "https://example.test/schema.json");
    expect(parseConfigText(text, "starter.yaml")).toEqual({ failOn: "error", rules: {} });
    for (const id of RULE_IDS) expect(text).toContain(`  # ${id}: `);
    // Uncommenting every rule line gives a valid config with the defaults spelt out.
    const uncommented = text.replace(/^ {2}# (?!-- )/gm, "  ");
    const config = parseConfigText(uncommented, "starter.yaml");
    expect(Object.keys(config.rules).sort()).toEqual([...RULE_IDS].sort());
    expect(config.rules["deep-model-chain"]).toEqual({ severity: "info", maxDepth: 4 });
  });
});

describe("config files the run does not use", () => {
  it("a config at the top of a linted folder is named in a notice (its failOn and rules were ignored without a word)", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-unused-config-"));
    mkdirSync(join(dir, "manifests"));
    writeFileSync(join(dir, "manifests/m.yaml"), "apiVersion: loopscope/v1\nkind: Model\nname: solo\n");
    writeFileSync(join(dir, "manifests/loopscope.config.yaml"), "failOn: info\n");
    const result = runCli(["lint", "manifests"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "notice: manifests/loopscope.config.yaml: not this run's config: the config is looked for from the working folder upward (none was found there, so the defaults apply); use --config manifests/loopscope.config.yaml, or run from its folder\n",
    );
    // Named with --config, it is the run's config: no notice, and its failOn applies.
    const named = runCli(["lint", "manifests", "--config", "manifests/loopscope.config.yaml"], { cwd: dir });
    expect(named.code).toBe(1);
    expect(named.stdout).not.toContain("notice:");
    // Another file given with --config: the notice says so, not that configs are looked for upward.
    writeFileSync(join(dir, "other.yaml"), "failOn: error\n");
    const other = runCli(["lint", "manifests", "manifests/", "./manifests", "--config", "other.yaml"], { cwd: dir }).stdout;
    expect(other).toContain("notice: manifests/loopscope.config.yaml: not this run's config: this run uses other.yaml, given with --config\n");
    expect(other.match(/not this run's config/g)).toHaveLength(1); // one folder given three ways, one notice
    // The config in effect reached again through a link to its folder is not another config.
    symlinkSync(".", join(dir, "manifests/self"));
    expect(runCli(["lint", "self"], { cwd: join(dir, "manifests") }).stdout).not.toContain("notice:");
  });

  it("a config that is a dangling link is an error, not skipped for a parent's config or the defaults", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-dangling-config-"));
    writeFileSync(join(dir, "m.yaml"), "apiVersion: loopscope/v1\nkind: Model\nname: solo\n");
    symlinkSync("gone.yaml", join(dir, "loopscope.config.yaml"));
    expect(runCli(["lint", "."], { cwd: dir })).toMatchObject({ code: 2, stdout: "", stderr: "loopscope lint: loopscope.config.yaml: cannot read config (ENOENT)\n" });
  });
});
