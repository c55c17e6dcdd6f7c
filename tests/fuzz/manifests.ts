import fc from "fast-check";
import { stringify } from "yaml";
import type { SourceFile } from "../../analyzer/types.js";

/**
 * Manifests with random structure: right and wrong types, unknown fields, names taken from
 * JavaScript's object internals, dangling references.
 */
const name = fc.constantFrom("constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "a", "b", "c", "a/out", "b/o", "x/y/z", "", "UPPER", "-bad");
const anyValue = fc.oneof(name, fc.integer(), fc.boolean(), fc.constant(null), fc.array(name, { maxLength: 3 }), fc.dictionary(name, name, { maxKeys: 2 }));
const input = fc.oneof(name, fc.record({ from: name, use: fc.constantFrom("training", "serving", "both", "sometimes") }, { requiredKeys: ["from"] }), anyValue);
const output = fc.oneof(fc.record({ name, consumers: fc.array(name, { maxLength: 3 }), influences: fc.array(name, { maxLength: 3 }) }, { requiredKeys: ["name"] }), anyValue);
const extra = fc.dictionary(fc.constantFrom("__proto__", "constructor", "toString", "owner", "target", "monitoring", "deployment", "acknowledge", "derivedFrom", "consumes", "influences", "lineage", "typo"), anyValue, { maxKeys: 3 });

export const manifest = fc
  .record({
    kind: fc.constantFrom("Model", "Dataset", "Service", "Other"),
    name,
    inputs: fc.array(input, { maxLength: 4 }),
    outputs: fc.array(output, { maxLength: 3 }),
    derivedFrom: fc.array(name, { maxLength: 2 }),
    consumes: fc.array(name, { maxLength: 2 }),
    influences: fc.array(name, { maxLength: 2 }),
    extra,
  })
  .map(({ kind, name: n, inputs, outputs, derivedFrom, consumes, influences, extra: more }) => {
    const doc: Record<string, unknown> = { apiVersion: "loopscope/v1", kind, name: n };
    if (kind === "Model") Object.assign(doc, { inputs, outputs });
    if (kind === "Dataset") Object.assign(doc, { derivedFrom });
    if (kind === "Service") Object.assign(doc, { consumes, influences });
    for (const [k, v] of Object.entries(more)) Object.defineProperty(doc, k, { value: v, enumerable: true, configurable: true, writable: true });
    return doc;
  });

/** Up to eight manifests, one a file; with `asJson`, every other file is JSON. */
export function estateFiles(docs: Record<string, unknown>[], asJson = false): SourceFile[] {
  return docs.map((doc, i) => (asJson && i % 2 === 0 ? { path: `f${i}.json`, text: JSON.stringify(doc) } : { path: `f${i}.yaml`, text: stringify(doc) }));
}

export const estate = fc.tuple(fc.array(manifest, { minLength: 1, maxLength: 8 }), fc.boolean()).map(([docs, asJson]) => estateFiles(docs, asJson));
