import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXPECTED, renderCases } from "./report-cases.js";

// Golden files: when a reporter changes on purpose, run `npm run fixtures:update` and review the diff.
describe("reporter golden files", () => {
  for (const [name, rendered] of Object.entries(renderCases())) {
    for (const [file, text] of Object.entries(rendered.files)) {
      it(`${name}: ${file}`, () => {
        expect(text).toBe(readFileSync(join(EXPECTED, file), "utf8"));
      });
    }
  }
});
