/**
 * `npm run fixtures:update`: re-renders the reporter golden files in
 * tests/fixtures/report/expected/. Review the diff before committing it: a golden file that
 * changes is a change in what users' CI systems receive.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EXPECTED, renderCases } from "../tests/report/report-cases.js";

mkdirSync(EXPECTED, { recursive: true });
let count = 0;
for (const rendered of Object.values(renderCases())) {
  for (const [file, text] of Object.entries(rendered.files)) {
    writeFileSync(join(EXPECTED, file), text);
    count++;
  }
}
process.stdout.write(`wrote ${count} files to ${EXPECTED}\n`);
