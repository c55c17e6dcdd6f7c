/**
 * Fingerprints identify a finding across runs: the rule id and the names involved, never
 * file paths, lines or list order, so moving, reformatting or reordering manifests keeps
 * them (see docs/baseline.md, "What keeps a finding's identity"). 64-bit FNV-1a over the UTF-8 bytes, printed as 16 hex
 * digits.
 */
export function fingerprint(rule: string, identity: readonly string[]): string {
  return `${rule}:${fnv1a64([rule, ...identity].join("\u0000"))}`;
}

const encoder = new TextEncoder();

/**
 * FNV-1a 64 in four 16-bit limbs: BigInt arithmetic was a tenth of a 40,000-finding lint.
 * The prime is 2^40 + 435, so multiplying is `h * 435 + (h << 40)`, limb by limb.
 */
export function fnv1a64(text: string): string {
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  const ascii = !/[^\x00-\x7f]/.test(text);
  const bytes = ascii ? undefined : encoder.encode(text);
  const length = bytes ? bytes.length : text.length;
  for (let i = 0; i < length; i++) {
    h0 ^= bytes ? bytes[i]! : text.charCodeAt(i);
    const t0 = h0 * 435;
    const t1 = h1 * 435 + (t0 >>> 16);
    const t2 = h2 * 435 + (h0 << 8) + (t1 >>> 16);
    h3 = (h3 * 435 + (h1 << 8) + (t2 >>> 16)) & 0xffff;
    h2 = t2 & 0xffff;
    h1 = t1 & 0xffff;
    h0 = t0 & 0xffff;
  }
  return hex4(h3) + hex4(h2) + hex4(h1) + hex4(h0);
}

function hex4(limb: number): string {
  return limb.toString(16).padStart(4, "0");
}
