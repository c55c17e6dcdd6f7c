import { afterEach, describe, expect, it } from "vitest";
import { readHash, writeHash } from "../../ui/state/hash.js";

/** Just what hash.ts touches of the browser: the address and replaceState. */
function fakeWindow(hash: string) {
  const location = { hash, pathname: "/", search: "" };
  const history = { replaceState: (_state: unknown, _title: string, url: string) => void (location.hash = url.startsWith("#") ? url : "") };
  (globalThis as unknown as { window: unknown }).window = { location, history };
  return location;
}
afterEach(() => void delete (globalThis as unknown as { window?: unknown }).window);

describe("the URL hash", () => {
  it("is not overwritten by the app between a change from the address bar and its hashchange", () => {
    const location = fakeWindow("#sample=bike-shop");
    expect(readHash()).toEqual({ sample: "bike-shop" });
    // The user types a hash while ride-hailing (picked a moment ago) is being analysed…
    location.hash = "#sample=clean";
    // …and ride-hailing's result arrives first: its hash must not replace the typed one.
    writeHash({ selection: null, sample: "ride-hailing" });
    expect(location.hash).toBe("#sample=clean");
    // The hashchange handler reads it; from then on the app writes again.
    expect(readHash()).toEqual({ sample: "clean" });
    writeHash({ selection: { type: "node", id: "m" }, sample: "clean" });
    expect(location.hash).toBe("#sample=clean&node=m");
    writeHash({ selection: null, sample: undefined });
    expect(location.hash).toBe("");
  });
});
