import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { manifestJsonSchema } from "../analyzer/schema/json-schema.js";
import { ROOT } from "./helpers/run-cli.js";

describe("generated docs", () => {
  it("docs/loopscope.schema.json is the schema `loopscope schema` prints (run it to refresh)", () => {
    const committed = JSON.parse(readFileSync(join(ROOT, "docs/loopscope.schema.json"), "utf8")) as unknown;
    expect(committed).toEqual(manifestJsonSchema());
  });
});
