import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/run-cli.js";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe("architecture", () => {
  it("analyzer/ uses no Node APIs and imports nothing from src/ or ui/", () => {
    const offenders: string[] = [];
    for (const file of filesUnder(join(ROOT, "analyzer"))) {
      const text = readFileSync(file, "utf8");
      const imports = [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);
      for (const spec of imports) {
        if (/^node:|^(fs|path|os|child_process|process|url|util|crypto)(\/|$)/.test(spec) || /(^|\/)(src|ui)\//.test(spec)) offenders.push(`${relative(ROOT, file)} imports ${spec}`);
      }
      if (/\bprocess\.(env|argv|cwd|exit)|\bBuffer\.|\brequire\(/.test(text)) offenders.push(`${relative(ROOT, file)} uses a Node global`);
    }
    expect(offenders).toEqual([]);
  });

  it("analyzer/version.ts matches package.json", async () => {
    const { VERSION } = await import("../analyzer/version.js");
    expect(VERSION).toBe((JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version);
  });
});
