/**
 * Fingerprints identify a finding across runs: the rule id and the names involved, never
 * file paths, lines or list order, so moving, reformatting or reordering manifests keeps
 * them (see docs/fingerprints.md). 64-bit FNV-1a, printed as 16 hex digits.
 */
export function fingerprint(rule: string, identity: readonly string[]): string {
  return `${rule}:${fnv1a64([rule, ...identity].join("\u0000"))}`;
}

const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  const bytes = new TextEncoder().encode(text);
  for (const byte of bytes) {
    hash ^= BigInt(byte);
    hash = (hash * PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, "0");
}
