import { describe, expect, it } from "vitest";
import { nestedRepetition } from "../../src/io/regex-risk.js";

// Import patterns run against job names other systems wrote; JavaScript cannot stop a match.
describe("patterns that can backtrack for hours are refused", () => {
  it("a repeated group whose alternatives can start alike", () => {
    // /^(\w|\d)+$/ on 24 digits and a "!" took 154 ms here, doubling with each digit more.
    for (const pattern of ["(a|a)*", "^(\\w|\\d)+$", "(a|ab)*", "^(x|[a-z])+$", "(.|a)*", "(?:foo|fo)+", "([0-9]|\\d)*", "(a?b|b)+", "(\\s|[ \\t])*", "(\\n|\\s)+", "((a)|(a))+", "((?:ab)|a)*", "((a|b)|a)+", "((?=a)a|b)+", "(()|a)+", "((a)?|a)+"]) {
      expect(nestedRepetition(pattern), pattern).toMatch(/^a repeated group has alternatives that can start with the same character \(near character \d+\)/);
    }
  });

  it("reads groups at the start of an alternative only so deep, and answers quickly however deep they go", () => {
    // 5,000 nested groups overflowed the stack when each level was read.
    const deep = `(${"(".repeat(5000)}a${")".repeat(5000)}|b)+`;
    expect(() => new RegExp(deep)).not.toThrow();
    expect(nestedRepetition(deep)).toMatch(/^a repeated group has alternatives that can start with the same character/);
    const shallow = `(${"(".repeat(10)}a${")".repeat(10)}|b)+`;
    expect(nestedRepetition(shallow)).toBeUndefined();
  });

  it("a repeated group that repeats inside", () => {
    for (const pattern of ["(a+)+", "^(\\w+-)*model$", "(x{1,}y)*"]) expect(nestedRepetition(pattern), pattern).toMatch(/^a repeated group holds a repetition itself/);
  });

  it("more than two unbounded repetitions in all (polynomial: ^.*-.*-.*-.*-model$ took 18.6 s on an 800-character name)", () => {
    for (const pattern of ["^.*-.*-.*-.*-model$", "^\\w*\\w*\\w*\\w*\\w*\\w*!$", "a+b+c{2,}", "x{1,100}y*z*"]) {
      expect(nestedRepetition(pattern), pattern).toMatch(/^it has \d+ unbounded repetitions \(\*, \+ or \{n,\}\)/);
    }
    for (const pattern of ["^.*-.*-model$", "^[a-z]+-[a-z]{0,16}-[a-z]{1,16}-[a-z]+$", "a{3}b*c+"]) expect(nestedRepetition(pattern), pattern).toBeUndefined();
  });

  it("but not exclusive alternatives, classes, bounded or escaped repetition", () => {
    for (const pattern of ["(a|b)*", "(\\w|-)+", "^(ranker|pricer)-\\d+$", "(.|\\n)*", "(?:foo|bar)+", "([a-f]|[0-9])+", "(\\d|-|\\.)+", "[(]+x", "(a|b|)+", "^ml-.*$", "(a{1,3})+", "\\(a+\\)+", "(a|b)", "((foo)|(bar))+", "((?:x|y)z|w)+", "(?:(?:ml|dl)-|etl-)+"]) {
      expect(nestedRepetition(pattern), pattern).toBeUndefined();
    }
  });
});
