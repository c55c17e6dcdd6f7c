/**
 * The golden-file cases for the sarif, markdown and junit reporters: fixture estates under
 * tests/fixtures/report/, rendered to tests/fixtures/report/expected/. Shared by the tests
 * and by `npm run fixtures:update` (scripts/update-report-fixtures.ts), so both render alike.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { analyze, type Analysis } from "../../analyzer/index.js";
import type { SourceFile } from "../../analyzer/types.js";
import { applyBaseline, createBaseline, type BaselineComparison } from "../../analyzer/engine/baseline.js";
import { RULE_IDS } from "../../analyzer/schema/rule-ids.js";
import { RULES } from "../../analyzer/rules/index.js";
import { formatSarif } from "../../analyzer/report/sarif.js";
import { formatMarkdown } from "../../analyzer/report/markdown.js";
import { formatJunit } from "../../analyzer/report/junit.js";
import { formatJson } from "../../analyzer/report/json.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/report/", import.meta.url));
export const EXPECTED = join(FIXTURES, "expected");
const TODAY = "2026-11-28";

/**
 * Rules the goldens exercise. Every other rule is switched off through the config, so a rule
 * added to the catalogue later does not rewrite these files (its own tests cover it).
 */
export const GOLDEN_RULES = ["hidden-feedback-loop", "direct-feedback-loop", "undeclared-dataset", "undeclared-service", "unknown-reference"];

function sourcesOf(folder: string): SourceFile[] {
  const sources: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else sources.push({ path: relative(FIXTURES, full).split(sep).join("/"), text: readFileSync(full, "utf8") });
    }
  };
  walk(join(FIXTURES, folder));
  return sources;
}

export function analyzeFixture(folder: string): Analysis {
  const off = [...new Set([...RULE_IDS, ...RULES.map((rule) => rule.id)])].filter((id) => !GOLDEN_RULES.includes(id));
  return analyze(sourcesOf(folder), { today: TODAY, config: { rules: Object.fromEntries(off.map((id) => [id, "off"])) } });
}

export interface RenderedCase {
  analysis: Pick<Analysis, "report" | "graph">;
  comparison?: BaselineComparison | undefined;
  files: Record<string, string>;
}

function render(name: string, analysis: Pick<Analysis, "report" | "graph">, comparison?: BaselineComparison): RenderedCase {
  return {
    analysis,
    comparison,
    files: {
      [`${name}.report.json`]: formatJson(analysis.report),
      [`${name}.sarif.json`]: formatSarif(analysis.report, { graph: analysis.graph }),
      [`${name}.md`]: formatMarkdown(analysis.report, { baseline: comparison }),
      [`${name}.junit.xml`]: formatJunit(analysis.report, { rules: GOLDEN_RULES }),
    },
  };
}

/** Every case, by name. */
export function renderCases(): Record<string, RenderedCase> {
  const estate = analyzeFixture("estate");
  // A baseline taken before pricing's own loop appeared, plus an entry for a loop since fixed.
  const baseline = createBaseline(estate.report);
  baseline.entries = baseline.entries.filter((entry) => !(entry.rule === "direct-feedback-loop" && entry.models.join() === "pricing"));
  baseline.entries.push({ rule: "hidden-feedback-loop", models: ["ads", "bidding"], fingerprint: "hidden-feedback-loop:0000000000000000", reason: "fixed in Q3" });
  const applied = applyBaseline(estate.report, baseline);
  return {
    estate: render("estate", estate),
    "estate-baselined": render("estate-baselined", { report: applied.report, graph: estate.graph }, applied.comparison),
    clean: render("clean", analyzeFixture("clean")),
  };
}
