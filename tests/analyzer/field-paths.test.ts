import { describe, expect, it } from "vitest";
import { FieldPaths } from "../../analyzer/graph/field-paths.js";

describe("shared field paths", () => {
  it("gives one frozen array per distinct path, with the segments in order", () => {
    const paths = new FieldPaths();
    const a = paths.of("outputs", 1, "consumers", 0);
    expect(a).toEqual(["outputs", 1, "consumers", 0]);
    expect(paths.of("outputs", 1, "consumers", 0)).toBe(a);
    expect(paths.of("outputs", 1, "consumers", 1)).not.toBe(a);
    expect(paths.of("outputs", 1, "consumers")).toEqual(["outputs", 1, "consumers"]);
    expect(paths.of("inputs", 3)).toEqual(["inputs", 3]);
    expect(paths.of("name")).toEqual(["name"]);
    // A number and a string that print alike are different segments.
    expect(paths.of("inputs", "3" as unknown as number)).not.toBe(paths.of("inputs", 3));
    expect(Object.isFrozen(a)).toBe(true);
    expect(() => (a as unknown as unknown[]).push(1)).toThrow(TypeError);
  });

  it("keeps names of object internals as plain segments", () => {
    const paths = new FieldPaths();
    expect(paths.of("__proto__", 0)).toEqual(["__proto__", 0]);
    expect(paths.of("constructor")).toEqual(["constructor"]);
    expect(paths.of("toString", 2, "hasOwnProperty")).toEqual(["toString", 2, "hasOwnProperty"]);
  });

  it("is one table per analysis: another table shares nothing", () => {
    expect(new FieldPaths().of("inputs", 0)).not.toBe(new FieldPaths().of("inputs", 0));
  });
});
