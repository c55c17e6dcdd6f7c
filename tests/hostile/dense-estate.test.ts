import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import { MAX_SHARED_LISTED } from "../../analyzer/rules/input-entanglement.js";
import type { SourceFile } from "../../analyzer/types.js";

/**
 * Degenerate shapes, not hostile bytes: N models that each read every other model's output
 * (N² edges, one strongly connected component). With N = 400 the chain rule spread 160,000
 * links into one call and overflowed the stack ("internal error"), and input-entanglement
 * listed ~400 shared inputs in each of 80,000 pairs (a 3.4 GB report). The analysis must
 * finish and stay linear in edges and pairs.
 */
function clique(n: number): SourceFile[] {
  const files: SourceFile[] = [{ path: "sales.yaml", text: "apiVersion: loopscope/v1\nkind: Dataset\nname: sales\n" }];
  for (let i = 0; i < n; i++) {
    const inputs = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i).map((j) => `m${j}/o`);
    files.push({ path: `m${i}.yaml`, text: `apiVersion: loopscope/v1\nkind: Model\nname: m${i}\nowner: t${i % 7}\ninputs: [${inputs.join(", ")}]\noutputs:\n  - name: o\n    influences: [sales]\n` });
  }
  return files;
}

describe("a clique of models reading each other", () => {
  it("of 390 models (151,710 reads): finishes, one chain finding, pairs that list at most 20 shared inputs", { timeout: 120_000 }, () => {
    const n = 390;
    const { report } = analyze(clique(n), { today: "2026-11-28" });
    const count = (rule: string) => report.findings.filter((f) => f.rule === rule).length;
    expect(count("deep-model-chain")).toBe(1);
    expect(count("circular-model-dependency")).toBe(1);
    const pairs = report.findings.filter((f) => f.rule === "input-entanglement");
    expect(pairs.length).toBe((n * (n - 1)) / 2);
    for (const pair of pairs.slice(0, 50)) {
      const data = pair.data as { shared: string[]; sharedOmitted?: number };
      // Two models of the clique share the other n - 2 outputs.
      expect(data.shared.length).toBe(MAX_SHARED_LISTED);
      expect(data.shared.length + (data.sharedOmitted ?? 0)).toBe(n - 2);
      expect(pair.message).toContain(`share ${n - 2} of their ${n} inputs`);
      expect(pair.nodes.length).toBe(2 + MAX_SHARED_LISTED);
    }
  });
});
