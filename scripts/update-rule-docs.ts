/**
 * `npm run docs:rules`: rewrites docs/rules/<id>.md for every rule of the catalogue and the
 * index docs/rules/README.md. Review the diff before committing.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RULES } from "../analyzer/rules/index.js";
import { renderRuleIndex, renderRulePage } from "./rule-docs/render-page.js";

const DOCS = fileURLToPath(new URL("../docs/rules/", import.meta.url));
mkdirSync(DOCS, { recursive: true });
for (const rule of RULES) writeFileSync(join(DOCS, `${rule.id}.md`), renderRulePage(rule));
writeFileSync(join(DOCS, "README.md"), renderRuleIndex(RULES));
process.stdout.write(`wrote ${RULES.length + 1} pages to ${DOCS}\n`);
