import { describe, expect, it } from "vitest";
import { queryErrorMessage } from "../../ui/sql/query-error.js";

describe("the SQL console's error for a failed query", () => {
  it("says what to do when the result is too big to reach the page, and keeps SQLite's own messages", () => {
    const clone = Object.assign(new Error("Failed to execute 'postMessage' on 'DedicatedWorkerGlobalScope': Data cannot be cloned, out of memory."), { name: "DataCloneError" });
    expect(queryErrorMessage(clone)).toBe("the result is too large to show (100,000 rows at most, and they must fit in memory): select fewer or shorter columns, or add a LIMIT");
    expect(queryErrorMessage(new Error("no such table: nope"))).toBe("no such table: nope");
    expect(queryErrorMessage("near \"SELEC\": syntax error")).toBe('near "SELEC": syntax error');
  });
});
