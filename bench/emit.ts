/**
 * Writes manifest objects as YAML or JSON text the way people write them by hand: block
 * style, short lists in flow style, strings quoted only when YAML would misread them.
 * Only the shapes the generator makes are supported (plain objects, arrays, strings,
 * numbers, booleans); it is not a general YAML emitter.
 */
export type Plain = string | number | boolean | Plain[] | { [key: string]: Plain | undefined };

export function toYamlDocuments(documents: Plain[]): string {
  return documents.map((doc) => emitBlock(doc, 0).join("\n") + "\n").join("---\n");
}

export function toJson(documents: Plain[]): string {
  return JSON.stringify(documents.length === 1 ? documents[0] : documents, null, 2) + "\n";
}

function emitBlock(value: Plain, indent: number): string[] {
  const pad = " ".repeat(indent);
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (isScalar(item)) return [`${pad}- ${scalar(item)}`];
      const [first = "", ...rest] = emitBlock(item, indent + 2);
      return [`${pad}- ${first.trimStart()}`, ...rest];
    });
  }
  if (typeof value === "object") {
    const lines: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      if (isScalar(item)) lines.push(`${pad}${key}: ${scalar(item)}`);
      else if (Array.isArray(item) && item.length === 0) lines.push(`${pad}${key}: []`);
      else if (Array.isArray(item) && item.length <= 4 && item.every((i) => typeof i === "string")) {
        lines.push(`${pad}${key}: [${item.map((i) => scalar(i)).join(", ")}]`);
      } else lines.push(`${pad}${key}:`, ...emitBlock(item, indent + 2));
    }
    return lines;
  }
  return [`${pad}${scalar(value)}`];
}

function isScalar(value: Plain): value is string | number | boolean {
  return typeof value !== "object";
}

const PLAIN_SAFE = /^[A-Za-z][A-Za-z0-9._/ ()-]*[A-Za-z0-9)]$/;
const YAML_WORDS = /^(true|false|yes|no|on|off|null|y|n)$/i;

function scalar(value: string | number | boolean): string {
  if (typeof value !== "string") return String(value);
  return PLAIN_SAFE.test(value) && !YAML_WORDS.test(value) && !value.includes(": ") && !value.includes(" #") ? value : JSON.stringify(value);
}
