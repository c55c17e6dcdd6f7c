import { describe, expect, it } from "vitest";
import { parseSource } from "../../analyzer/parse/parse-source.js";
import { PARSE_LIMITS } from "../../analyzer/parse/limits.js";
import { invalidUtf8Problem } from "../../analyzer/parse/utf8-position.js";
import type { ParsedFile } from "../../analyzer/parse/parsed-document.js";

/**
 * Hostile and broken input at the parse level: each case gets a message naming the file,
 * line and column, the parser never throws, and the good documents of the same file are
 * still read where the format allows it. (Timing is not asserted; vitest's timeout is the
 * guard against a hang.)
 */
const HEADER = "apiVersion: loopscope/v1\n";
const dataset = (name: string) => `${HEADER}kind: Dataset\nname: ${name}\n`;

function parse(path: string, text: string): ParsedFile {
  return parseSource({ path, text });
}

function problems(parsed: ParsedFile): string[] {
  return parsed.problems.map((p) => `${p.location.file}:${p.location.line}:${p.location.column}: ${p.message}`);
}

function names(parsed: ParsedFile): unknown[] {
  return parsed.documents.map((d) => (d.value as Record<string, unknown>)["name"]);
}

describe("hostile bytes", () => {
  it("never throws on random bytes, and every problem points inside the file", () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16;
    for (let round = 0; round < 200; round++) {
      const length = next() % 2000;
      const bytes = Array.from({ length }, () => next() & 0xff);
      const text = (round % 2 === 0 ? HEADER : "") + String.fromCharCode(...bytes);
      for (const path of ["random.yaml", "random.json"]) {
        const parsed = parse(path, text);
        const lines = text.split("\n").length;
        for (const p of parsed.problems) {
          expect(p.location.file).toBe(path);
          expect(p.location.line).toBeGreaterThanOrEqual(1);
          expect(p.location.line).toBeLessThanOrEqual(lines + 1);
          expect(p.location.column).toBeGreaterThanOrEqual(1);
        }
      }
    }
  });

  it("skips a binary file (NUL bytes) with a reason", () => {
    const parsed = parse("model.bin.yaml", `${HEADER}kind: Model\nname: \u0000\u0001\u0002`);
    expect(parsed.skipped).toBe("binary file (contains NUL bytes)");
    expect(parsed.documents).toEqual([]);
  });

  it("reads a file that starts with a UTF-8 byte-order mark, with unshifted columns", () => {
    const parsed = parse("bom.yaml", `\uFEFF${dataset("with-bom")}`);
    expect(names(parsed)).toEqual(["with-bom"]);
    expect(parsed.documents[0]!.locate(["name"])).toEqual({ file: "bom.yaml", line: 3, column: 7 });
    expect(parsed.documents[0]!.locateKey(["apiVersion"])).toEqual({ file: "bom.yaml", line: 1, column: 1 });
  });

  /** A model read with `lineEnd` for every LF: the same value, each field at the same line and column. */
  function expectSameAsLf(lineEnd: string): void {
    const text = `${HEADER}kind: Model\nname: m\ninputs:\n  - a\n  - from: b\n    use: training\n`;
    const lf = parse("lf.yaml", text).documents[0]!;
    const other = parse("other.yaml", text.replace(/\n/g, lineEnd)).documents[0]!;
    expect(other.value).toEqual(lf.value);
    for (const path of [["name"], ["inputs", 1, "use"], ["inputs", 0]]) {
      expect({ ...other.locate(path), file: "" }).toEqual({ ...lf.locate(path), file: "" });
    }
  }

  it("reads CRLF line ends with the same positions as LF", () => {
    expectSameAsLf("\r\n");
    const json = `{\r\n  "apiVersion": "loopscope/v1",\r\n  "kind": "Dataset",\r\n  "name": "d"\r\n}\r\n`;
    expect(parse("crlf.json", json).documents[0]!.locate(["name"])).toEqual({ file: "crlf.json", line: 4, column: 11 });
  });

  it("reads lone CR line ends (old Mac files) as lines, in both YAML parsers and in JSON", () => {
    expectSameAsLf("\r");
    // A broken file goes to the recovering parser, which once read it as one long line.
    const broken = parse("cr-broken.yaml", `${HEADER}kind: Model\nname: m\nname: n\n`.replace(/\n/g, "\r"));
    expect(problems(broken)).toEqual(['cr-broken.yaml:4:1: duplicate key "name": a key may appear once in a mapping; the document is not read']);
    const json = `{\r  "apiVersion": "loopscope/v1",\r  "kind": "Dataset",\r  "name": "d"\r}\r`;
    expect(parse("cr.json", json).documents[0]!.locate(["name"])).toEqual({ file: "cr.json", line: 4, column: 11 });
  });

  it("with lone CR line ends, puts an empty value and a bad byte where they are with LF", () => {
    const text = `${HEADER}kind: Model\nname: m\nowner:\n# who?\ninputs: []\n`;
    const lf = parse("lf.yaml", text).documents[0]!;
    const cr = parse("cr.yaml", text.replace(/\n/g, "\r")).documents[0]!;
    expect({ ...cr.locate(["owner"]), file: "" }).toEqual({ ...lf.locate(["owner"]), file: "" });
    const bad = (end: string) => invalidUtf8Problem(Buffer.concat([Buffer.from(`a: 1${end}b: 2${end}c: `), Buffer.from([0xff])]));
    expect(bad("\r")).toMatchObject({ line: 3, column: 4 });
    expect(bad("\r\n")).toMatchObject({ line: 3, column: 4 });
  });

  it("places problems after a rejected multi-line scalar on their own lines", () => {
    // The yaml package's line counter skipped the line break inside "kind Model\nname", so the
    // last two problems were put on line 3, past its end.
    const parsed = parse("no-colon.yaml", "apiVersion\n: loopscope/v1\nkind Model\nname: m\n");
    const positions = parsed.problems.map((p) => `${p.location.line}:${p.location.column}`);
    expect(positions).toEqual(["2:1", "2:3", "3:1", "4:5", "4:7"]);
  });

  it("reports a tab used as indentation at its line and column, and keeps the file's other documents", () => {
    const parsed = parse("tabs.yaml", `${dataset("before")}---\n${HEADER}kind: Model\n\tname: tabbed\n---\n${dataset("after")}`);
    expect(problems(parsed)).toEqual([expect.stringMatching(/^tabs\.yaml:7:1: .*[Tt]ab/)]);
    expect(names(parsed)).toEqual(["before", "after"]);
  });
});

describe("duplicate keys", () => {
  it("YAML: reports the second key, and the file's other documents are still read", () => {
    const parsed = parse("dup.yaml", `${HEADER}kind: Model\nname: first\nname: second\n---\n${dataset("fine")}`);
    expect(problems(parsed)).toEqual(['dup.yaml:4:1: duplicate key "name": a key may appear once in a mapping; the document is not read']);
    expect(names(parsed)).toEqual(["fine"]);
  });

  it("JSON: reports the second key (JSON.parse would silently keep it) and skips only that document", () => {
    const text = `[\n {"apiVersion": "loopscope/v1", "kind": "Dataset", "name": "ok"},\n {"apiVersion": "loopscope/v1", "kind": "Dataset", "name": "a", "name": "b"}\n]`;
    const column = text.split("\n")[2]!.lastIndexOf('"name"') + 1;
    const parsed = parse("dup.json", text);
    expect(problems(parsed)).toEqual([`dup.json:3:${column}: duplicate key "name": JSON readers disagree on which value wins; the document is not read`]);
    expect(names(parsed)).toEqual(["ok"]);
  });

  it("JSON: names every duplicate key of every document it leaves out, as YAML does (documents after the file's fifth duplicate were dropped without a word; then only a document's first was named)", () => {
    const docs = Array.from({ length: 7 }, (_, i) => ` {"apiVersion": "loopscope/v1", "kind": "Dataset", "name": "d${i}", "owner": "a", "owner": "b", "owner": "c"}`);
    const text = `[\n${docs.join(",\n")},\n {"apiVersion": "loopscope/v1", "kind": "Dataset", "name": "kept"}\n]`;
    const columns = ['"owner": "b"', '"owner": "c"'].map((key) => docs[0]!.indexOf(key) + 1);
    const parsed = parse("dups.json", text);
    expect(problems(parsed)).toEqual(
      Array.from({ length: 7 }, (_, i) => columns.map((column) => `dups.json:${i + 2}:${column}: duplicate key "owner": JSON readers disagree on which value wins; the document is not read`)).flat(),
    );
    expect(names(parsed)).toEqual(["kept"]);
    // Past 20 in one document, how many more.
    const many = `{"apiVersion": "loopscope/v1", "kind": "Dataset", "name": "d"${', "owner": "x"'.repeat(26)}}`;
    const named = problems(parse("many.json", many));
    expect(named).toHaveLength(21);
    expect(named.at(-1)).toMatch(/^many\.json:1:\d+: and 5 more duplicate keys in this document$/);
  });
});

describe("YAML tags, anchors and merge keys", () => {
  it("refuses !!js/function and custom tags without running anything", () => {
    const globals = globalThis as Record<string, unknown>;
    delete globals["loopscopePwned"];
    for (const tagged of ["!!js/function 'function () { globalThis.loopscopePwned = true }'", "!!js/undefined ''", "!custom { a: 1 }", "!<tag:example.com,2026:thing> x", "!!binary aGVsbG8="]) {
      const parsed = parse("tag.yaml", `${HEADER}kind: Model\nname: m\ndescription: ${tagged}\n---\n${dataset("kept")}`);
      expect(problems(parsed)).toEqual([expect.stringMatching(/^tag\.yaml:4:14: unsupported YAML tag /)]);
      expect(names(parsed)).toEqual(["kept"]);
    }
    expect(globals["loopscopePwned"]).toBeUndefined();
  });

  it("expands anchors, aliases and merge keys, with positions for the merged document", () => {
    const text = `${HEADER}kind: Model\nname: m\nmonitoring: &mon\n  drift: true\ndeployment:\n  <<: { strategy: canary }\n  holdout: 0.1\noutputs:\n  - &out\n    name: score\n    influences: [clicks]\n`;
    const parsed = parse("anchors.yaml", text);
    expect(parsed.problems).toEqual([]);
    const doc = parsed.documents[0]!;
    expect(doc.value).toMatchObject({ monitoring: { drift: true }, deployment: { strategy: "canary", holdout: 0.1 }, outputs: [{ name: "score", influences: ["clicks"] }] });
    expect(doc.locate(["deployment", "holdout"])).toEqual({ file: "anchors.yaml", line: 8, column: 12 });
    expect(doc.locate(["outputs", 0, "influences", 0])).toEqual({ file: "anchors.yaml", line: 12, column: 18 });
    // A merged key has no text of its own: the closest ancestor that has one.
    expect(doc.locate(["deployment", "strategy"])).toEqual({ file: "anchors.yaml", line: 7, column: 3 });
  });

  it("stops an alias bomb ('billion laughs') without expanding it", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 12; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
    const parsed = parse("bomb.yaml", `${HEADER}kind: Model\nname: bomb\n${levels.join("\n")}\n---\n${dataset("survivor")}`);
    expect(problems(parsed)).toEqual([expect.stringMatching(/^bomb\.yaml:\d+:\d+: this document stands for more than 100,000 values .*alias bomb/)]);
    expect(names(parsed)).toEqual(["survivor"]);
  });

  it("rejects a node that contains itself through its own anchor", () => {
    const parsed = parse("cycle.yaml", `${HEADER}kind: Model\nname: m\ninputs: &loop [a, *loop]\n`);
    expect(problems(parsed)).toEqual([expect.stringMatching(/^cycle\.yaml:4:\d+: this value contains itself/)]);
  });

  it("names an alias whose anchor is not set before it at the alias, not as an alias bomb", () => {
    const parsed = parse("alias.yaml", `${HEADER}kind: Dataset\nname: base\nx: &ins [a]\n---\n${HEADER}kind: Model\nname: m\ninputs: *ins\n---\n${dataset("survivor")}`);
    expect(problems(parsed)).toEqual(["alias.yaml:9:9: unknown anchor *ins: an alias must follow its anchor (&ins) in the same document; the document is not read"]);
    expect(names(parsed)).toEqual(["base", "survivor"]);
  });

  it("reads a document the same whether or not another document of its file is broken, %YAML 1.1 or not", () => {
    const document = `%YAML 1.1\n---\n${HEADER}kind: Model\nname: m\nowner: "010"\nmonitoring: { drift: yes }\nacknowledge: [{ rule: unused-output, reason: r, expires: 2027-06-30 }]\n`;
    const alone = parse("alone.yaml", document);
    const withBroken = parse("broken.yaml", `${document}---\n${HEADER}kind: Model\nname: [oops\n`);
    // YAML 1.2 core, as js-yaml reads it: `yes` is a string, the date stays text.
    const drift = (p: ParsedFile) => p.problems.find((x) => x.message.includes("drift") || x.message.includes("plain data"));
    expect(drift(alone)).toBeUndefined();
    expect(drift(withBroken)).toBeUndefined();
    expect(withBroken.documents.map((d) => d.value)).toEqual(alone.documents.map((d) => d.value));
    expect((alone.documents[0]!.value as { monitoring: { drift: unknown } }).monitoring.drift).toBe("yes");
    expect(problems(withBroken)).toEqual([expect.stringMatching(/^broken\.yaml:13:\d+: /)]);
  });
});

describe("size limits", () => {
  it("rejects nesting thousands deep (YAML flow, YAML block, JSON) at the level that crosses the limit", () => {
    const depth = 5000;
    const flow = parse("deep.yaml", `${HEADER}kind: Model\nname: deep\ndescription: ${"[".repeat(depth)}${"]".repeat(depth)}\n`);
    expect(problems(flow)).toEqual([expect.stringMatching(new RegExp(`^deep\\.yaml:4:\\d+: values are nested more than ${PARSE_LIMITS.maxDepth} levels deep`))]);
    const block = Array.from({ length: 300 }, (_, i) => `${" ".repeat(i * 2)}k${i}:`).join("\n");
    expect(problems(parse("block.yaml", `${HEADER}${block} x\n`))).toEqual([expect.stringMatching(/^block\.yaml:\d+:\d+: values are nested more than 64 levels deep/)]);
    const json = parse("deep.json", `{"apiVersion": "loopscope/v1", "kind": "Model", "name": "d", "x": ${"[".repeat(depth)}${"]".repeat(depth)}}`);
    expect(problems(json)).toEqual([expect.stringMatching(/^deep\.json:1:\d+: values are nested more than 64 levels deep/)]);
  });

  it("puts the depth limit at the same level in YAML and JSON", () => {
    const yamlOf = (levels: number) => `${HEADER}kind: Dataset\nname: d\n` + Array.from({ length: levels }, (_, i) => `${" ".repeat(i * 2)}k${i}:`).join("\n") + " x\n";
    const jsonOf = (levels: number) => `{"apiVersion": "loopscope/v1", "kind": "Dataset", "name": "d", "k": ${'{"k": '.repeat(levels - 1)}"x"${"}".repeat(levels - 1)}}`;
    for (const [path, textOf] of [["d.yaml", yamlOf], ["d.json", jsonOf]] as const) {
      expect(parse(path, textOf(PARSE_LIMITS.maxDepth)).problems).toEqual([]);
      expect(problems(parse(path, textOf(PARSE_LIMITS.maxDepth + 1)))).toEqual([expect.stringMatching(/values are nested more than 64 levels deep/)]);
    }
  });

  it("rejects a 100 MB file without parsing it", () => {
    const text = HEADER + "#".repeat(100 * 1024 * 1024);
    expect(problems(parse("huge.yaml", text))).toEqual(["huge.yaml:1:1: file is larger than the limit of 20 MiB; it is not read"]);
  });

  it("reads the first 20,000 of 100,000 documents in one file and says where it stopped", () => {
    const text = Array.from({ length: 100_000 }, (_, i) => dataset(`d${i}`)).join("---\n");
    const parsed = parse("many.yaml", text);
    expect(parsed.documents).toHaveLength(PARSE_LIMITS.maxDocumentsPerFile);
    expect(problems(parsed)).toEqual([`many.yaml:${20_000 * 4 + 1}:1: more than 20,000 documents in one file; the rest of the file is not read`]);
    const json = parse("many.json", JSON.stringify(Array.from({ length: 100_000 }, (_, i) => ({ apiVersion: "loopscope/v1", kind: "Dataset", name: `d${i}` }))));
    expect(json.documents).toHaveLength(PARSE_LIMITS.maxDocumentsPerFile);
    expect(problems(json)).toEqual([expect.stringMatching(/^many\.json:1:\d+: more than 20,000 documents in one file/)]);
  });

  it("rejects a megabyte string (value or key) and keeps the other documents", () => {
    const big = "x".repeat(1024 * 1024);
    const parsed = parse("strings.yaml", `${HEADER}kind: Model\nname: m\ndescription: ${big}\n---\n${HEADER}kind: Model\nname: n\n${big}: 1\n---\n${dataset("small")}`);
    expect(problems(parsed)).toEqual([
      "strings.yaml:4:14: a string of 1,048,576 characters is longer than the limit of 64 KiB characters; the document is not read",
      "strings.yaml:6:1: a key of 1,048,576 characters is longer than the limit of 64 KiB characters; the document is not read",
    ]);
    expect(names(parsed)).toEqual(["small"]);
  });
});

describe("names that collide with JavaScript object internals", () => {
  const internals = ["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf", "prototype"];

  it("keeps them as own data, in YAML and JSON, and pollutes nothing", () => {
    for (const key of internals) {
      const yaml = parse("x.yaml", `${HEADER}kind: Model\nname: ${key}\n${key}: { polluted: true }\nouter:\n  ${key}: [${key}]\n`);
      const json = parse("x.json", JSON.stringify({ apiVersion: "loopscope/v1", kind: "Model", name: key }).replace(/}$/, `, "${key}": {"polluted": true}, "outer": {"${key}": ["${key}"]}}`));
      for (const parsed of [yaml, json]) {
        expect(parsed.problems).toEqual([]);
        const value = parsed.documents[0]!.value as Record<string, unknown>;
        expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
        expect(Object.prototype.hasOwnProperty.call(value, key)).toBe(true);
        expect(value["name"]).toBe(key);
        expect(Object.getOwnPropertyDescriptor(value, key)?.value).toEqual({ polluted: true });
        expect(Object.getOwnPropertyDescriptor(value["outer"], key)?.value).toEqual([key]);
        expect(parsed.documents[0]!.locate(["outer", key, 0]).line).toBe(parsed === json ? 1 : 6);
      }
    }
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.prototype.toString.call({})).toBe("[object Object]");
  });
});
