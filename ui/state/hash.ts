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

export function readHash(): HashState {
  const params = new URLSearchParams(window.location.hash.slice(1));
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
  if (hash !== window.location.hash.slice(1)) window.history.replaceState(null, "", hash ? `#${hash}` : window.location.pathname + window.location.search);
}
