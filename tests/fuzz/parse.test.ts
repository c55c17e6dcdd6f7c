import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, stringify, visit, type Node } from "yaml";
import { parseSource } from "../../analyzer/parse/parse-source.js";
import type { FieldPath } from "../../analyzer/parse/parsed-document.js";
import { locateInYaml } from "../../analyzer/parse/yaml-ast.js";
import { runs, timeoutFor } from "./settings.js";

/**
 * Property tests of the parser; FUZZ_RUNS and FUZZ_SEED as in settings.ts.
 *
 * The fast parser (js-yaml + node listener) and the `yaml` package must agree: on values
 * (the schema in yaml-schema.ts copies the `yaml` core schema) and on the line and column
 * of every field (the frame reading of yaml-frames.ts). The `yaml` package is the reference.
 */
const timeout = timeoutFor(40);

/** Plain-scalar look-alikes of numbers, booleans and nulls, where YAML parsers tend to differ. */
const scalarToken = fc
  .array(fc.constantFrom("0", "1", "7", "9", "+", "-", ".", "e", "E", "x", "o", "b", "_", "inf", "Inf", "nan", "NaN", "null", "Null", "~", "true", "True", "FALSE", "yes", "a", "f", ":", "0x", "0o"), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(""))
  .filter((token) => !/^[-?:,[\]{}#&*!|>'"%@`]|: |\s#|:$/.test(token));

const key = fc.oneof(
  fc.constantFrom("apiVersion", "kind", "name", "inputs", "outputs", "from", "use", "constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "<<x"),
  fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/),
);
const scalar = fc.oneof(fc.string({ maxLength: 12 }), scalarToken, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
const manifestLike = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("list"), tie("map")),
  list: fc.array(tie("value"), { maxLength: 4 }),
  map: fc.dictionary(key, tie("value"), { maxKeys: 5 }),
})).map;

/** Every path to a value in a plain JSON-like value, parents first. */
function paths(value: unknown, prefix: FieldPath = []): FieldPath[] {
  const result: FieldPath[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => result.push(...paths(item, [...prefix, i])));
  else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) result.push(...paths(v, [...prefix, k]));
  return result;
}

function reference(text: string): {
  values: unknown[];
  at: (doc: number, path: FieldPath) => { line: number; column: number };
  keyAt: (doc: number, path: FieldPath) => { line: number; column: number };
  ok: boolean;
} {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, merge: true, resolveKnownTags: false });
  const list = Array.isArray(docs) ? docs : [];
  let values: unknown[] = [];
  let ok = list.every((d) => d.errors.length === 0 && d.warnings.length === 0);
  try {
    values = list.map((d) => d.toJS({ maxAliasCount: 1000 }) as unknown);
  } catch {
    ok = false; // an alias the reference cannot resolve: not a case to compare
  }
  return {
    ok,
    values,
    at: (doc, path) => {
      const { line, col } = lineCounter.linePos(locateInYaml(list[doc]!, path).valueOffset);
      return { line, column: col };
    },
    keyAt: (doc, path) => {
      const found = locateInYaml(list[doc]!, path);
      const { line, col } = lineCounter.linePos(found.keyOffset ?? found.valueOffset);
      return { line, column: col };
    },
  };
}

/** The fast parser reads `text` as the `yaml` package does: no problems, the same values, every field (and key) at the same place. */
function expectAgreement(file: string, text: string, { keys = false } = {}): void {
  const expected = reference(text);
  fc.pre(expected.ok);
  const parsed = parseSource({ path: file, text });
  expect(parsed.problems).toEqual([]);
  expect(parsed.documents.map((d) => d.value)).toEqual(expected.values);
  parsed.documents.forEach((doc, i) => {
    for (const path of paths(doc.value)) {
      expect({ path, ...doc.locate(path) }).toEqual({ path, file, ...expected.at(i, path) });
      if (keys) expect({ path, ...doc.locateKey(path) }).toEqual({ path, file, ...expected.keyAt(i, path) });
    }
  });
}

/** Keys that need quotes, look like other scalars, or hold the characters that end a plain key. */
const awkwardKey = fc.oneof(
  key,
  scalarToken,
  fc.string({ maxLength: 6 }),
  fc.constantFrom("a b", "a:b", "a: b", "a #b", "a#b", "1.0", "0x1", "007", "true", "null", "~", "", " a", "a ", "-a", "?a", "a,b", "[a]", "{a}", "é", "\\", "'", '"', "a\tb", "*a", "&a", "!a", "%a", "@a", "`a"),
);

/** One key written plainly, in single or double quotes, with blanks before its colon. */
const writtenKey = fc.record({ key: awkwardKey, style: fc.constantFrom("plain", "single", "double"), blanks: fc.constantFrom("", " ", "  ", "\t") });

function isPlainKey(key: string): boolean {
  return /^[A-Za-z0-9_./\\é-][^,[\]{}\n\r\t'"]*$/.test(key) && !/: |:$| #|\s$/.test(key) && !/^(?:~|null|Null|NULL)$/.test(key);
}

/** The explicit tag that keeps a scalar's value (both parsers read these the same way). */
function tagOf(value: unknown): string | undefined {
  if (typeof value === "string") return "tag:yaml.org,2002:str";
  if (value === null) return "tag:yaml.org,2002:null";
  if (typeof value === "boolean") return "tag:yaml.org,2002:bool";
  if (Number.isInteger(value)) return "tag:yaml.org,2002:int";
  return undefined;
}

function writeKey({ key, style }: { key: string; style: string }): string {
  if (style === "double") return JSON.stringify(key);
  if (style === "single") return `'${key.replaceAll("'", "''")}'`;
  return key;
}

describe("parser properties", () => {
  it("agrees with the yaml package on the value of every plain scalar", () => {
    fc.assert(
      fc.property(fc.array(scalarToken, { minLength: 1, maxLength: 8 }), (tokens) => {
        const text = `apiVersion: loopscope/v1\n${tokens.map((t, i) => `k${i}: ${t}`).join("\n")}\nlist: [${tokens.join(", ")}]\n`;
        const expected = reference(text);
        fc.pre(expected.ok);
        const parsed = parseSource({ path: "s.yaml", text });
        expect(parsed.problems).toEqual([]);
        expect(parsed.documents.map((d) => d.value)).toEqual(expected.values);
      }),
      { numRuns: runs },
    );
  }, timeout);

  it("agrees with the yaml package on values and on the line and column of every field (YAML, block and flow)", () => {
    fc.assert(
      fc.property(fc.array(manifestLike, { minLength: 1, maxLength: 3 }), fc.boolean(), (values, flow) => {
        const docs = values.map((v) => ({ apiVersion: "loopscope/v1", body: v }));
        expectAgreement("p.yaml", docs.map((d) => stringify(d, { flowCollectionPadding: flow, collectionStyle: flow ? "flow" : "any" })).join("---\n"));
      }),
      { numRuns: runs },
    );
  }, timeout);

  it("agrees with the yaml package with tags, anchors and aliases: a node at its content, a field reached through an alias at the alias", () => {
    // Each value node (keys are left plain: no manifest tags its keys) may get an explicit tag
    // and an anchor, or be replaced by an alias of an earlier anchored node that is not one of its ancestors.
    const decoration = fc.record({ tag: fc.boolean(), anchor: fc.boolean(), alias: fc.nat(9) });
    fc.assert(
      fc.property(fc.array(manifestLike, { minLength: 1, maxLength: 2 }), fc.boolean(), fc.array(decoration, { minLength: 1, maxLength: 40 }), (values, flow, decorations) => {
        let n = 0;
        const texts = values.map((v) => {
          const doc = new Document({ apiVersion: "loopscope/v1", body: v });
          const anchored: Node[] = [];
          visit(doc, (key, node, path) => {
            if (key === "key" || isAlias(node) || !(isScalar(node) || isMap(node) || isSeq(node))) return undefined;
            const { tag, anchor, alias } = decorations[n++ % decorations.length]!;
            const target = anchored[alias % Math.max(anchored.length, 1)];
            if (alias < 3 && target && !path.includes(target) && node !== doc.contents) return doc.createAlias(target as Parameters<typeof doc.createAlias>[0]);
            if (node === doc.contents) return undefined;
            const explicit = isMap(node) ? "tag:yaml.org,2002:map" : isSeq(node) ? "tag:yaml.org,2002:seq" : tagOf(node.value);
            if (tag && explicit) node.tag = explicit;
            if (anchor) {
              node.anchor = `a${n}`;
              anchored.push(node);
            }
            return undefined;
          });
          return doc.toString({ flowCollectionPadding: flow, collectionStyle: flow ? "flow" : "any" });
        });
        expectAgreement("t.yaml", texts.join("---\n"), { keys: true });
      }),
      { numRuns: runs * 2 },
    );
  }, timeout);

  it("finds every key and its value however the key is written (YAML, block and flow)", () => {
    fc.assert(
      fc.property(fc.array(writtenKey, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.nat(99), (keys, flow, n) => {
        // Plain style only for keys a plain scalar can spell (the parsers disagree on null,
        // tagged, anchored, explicit and collection keys, which no manifest has): the rest quoted.
        fc.pre(!keys.some((k) => k.style === "plain" && !isPlainKey(k.key)));
        const entries = keys.map((k, i) => `${writeKey(k)}${k.blanks}: ${i % 2 === 0 ? n : `[${n}, x]`}`);
        const text = flow ? `apiVersion: loopscope/v1\nbody: { ${entries.join(", ")} }\n` : `apiVersion: loopscope/v1\nbody:\n${entries.map((e) => `  ${e}\n`).join("")}`;
        const expected = reference(text);
        fc.pre(expected.ok);
        const parsed = parseSource({ path: "k.yaml", text });
        expect(parsed.problems).toEqual([]);
        expect(parsed.documents.map((d) => d.value)).toEqual(expected.values);
        const doc = parsed.documents[0]!;
        for (const path of paths(doc.value)) {
          expect({ path, ...doc.locate(path) }).toEqual({ path, file: "k.yaml", ...expected.at(0, path) });
          expect({ path, ...doc.locateKey(path) }).toEqual({ path, file: "k.yaml", ...expected.keyAt(0, path) });
        }
        // Near misses of each key (a prefix, the key with a blank or a colon after it) are not it.
        const body = (doc.value as { body: Record<string, unknown> }).body;
        for (const written of Object.keys(body)) {
          for (const miss of [written.slice(0, -1), `${written} `, `${written}:`, `${written}\t`]) {
            if (Object.hasOwn(body, miss)) continue;
            expect({ miss, ...doc.locate(["body", miss]) }).toEqual({ miss, file: "k.yaml", ...expected.at(0, ["body", miss]) });
          }
        }
      }),
      { numRuns: runs * 2 },
    );
  }, timeout);

  it("agrees with the yaml package on the line and column of every field (JSON)", () => {
    fc.assert(
      fc.property(fc.array(manifestLike, { minLength: 1, maxLength: 3 }), fc.constantFrom(0, 1, 2, "\t"), (values, indent) => {
        const docs = values.map((v) => ({ apiVersion: "loopscope/v1", body: v }));
        const text = JSON.stringify(docs.length === 1 ? docs[0] : docs, null, indent);
        const expected = reference(text);
        fc.pre(expected.ok);
        const parsed = parseSource({ path: "p.json", text });
        expect(parsed.problems).toEqual([]);
        parsed.documents.forEach((doc, i) => {
          for (const path of paths(doc.value)) {
            const prefix = docs.length === 1 ? [] : [i];
            expect({ path, ...doc.locate(path) }).toEqual({ path, file: "p.json", ...expected.at(0, [...prefix, ...path]) });
          }
        });
      }),
      { numRuns: runs },
    );
  }, timeout);

  it("never throws on mangled manifests, and every problem points inside the file", () => {
    const base = stringify({ apiVersion: "loopscope/v1", kind: "Model", name: "m", inputs: ["a", { from: "b/c", use: "training" }], outputs: [{ name: "o", consumers: ["s"], influences: ["a"] }] });
    const edit = fc.record({ at: fc.nat(), remove: fc.nat(5), insert: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("\t", "\n", ": ", "- ", "&a ", "*a", "<<: ", "!!js/function ", "[", "{", "'", '"', "\r\n", "---\n", "\uFEFF", "\u0000")) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), fc.constantFrom("x.yaml", "x.json"), (edits, path) => {
        let text = path.endsWith(".json") ? JSON.stringify({ apiVersion: "loopscope/v1", kind: "Model", name: "m", inputs: ["a"] }, null, 2) : base;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        const parsed = parseSource({ path, text });
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const p of parsed.problems) {
          expect(p.location.file).toBe(path);
          expect(p.location.line).toBeGreaterThanOrEqual(1);
          expect(p.location.line).toBeLessThanOrEqual(lines + 1);
          expect(p.location.column).toBeGreaterThanOrEqual(1);
          expect(p.message.length).toBeGreaterThan(0);
        }
        for (const doc of parsed.documents) for (const field of paths(doc.value)) expect(doc.locate(field).line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: runs * 5 },
    );
  }, timeout * 2);
});
