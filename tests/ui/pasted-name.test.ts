import { describe, expect, it } from "vitest";
import { pastedName } from "../../ui/load/LoadBar.js";

describe("a pasted manifest's file name", () => {
  it("is the first pasted-N that no loaded file has, so a paste never replaces a picked file of that name", () => {
    expect(pastedName([], "yaml")).toBe("pasted-1.yaml");
    // A picked pasted-2.yaml and one earlier paste: counting "pasted-" files gave pasted-2 again.
    expect(pastedName([{ path: "pasted-2.yaml", text: "" }, { path: "other.yaml", text: "" }], "yaml")).toBe("pasted-1.yaml");
    expect(pastedName([{ path: "pasted-1.yaml", text: "" }, { path: "pasted-2.yaml", text: "" }], "json")).toBe("pasted-3.json");
    expect(pastedName([{ path: "pasted-1.json", text: "" }], "yaml")).toBe("pasted-2.yaml");
  });
});
