import { FAILSAFE_SCHEMA, Type } from "js-yaml";

/**
 * The YAML 1.2 core schema for js-yaml, written with the very patterns the `yaml` package
 * uses (yaml/dist/schema/core), so both parsers give the same value for every plain
 * scalar: `0b101`, `+.5`, `-0x1` and friends differ between their stock schemas. Merge
 * keys (`<<: *base`) are on in both. A differential fuzz test (tests/fuzz) holds them equal.
 */
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

// Every plain scalar is tried against each type in turn; a look at the first character
// first keeps the regular expressions off the names and references most scalars are.
// One table of bits by character code: this runs for every scalar of every file.
const NULL_START = 1;
const BOOL_START = 2;
const INT_START = 4;
const FLOAT_START = 8;
const STARTS = new Uint8Array(128);
const mark = (chars: string, bit: number) => {
  for (const c of chars) STARTS[c.charCodeAt(0)]! |= bit;
};
mark("~nN", NULL_START);
mark("tTfF", BOOL_START);
mark("+-0123456789", INT_START);
mark("+-.0123456789", FLOAT_START);
const first = (data: string | null, bit: number) => data !== null && data.length > 0 && ((STARTS[data.charCodeAt(0)] ?? 0) & bit) !== 0;

const nullType = new Type("tag:yaml.org,2002:null", {
  kind: "scalar",
  resolve: (data: string | null) => data === null || data === "" || (first(data, NULL_START) && NULL.test(data)),
  construct: () => null,
  predicate: (value: unknown) => value === null,
});

const boolType = new Type("tag:yaml.org,2002:bool", {
  kind: "scalar",
  resolve: (data: string | null) => first(data, BOOL_START) && BOOL.test(data!),
  construct: (data: string) => data[0] === "t" || data[0] === "T",
  predicate: (value: unknown) => typeof value === "boolean",
});

const intType = new Type("tag:yaml.org,2002:int", {
  kind: "scalar",
  resolve: (data: string | null) => first(data, INT_START) && (INT.test(data!) || INT_OCT.test(data!) || INT_HEX.test(data!)),
  construct: (data: string) => (INT_OCT.test(data) ? parseInt(data.slice(2), 8) : INT_HEX.test(data) ? parseInt(data.slice(2), 16) : parseInt(data, 10)),
  predicate: (value: unknown) => Number.isInteger(value),
});

const floatType = new Type("tag:yaml.org,2002:float", {
  kind: "scalar",
  resolve: (data: string | null) => first(data, FLOAT_START) && (FLOAT_NAN.test(data!) || FLOAT_EXP.test(data!) || FLOAT.test(data!)),
  construct: (data: string) =>
    FLOAT_NAN.test(data) ? (data.slice(-3).toLowerCase() === "nan" ? NaN : data[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY) : parseFloat(data),
  predicate: (value: unknown) => typeof value === "number",
});

/** js-yaml's loader merges a mapping under any key resolved to this tag. */
const mergeType = new Type("tag:yaml.org,2002:merge", {
  kind: "scalar",
  resolve: (data: string | null) => data === "<<",
});

export const MANIFEST_YAML_SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType, mergeType] });
