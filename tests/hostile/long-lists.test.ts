import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";

/**
 * One manifest with a very long list. Each finding located in the list walked the whole list
 * again, and merging findings of one fingerprint sorted the locations at every merge: a list of
 * 40,000 consumers (389 KB) took 282 s in `lint`, 20,000 acknowledgements of a rule that does not
 * fire 20 s. Both are now linear; the bound here only catches a return to that.
 */
describe("a manifest with a list of tens of thousands of entries", () => {
  it("locates each of 40,000 consumers, in YAML and in JSON", { timeout: 60_000 }, () => {
    const n = 40_000;
    const consumers = Array.from({ length: n }, (_, i) => `s${i}`);
    const yaml = `apiVersion: loopscope/v1\nkind: Model\nname: m\nowner: o\noutputs:\n  - name: o\n    consumers:\n${consumers.map((c) => `      - ${c}\n`).join("")}`;
    const json = JSON.stringify({ apiVersion: "loopscope/v1", kind: "Model", name: "j", owner: "o", outputs: [{ name: "o", consumers }] });
    const { report } = analyze([{ path: "m.yaml", text: yaml }, { path: "j.json", text: json }], { today: "2026-11-28" });
    const services = report.findings.filter((f) => f.rule === "undeclared-service");
    expect(services.length).toBe(n);
    const last = services.find((f) => f.nodes.includes(`s${n - 1}`))!;
    // Line 8 holds s0 in the YAML file; the JSON file is one line.
    expect(last.locations.map((l) => `${l.file}:${l.line}:${l.column}`)).toEqual(["j.json:1:" + (json.indexOf(`"s${n - 1}"`) + 1), `m.yaml:${8 + n - 1}:9`]);
  });

  it("gives 20,000 acknowledgements of a rule that does not fire one stale finding with every location, in order", { timeout: 60_000 }, () => {
    const n = 20_000;
    const text = `apiVersion: loopscope/v1\nkind: Model\nname: m\nowner: o\ninputs: [d]\nacknowledge:\n${"  - rule: hidden-feedback-loop\n    reason: known\n".repeat(n)}`;
    const { report } = analyze([{ path: "m.yaml", text }], { today: "2026-11-28" });
    const stale = report.findings.filter((f) => f.rule === "stale-acknowledgement");
    expect(stale.length).toBe(1);
    expect(stale[0]!.locations.length).toBe(n);
    expect(stale[0]!.locations.map((l) => l.line)).toEqual(Array.from({ length: n }, (_, i) => 7 + 2 * i));
  });
});
