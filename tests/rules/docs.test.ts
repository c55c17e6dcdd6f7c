import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../analyzer/rules/index.js";
import { renderRuleIndex, renderRulePage } from "../../scripts/rule-docs/render-page.js";
import { ROOT } from "../helpers/run-cli.js";

describe("docs/rules pages", () => {
  it.each(RULES.map((rule) => [rule.id, rule]))("docs/rules/%s.md is what `npm run docs:rules` renders", (id, rule) => {
    const page = readFileSync(join(ROOT, "docs/rules", `${id}.md`), "utf8");
    expect(page).toBe(renderRulePage(rule));
    // Every page shows a manifest that triggers the rule and the finding it gives, as the text report prints it.
    expect(page).toMatch(new RegExp(`\`\`\`text\\n(error|warning|info|acknowledged) \\(\\d+\\)\\n {2}[^\\n]+  ${id}  `));
  });

  it("docs/rules/README.md indexes every rule", () => {
    expect(readFileSync(join(ROOT, "docs/rules/README.md"), "utf8")).toBe(renderRuleIndex(RULES));
  });
});
