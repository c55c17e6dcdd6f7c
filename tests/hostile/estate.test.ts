import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import type { SourceFile } from "../../analyzer/types.js";

/**
 * Every hostile file in one estate, next to good manifests whose models are named after
 * JavaScript object internals and close a feedback loop: each hostile file becomes its own
 * positioned finding or notice, and the loop between the good models is still found.
 */
const HEADER = "apiVersion: loopscope/v1\n";

const good: SourceFile[] = [
  { path: "good/constructor.yaml", text: `${HEADER}kind: Model\nname: constructor\nowner: team-a\ninputs:\n  - from: valueOf\n    use: training\noutputs:\n  - name: toString\n    influences: [hasOwnProperty]\n` },
  { path: "good/toString.json", text: JSON.stringify({ apiVersion: "loopscope/v1", kind: "Model", name: "toString", owner: "team-b", inputs: [{ from: "hasOwnProperty", use: "training" }], outputs: [{ name: "constructor", influences: ["valueOf"] }] }) },
];

const billion = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]", ...Array.from({ length: 11 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`)].join("\n");

const hostile: SourceFile[] = [
  { path: "bad/bomb.yaml", text: `${HEADER}kind: Model\nname: bomb\n${billion}\n` },
  { path: "bad/deep.json", text: `{"apiVersion": "loopscope/v1", "kind": "Model", "name": "deep", "d": ${"[".repeat(3000)}${"]".repeat(3000)}}` },
  { path: "bad/long.yaml", text: `${HEADER}kind: Model\nname: long\ndescription: ${"z".repeat(1 << 20)}\n` },
  { path: "bad/dup.yaml", text: `${HEADER}kind: Model\nname: dup\nname: again\n` },
  { path: "bad/tag.yaml", text: `${HEADER}kind: Model\nname: tagged\ntarget: !!js/function 'function () {}'\n` },
  { path: "bad/many.yaml", text: Array.from({ length: 100_000 }, () => "---\n").join("") + `${HEADER}kind: Dataset\nname: late\n` },
  { path: "bad/random.yaml", text: "\u0013\u00ff\u00fe loopscope/ {[}]: &*!|>\t\n\t- - -" },
  { path: "bad/binary.json", text: "\u0000\u0001\u0002" },
];

describe("a hostile estate", () => {
  it("reports each hostile file with a position and still finds the loop between the good models", () => {
    const { report } = analyze([...hostile, ...good], { today: "2026-11-28" });
    const invalid = report.findings.filter((f) => f.rule === "invalid-manifest");
    const byFile = new Map(invalid.map((f) => [f.locations[0]!.file, f]));
    for (const file of ["bad/bomb.yaml", "bad/deep.json", "bad/long.yaml", "bad/dup.yaml", "bad/tag.yaml", "bad/many.yaml", "bad/random.yaml"]) {
      const finding = byFile.get(file);
      expect(finding, file).toBeDefined();
      expect(finding!.locations[0]!.line).toBeGreaterThanOrEqual(1);
      expect(finding!.locations[0]!.column).toBeGreaterThanOrEqual(1);
    }
    expect(byFile.get("bad/bomb.yaml")!.message).toMatch(/alias bomb/);
    expect(byFile.get("bad/deep.json")!.message).toMatch(/nested more than 64 levels/);
    expect(byFile.get("bad/long.yaml")!.message).toMatch(/longer than the limit/);
    expect(byFile.get("bad/dup.yaml")!.message).toMatch(/duplicate key "name"/);
    expect(byFile.get("bad/tag.yaml")!.message).toMatch(/unsupported YAML tag !!js\/function/);
    expect(byFile.get("bad/many.yaml")!.message).toMatch(/more than 20,000 documents/);
    expect(report.notices).toContainEqual(expect.objectContaining({ file: "bad/binary.json", message: expect.stringMatching(/binary file/) }));
    const loop = report.findings.find((f) => f.rule === "hidden-feedback-loop");
    expect(loop?.models).toEqual(["constructor", "toString"]);
    expect(({} as Record<string, unknown>)["toString"]).toBe(Object.prototype.toString);
  });
});
