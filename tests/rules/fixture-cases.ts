/**
 * The per-rule fixtures: tests/fixtures/rules/<rule-id>/{invalid,valid}/*.yaml. Each file is
 * one estate on its own. An invalid file lists the findings it must yield, one
 * `# expect: model-a, model-b` comment per finding (the finding's `models`; empty for
 * findings that involve no model); a valid file is a near miss that must yield none.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyze, type Analysis } from "../../analyzer/index.js";

export const RULE_FIXTURES = fileURLToPath(new URL("../fixtures/rules/", import.meta.url));
/** Acknowledgement fixtures are written against this date. */
export const FIXTURE_TODAY = "2026-11-28";

export interface FixtureCase {
  rule: string;
  kind: "invalid" | "valid";
  file: string;
  text: string;
  /** Expected `models` of each finding of the rule, sorted (invalid cases). */
  expected: string[][];
}

export function fixtureFiles(rule: string, kind: "invalid" | "valid"): string[] {
  const dir = join(RULE_FIXTURES, rule, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith(".yaml")).sort();
}

export function fixtureCases(rule: string): FixtureCase[] {
  return (["invalid", "valid"] as const).flatMap((kind) =>
    fixtureFiles(rule, kind).map((file) => {
      const text = readFileSync(join(RULE_FIXTURES, rule, kind, file), "utf8");
      const expected = [...text.matchAll(/^# expect:(.*)$/gm)]
        .map((m) => m[1]!.split(",").map((s) => s.trim()).filter(Boolean).sort())
        .sort(compareLists);
      return { rule, kind, file, text, expected };
    }),
  );
}

export function analyzeCase(fixture: FixtureCase): Analysis {
  return analyze([{ path: `${fixture.rule}/${fixture.kind}/${fixture.file}`, text: fixture.text }], { today: FIXTURE_TODAY });
}

export function compareLists(a: string[], b: string[]): number {
  const x = a.join("\u0000");
  const y = b.join("\u0000");
  return x < y ? -1 : x > y ? 1 : 0;
}
