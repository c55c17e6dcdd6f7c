import type { Selection } from "../model/highlight.js";

/**
 * The URL hash keeps the selection (and the bundled sample, if one is loaded), so a link
 * can be shared with a teammate who loads the same files: #sample=bike-shop&finding=<fingerprint>.
 */
export interface HashState {
  sample?: string | undefined;
  finding?: string | undefined;
  node?: string | undefined;
}

/**
 * The hash as the app last read or wrote it. A hash typed into the address bar while an
 * estate loads fires its hashchange a moment later: a write in between (the loaded sample's
 * own hash) would replace it before it was read, and what the user asked last was lost.
 */
let known: string | null = null;

export function readHash(): HashState {
  known = window.location.hash.slice(1);
  const params = new URLSearchParams(known);
  const state: HashState = {};
  for (const key of ["sample", "finding", "node"] as const) {
    const value = params.get(key);
    if (value) state[key] = value;
  }
  return state;
}

export function writeHash({ selection, sample }: { selection: Selection; sample?: string | undefined }): void {
  const params = new URLSearchParams();
  if (sample) params.set("sample", sample);
  if (selection?.type === "finding") params.set("finding", selection.fingerprint);
  if (selection?.type === "node") params.set("node", selection.id);
  const hash = params.toString();
  const current = window.location.hash.slice(1);
  // Changed from outside and not read yet: its hashchange handler comes next and decides.
  if (known !== null && current !== known) return;
  if (hash !== current) window.history.replaceState(null, "", hash ? `#${hash}` : window.location.pathname + window.location.search);
  known = hash;
}
