import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

/**
 * The files beside the manifests (config, baseline, import mapping, a manifest an import
 * merges into) are read with the `yaml` package, which recurses per level: nested 100,000
 * deep, each must give one clear line at a position, not a stack overflow or an abort.
 */
const DEEP = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
const EVENT = JSON.stringify({ eventType: "COMPLETE", job: { namespace: "a", name: "b" }, inputs: [], outputs: [{ namespace: "x", name: "y" }] });
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "loopscope-deep-"));
  writeFileSync(join(dir, "d.yaml"), "apiVersion: loopscope/v1\nkind: Dataset\nname: d\n");
  writeFileSync(join(dir, "event.json"), EVENT);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("side files nested thousands deep", () => {
  it("a baseline: a usage error at the first level too deep", () => {
    writeFileSync(join(dir, "baseline.json"), DEEP);
    const result = runCli(["lint", "d.yaml", "--baseline", "baseline.json"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^loopscope lint: baseline\.json:1:6[56]: values are nested more than 64 levels deep; nothing in this file is used\n$/);
  });

  it("an import mapping: a usage error at the first level too deep", () => {
    writeFileSync(join(dir, "mapping.yaml"), `models: ${DEEP}\n`);
    const result = runCli(["import", "openlineage", "event.json", "--out", "out", "--mapping", "mapping.yaml"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^loopscope import: mapping\.yaml:1:7[45]: values are nested more than 64 levels deep\n$/);
  });

  it("a manifest an import would merge into: left unchanged, with a notice, and the other files still written", () => {
    expect(runCli(["import", "openlineage", "event.json", "--out", "out"], { cwd: dir }).code).toBe(0);
    const deep = `apiVersion: loopscope/v1\nkind: Dataset\nname: y\ndescription: ${DEEP}\n`;
    writeFileSync(join(dir, "out", "x.yaml"), deep);
    rmSync(join(dir, "out", "a.yaml"));
    const result = runCli(["import", "openlineage", "event.json", "--out", "out"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/out\/x\.yaml:4:(7[89]|80): cannot merge into this file \(values are nested more than 64 levels deep\); it was left unchanged\n/);
    expect(readFileSync(join(dir, "out", "x.yaml"), "utf8")).toBe(deep);
    expect(readFileSync(join(dir, "out", "a.yaml"), "utf8")).toContain("kind: Service");
  });
});
