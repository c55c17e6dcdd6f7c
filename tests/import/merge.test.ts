import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { mergeImportedFile, renderImportedFile, type ImportedFile } from "../../analyzer/import/index.js";

const file = (documents: ImportedFile["documents"]): ImportedFile => ({ path: "ns.yaml", header: ["Imported by `loopscope import openlineage` (test) from:", "  e.json"], documents });
const model = (inputs: string[], consumers: string[]) => ({ apiVersion: "loopscope/v1" as const, kind: "Model" as const, name: "ranker", description: "from events", inputs, outputs: [{ name: "scores", consumers, lineage: { namespace: "db", name: "scores" } }] });

describe("re-import into an existing file", () => {
  const first = renderImportedFile(file([model(["clicks"], ["web"]), { apiVersion: "loopscope/v1", kind: "Service", name: "web", consumes: ["ranker/scores"] }]));
  const handEdited = first
    .replace("description: from events", "description: our ranker # edited by hand\nmonitoring:\n  drift: true\nacknowledge:\n  - rule: direct-feedback-loop\n    reason: bandit keeps 5% unbiased")
    .replace("name: scores\n", "name: scores\n    influences: [clicks]\n")
    .replace("consumes:\n  - ranker/scores", "influences: [clicks]\nconsumes:\n  - ranker/scores");

  it("keeps influences, monitoring, acknowledge and edited descriptions, and adds new lineage", () => {
    const { text, notices } = mergeImportedFile(handEdited, file([model(["clicks", "views"], ["web", "mailer"]), { apiVersion: "loopscope/v1", kind: "Dataset", name: "views" }]), "ns.yaml");
    expect(notices).toEqual([]);
    const docs = text!.split(/^---$/m).map((d) => parse(d) as Record<string, unknown>);
    expect(docs[0]).toEqual({
      apiVersion: "loopscope/v1",
      kind: "Model",
      name: "ranker",
      description: "our ranker",
      monitoring: { drift: true },
      acknowledge: [{ rule: "direct-feedback-loop", reason: "bandit keeps 5% unbiased" }],
      inputs: ["clicks", "views"],
      outputs: [{ name: "scores", influences: ["clicks"], consumers: ["web", "mailer"], lineage: { namespace: "db", name: "scores" } }],
    });
    expect(docs[1]).toMatchObject({ kind: "Service", name: "web", influences: ["clicks"] });
    expect(docs[2]).toEqual({ apiVersion: "loopscope/v1", kind: "Dataset", name: "views" });
    expect(text).toContain("# edited by hand");
    expect(text!.startsWith("# Imported by")).toBe(true);
  });

  it("leaves a document that shares values through YAML anchors, aliases or merge keys as written, and says so (lists grew with their aliases; fields overrode what `<<` gave)", () => {
    const message = "uses YAML anchors, aliases or merge keys, which share values between fields; the import leaves it as written: compare it with the events and add what they show by hand";
    // An anchored list reused as the output's consumers.
    const anchored = "apiVersion: loopscope/v1\nkind: Model\nname: ranker\ninputs: &common [clicks]\noutputs:\n  - name: scores\n    consumers: *common\n    lineage: {namespace: db, name: scores}\n";
    const one = mergeImportedFile(anchored, file([model(["clicks", "views"], ["clicks", "web"])]), "ns.yaml");
    expect(one.text).toBe(anchored);
    expect(one.notices.map((n) => [n.line, n.column, n.message])).toEqual([[4, 17, `ranker: ${message}`]]);
    // Inputs that come through a merge key, and a scalar alias in a list.
    const merged = "base: &base\n  inputs: [clicks, views]\napiVersion: loopscope/v1\nkind: Model\nname: ranker\n<<: *base\noutputs:\n  - name: scores\n    consumers: [web]\n";
    const two = mergeImportedFile(merged, file([model(["extra"], ["web"])]), "ns.yaml");
    expect(two.text).toBe(merged);
    expect(two.notices).toHaveLength(1);
    // Nothing the events would change: no notice.
    const quiet = "apiVersion: loopscope/v1\nkind: Model\nname: ranker\ndescription: &d from events\ninputs: [clicks]\noutputs:\n  - name: scores\n    description: *d\n    consumers: [web]\n    lineage: {namespace: db, name: scores}\n";
    expect(mergeImportedFile(quiet, file([model(["clicks"], ["web"])]), "ns.yaml").notices).toEqual([]);
  });

  it("keeps the hand-written fields of a file saved with lone CR line ends", () => {
    // The yaml package read such a file as one long comment line and the merge wrote over it.
    const { text } = mergeImportedFile(handEdited.replace(/\n/g, "\r"), file([model(["clicks"], ["web"])]), "ns.yaml");
    const ranker = parse(text!.replace(/\r/g, "\n").split(/^---$/m)[0]!) as Record<string, unknown>;
    expect(ranker).toMatchObject({ description: "our ranker", monitoring: { drift: true } });
  });

  it("writes a CRLF file with a byte-order mark back in its own style", () => {
    const windows = `\uFEFF${handEdited.replace(/\n/g, "\r\n")}`;
    const { text } = mergeImportedFile(windows, file([model(["clicks", "views"], ["web"])]), "ns.yaml");
    expect(text!.startsWith("\uFEFF# Imported by")).toBe(true);
    expect(text).not.toMatch(/(^|[^\r])\n/);
    const ranker = parse(text!.slice(1).replace(/\r\n/g, "\n").split(/^---$/m)[0]!) as Record<string, unknown>;
    expect(ranker).toMatchObject({ description: "our ranker", inputs: ["clicks", "views"] });
    // An LF file stays LF.
    expect(mergeImportedFile(handEdited, file([model(["clicks", "views"], ["web"])]), "ns.yaml").text).not.toContain("\r");
  });

  it("leaves the file byte for byte when the events add nothing", () => {
    const { text } = mergeImportedFile(handEdited, file([model(["clicks"], ["web"])]), "ns.yaml");
    expect(text).toBe(handEdited);
  });

  it("keeps a lineage identity written in the file, and says so where the import found another", () => {
    const dataset = (namespace: string) => ({ apiVersion: "loopscope/v1" as const, kind: "Dataset" as const, name: "orders", lineage: { namespace, name: "public.orders" } });
    const existing = renderImportedFile(file([dataset("postgres://old:5432"), model(["clicks"], ["web"])]));
    const moved = model(["clicks"], ["web"]);
    moved.outputs[0]!.lineage = { namespace: "db2", name: "scores" };
    const { text, notices } = mergeImportedFile(existing, file([dataset("postgres://new:5432"), moved]), "ns.yaml");
    expect(text).toBe(existing);
    // Each at the identity kept: the dataset's on lines 7-9, the output's on lines 21-23.
    expect(notices).toEqual([
      { file: "ns.yaml", line: 8, column: 3, message: "orders: keeps its lineage identity postgres://old:5432/public.orders; the import found postgres://new:5432/public.orders (edit or remove `lineage` to take the new one)" },
      { file: "ns.yaml", line: 22, column: 7, message: "ranker: output scores keeps its lineage identity db/scores; the import found db2/scores (edit or remove `lineage` to take the new one)" },
    ]);
    // The same identity again: nothing to say.
    expect(mergeImportedFile(existing, file([dataset("postgres://old:5432")]), "ns.yaml").notices).toEqual([]);
  });

  it("keeps the comments of a file that holds nothing else", () => {
    const { text } = mergeImportedFile("# Owned by the data platform team.\n# Ask in #data before editing.\n", file([model(["clicks"], ["web"])]), "ns.yaml");
    expect(text!.startsWith("# Owned by the data platform team.\n# Ask in #data before editing.\n")).toBe(true);
    expect(parse(text!)).toMatchObject({ kind: "Model", name: "ranker" });
  });

  it("keeps the file's kind when it differs from the import, with a notice", () => {
    const { text, notices } = mergeImportedFile(handEdited, file([{ apiVersion: "loopscope/v1", kind: "Service", name: "ranker" }]), "ns.yaml");
    expect(text).toBe(handEdited);
    expect(notices.map((n) => n.message)).toEqual(["ranker is a Model in this file but the import makes it a Service; the file's version was kept"]);
  });

  it("merges into a file with more than 100 YAML aliases (an internal error before), and leaves an alias bomb unchanged with a notice", () => {
    const aliased = `apiVersion: loopscope/v1\nkind: Model\nname: ranker\noutputs:\n  - &o\n    name: o0\n${Array.from({ length: 101 }, (_, i) => `  - <<: *o\n    name: o${i + 1}\n`).join("")}`;
    const merged = mergeImportedFile(aliased, file([{ apiVersion: "loopscope/v1", kind: "Dataset", name: "views" }]), "ns.yaml");
    expect(merged.notices).toEqual([]);
    expect(merged.text).toContain("name: o101");
    expect(merged.text).toContain("name: views");
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n`;
    const refused = mergeImportedFile(bomb, file([model([], [])]), "ns.yaml");
    expect(refused.text).toBeUndefined();
    expect(refused.notices.map((n) => n.message)).toEqual([expect.stringMatching(/^cannot merge into this file \(.*alias.*\); it was left unchanged$/i)]);
  });

  it("writes a header from other systems' names with control characters as escapes (a namespace could set the terminal's title when the file is shown)", () => {
    const text = renderImportedFile({ path: "ns.yaml", header: ["Imported by `loopscope import openlineage` (OpenLineage namespace ns\u001b]0;pwned\u0007) from:", "  e.json"], documents: [model([], [])] });
    expect(text.split("\n")[0]).toBe("# Imported by `loopscope import openlineage` (OpenLineage namespace ns\\x1b]0;pwned\\x07) from:");
  });

  it("does not touch a file it cannot parse", () => {
    const { text, notices } = mergeImportedFile("kind: [unclosed\n", file([model([], [])]), "ns.yaml");
    expect(text).toBeUndefined();
    expect(notices[0]).toMatchObject({ file: "ns.yaml", line: 2 });
    expect(notices[0]!.message).toMatch(/left unchanged$/);
  });
});
