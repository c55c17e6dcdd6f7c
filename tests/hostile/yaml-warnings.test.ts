import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

/**
 * A key that is itself a list (`? [a, b]`, as in the YAML spec's examples) made the `yaml`
 * package print a Node warning ("Keys with collection values will be stringified ...") into
 * the CLI's stderr, outside Loopscope's own lines. Found by linting a folder that held
 * python3-yaml's example file.
 */
let dir: string;
const COMPLEX_KEY = "? - Detroit Tigers\n  - Chicago cubs\n: [2001-07-23]\n";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "loopscope-yaml-warn-"));
  // js-yaml rejects the file (its second document is broken), so the recovering parser reads the first.
  mkdirSync(join(dir, "estate"));
  mkdirSync(join(dir, "configured"));
  writeFileSync(join(dir, "estate", "m.yaml"), `apiVersion: loopscope/v1\nkind: Model\nname: m\n${COMPLEX_KEY}---\nbad: [\n`);
  writeFileSync(join(dir, "configured", "loopscope.config.yaml"), `failOn: error\n${COMPLEX_KEY}`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("YAML keys that are collections", () => {
  it("give Loopscope's own messages and no runtime warning, in a manifest and in the config", () => {
    const manifest = runCli(["lint", "m.yaml"], { cwd: join(dir, "estate") });
    expect(manifest.code).toBe(1);
    expect(manifest.stdout).toMatch(/m\.yaml:\d+:\d+ +invalid-manifest/);
    expect(manifest.stderr).not.toMatch(/Warning|\(node:/);
    const config = runCli(["lint", "../estate/m.yaml"], { cwd: join(dir, "configured") });
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/^loopscope lint: loopscope\.config\.yaml:\d+:\d+: unknown key/);
    expect(config.stderr).not.toMatch(/Warning|\(node:/);
  });
});
