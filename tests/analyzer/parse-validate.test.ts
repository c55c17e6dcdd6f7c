import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import { parseSource } from "../../analyzer/parse/parse-source.js";
import { validateDocument } from "../../analyzer/validate/validate.js";

describe("parse", () => {
  it("reads every YAML document with the position of every field", () => {
    const parsed = parseSource({ path: "m.yaml", text: "apiVersion: loopscope/v1\nkind: Dataset\nname: a\n---\napiVersion: loopscope/v1\nkind: Model\nname: b\ninputs:\n  - a\n  - from: c\n    use: training\n" });
    expect(parsed.documents.map((d) => d.index)).toEqual([0, 1]);
    const second = parsed.documents[1]!;
    expect(second.locate(["inputs", 1, "use"])).toEqual({ file: "m.yaml", line: 11, column: 10 });
    expect(second.locateKey(["inputs", 1, "use"])).toEqual({ file: "m.yaml", line: 11, column: 5 });
    // A missing field points at the closest ancestor that exists.
    expect(second.locate(["outputs", 0])).toEqual({ file: "m.yaml", line: 5, column: 1 });
  });

  it("puts a tagged or anchored value at the value, and what comes through an alias at the alias, in both YAML readers", () => {
    const text =
      "apiVersion: loopscope/v1\nkind: Model\nname: m\ninputs:\n- !!str undC\n- &anc undE\n- &t !!str undT\n" +
      "outputs:\n  - name: o1\n    consumers: &c [svc]\n  - name: o2\n    consumers: *c\n  - name: o3\n    influences: *c\n";
    // The same document read by js-yaml (fast) and, with a broken document after it, by the yaml package.
    for (const source of [text, `${text}---\napiVersion: loopscope/v1\nkind: Dataset\nname: [broken\n`]) {
      const parsed = parseSource({ path: "a.yaml", text: source });
      const doc = parsed.documents[0]!;
      const at = (path: (string | number)[]) => {
        const { line, column } = doc.locate(path);
        return `${line}:${column}`;
      };
      expect([at(["inputs", 0]), at(["inputs", 1]), at(["inputs", 2])]).toEqual(["5:9", "6:8", "7:12"]);
      expect([at(["outputs", 0, "consumers", 0]), at(["outputs", 1, "consumers"]), at(["outputs", 1, "consumers", 0]), at(["outputs", 2, "influences", 0])]).toEqual(["10:20", "12:16", "12:16", "14:17"]);
      expect(doc.locateKey(["outputs", 1, "consumers", 0])).toEqual({ file: "a.yaml", line: 12, column: 16 });
    }
  });

  it("reads a JSON document or an array of them, with positions", () => {
    const text = '[\n  {"apiVersion": "loopscope/v1", "kind": "Dataset", "name": "a"},\n  {"apiVersion": "loopscope/v1",\n   "kind": "Model", "name": "b"}\n]\n';
    const parsed = parseSource({ path: "e.json", text });
    expect(parsed.documents).toHaveLength(2);
    expect(parsed.documents[1]!.locate(["kind"])).toEqual({ file: "e.json", line: 4, column: 12 });
    const broken = parseSource({ path: "x.json", text: '{"apiVersion": "loopscope/v1",\n "kind": }' });
    expect(broken.problems[0]!.location).toMatchObject({ file: "x.json", line: 2 });
  });

  it("skips files whose first document is not a Loopscope manifest, with a notice", () => {
    const { report } = analyze([
      { path: "k8s.yaml", text: "apiVersion: apps/v1\nkind: Deployment\n" },
      { path: "package.json", text: '{"name": "x"}' },
      { path: "m.yaml", text: "apiVersion: loopscope/v1\nkind: Dataset\nname: d\n" },
    ]);
    expect(report.notices.map((n) => `${n.file}: ${n.message}`)).toEqual([
      "k8s.yaml: skipped: not a Loopscope manifest (the first document has no `apiVersion: loopscope/v1`)",
      "package.json: skipped: not a Loopscope manifest (the first document has no `apiVersion: loopscope/v1`)",
    ]);
    expect(report.summary.files).toBe(1);
    expect(report.findings).toEqual([]);
  });

  it("skips Loopscope's own files beside the manifests without a notice", () => {
    const { report } = analyze([
      { path: "manifests/loopscope.schema.json", text: '{"$schema": "https://json-schema.org/draft/2020-12/schema"}' },
      { path: "loopscope.config.yaml", text: "failOn: error\n" },
      { path: "loopscope-baseline.json", text: '{"version": 1, "entries": []}' },
      { path: "manifests/other.yaml", text: "failOn: error\n" },
      { path: "manifests/m.yaml", text: "apiVersion: loopscope/v1\nkind: Dataset\nname: d\n" },
    ]);
    expect(report.notices.map((n) => n.file)).toEqual(["manifests/other.yaml"]);
    expect(report.summary.files).toBe(1);
  });
});

describe("validate", () => {
  const validate = (text: string) => validateDocument(parseSource({ path: "v.yaml", text }).documents[0]!);

  it("expands shorthand inputs and fills defaults", () => {
    const { manifest } = validate("apiVersion: loopscope/v1\nkind: Model\nname: m\ninputs: [a, {from: b/c, use: serving, version: 3}]\noutputs: [{name: o}]\n");
    expect(manifest!.manifest).toMatchObject({
      inputs: [{ from: "a", use: "both" }, { from: "b/c", use: "serving", version: "3" }],
      outputs: [{ name: "o", consumers: [], influences: [] }],
      acknowledge: [],
    });
  });

  it("names the field, its position and a suggestion for each problem", () => {
    const { problems } = validate("apiVersion: loopscope/v1\nkind: Model\nname: -bad\ninptus: []\ninputs:\n  - from: a\n    use: always\ndeployment: { holdout: 2 }\n");
    expect(problems.map((p) => `${p.location.line}:${p.location.column} ${p.fieldPath}: ${p.message}`)).toEqual([
      "3:7 name: must start with a letter or digit and hold only letters, digits, '.', '_' and '-' (at most 200 characters)",
      '4:1 inptus: unknown field "inptus"; did you mean "inputs"?',
      '7:10 inputs[0].use: expected one of "training"|"serving"|"both" (got "always")',
      "8:24 deployment.holdout: expected number to be <=1 (a share of traffic from 0 to 1: 2% is 0.02)",
    ]);
  });

  it("suggests the field allowed at that place for the document's kind, and says where a misplaced one belongs", () => {
    const messages = (text: string) => validate(`apiVersion: loopscope/v1\n${text}`).problems.map((p) => `${p.fieldPath}: ${p.message}`);
    expect(messages("kind: Service\nname: s\nconsumers: [a/b]\ninputs: [x]\n")).toEqual([
      'consumers: unknown field "consumers"; did you mean "consumes"?',
      'inputs: unknown field "inputs": a Service reads through "consumes"',
    ]);
    expect(messages("kind: Model\nname: m\noutputs: [{ name: o, consumer: [s] }]\ninfluences: [clicks]\n")).toEqual([
      'outputs[0].consumer: unknown field "consumer"; did you mean "consumers"?',
      "influences: unknown field \"influences\": a Model's effect on the world is declared per output: outputs[].influences",
    ]);
    expect(messages("kind: Dataset\nname: log\nderivedFrom: [ads-ctr/pctr]\n")).toEqual([
      'derivedFrom[0]: "ads-ctr/pctr" is a model output; derivedFrom must name a Dataset (declare the table the output is logged to as a Dataset, and name that)',
    ]);
    expect(messages("kind: Dataset\nname: d\nconsumes: [a]\nderived_from: [b]\n")).toEqual([
      'consumes: unknown field "consumes": a Dataset is computed from "derivedFrom"',
      'derived_from: unknown field "derived_from"; did you mean "derivedFrom"?',
    ]);
  });

  it("explains a wrong version or expires in their own terms, and refuses a date that is not on the calendar", () => {
    const { problems } = validate(
      "apiVersion: loopscope/v1\nkind: Model\nname: m\nversion: .inf\ninputs: [true]\nacknowledge:\n" +
        ["20270630", "2099-13-45", "2027-02-29", "2028-02-29", "2027-2-1"].map((date) => `  - { rule: unused-output, reason: r, expires: ${date} }\n`).join(""),
    );
    expect(problems.map((p) => `${p.fieldPath}: ${p.message}`)).toEqual([
      "version: must be a string or a finite number (got number Infinity)",
      'inputs[0]: expected a reference string or an object with "from", got boolean true',
      "acknowledge[0].expires: must be a date YYYY-MM-DD (got number 20270630)",
      "acknowledge[1].expires: must be a date YYYY-MM-DD that exists on the calendar",
      "acknowledge[2].expires: must be a date YYYY-MM-DD that exists on the calendar",
      "acknowledge[4].expires: must be a date YYYY-MM-DD",
    ]);
  });

  it("rejects a document that is not a mapping and an apiVersion other than v1", () => {
    expect(validate("apiVersion: loopscope/v1\n---\n- a\n").problems).toHaveLength(1);
    const analysis = analyze([{ path: "v2.yaml", text: "apiVersion: loopscope/v2\nkind: Dataset\nname: d\n" }]);
    expect(analysis.report.findings.map((f) => f.message)).toEqual(['apiVersion: must be "loopscope/v1" (got "loopscope/v2")']);
  });
});
