/**
 * `npm run fixtures:update`: re-renders the reporter golden files in
 * tests/fixtures/report/expected/ and the config JSON Schema in docs/. Review the diff
 * before committing it: a golden file that changes is a change in what users' CI systems
 * receive.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { EXPECTED, renderCases } from "../tests/report/report-cases.js";
import { configJsonSchema } from "../analyzer/schema/config-json-schema.js";
import { RULES } from "../analyzer/rules/index.js";

export const CONFIG_SCHEMA_FILE = fileURLToPath(new URL("../docs/loopscope.config.schema.json", import.meta.url));
writeFileSync(CONFIG_SCHEMA_FILE, `${JSON.stringify(configJsonSchema(RULES), null, 2)}\n`);

mkdirSync(EXPECTED, { recursive: true });
let count = 0;
for (const rendered of Object.values(renderCases())) {
  for (const [file, text] of Object.entries(rendered.files)) {
    writeFileSync(join(EXPECTED, file), text);
    count++;
  }
}
process.stdout.write(`wrote ${count} files to ${EXPECTED} and ${CONFIG_SCHEMA_FILE}\n`);
