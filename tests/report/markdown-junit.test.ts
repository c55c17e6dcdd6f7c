import { describe, expect, it } from "vitest";
import { formatMarkdown } from "../../analyzer/report/markdown.js";
import { formatJunit } from "../../analyzer/report/junit.js";
import { renderCases, GOLDEN_RULES } from "./report-cases.js";

describe("markdown reporter", () => {
  const cases = renderCases();

  it("with a baseline, tables only new findings and says what is stale", () => {
    const md = cases["estate-baselined"]!.files["estate-baselined.md"]!;
    const newTable = md.slice(md.indexOf("### New findings"), md.indexOf("### Loop walks"));
    expect(newTable.match(/^\| 🟠/gm)?.length).toBe(1);
    expect(newTable).toContain("pricing learns from data its own outputs change");
    expect(md).toContain("Baseline: 4 still present, 1 stale, 1 new.");
    expect(md).toContain("`hidden-feedback-loop` ads, bidding");
  });

  it("shows acknowledged findings with their reason, and loop walks", () => {
    const md = cases["estate"]!.files["estate.md"]!;
    expect(md).toContain("Bandit exploration keeps 5% of traffic unbiased. (until 2027-06-30)");
    expect(md).toMatch(/- `hidden-feedback-loop` pricing, recommender: .*→.*/);
    expect(md.startsWith("## ❌ Loopscope: 1 error, 1 warning, 3 info")).toBe(true);
    expect(cases["clean"]!.files["clean.md"]!.startsWith("## ✅ Loopscope: no findings")).toBe(true);
  });

  it("escapes pipes and HTML in cells, and caps long tables", () => {
    const { report } = cases["estate"]!.analysis;
    const tricky = { ...report, findings: report.findings.map((f) => ({ ...f, message: "a | b <script>\nc" })) };
    const md = formatMarkdown(tricky, { maxRows: 2 });
    expect(md).toContain("a \\| b &lt;script> c");
    expect(md).not.toContain("<script>");
    expect(md).toMatch(/… and \d+ more/);
  });
});

describe("junit reporter", () => {
  const { report } = renderCases()["estate"]!.analysis;

  it("has one test case per rule; only rules with failing findings fail", () => {
    const xml = formatJunit(report, { rules: GOLDEN_RULES });
    expect(xml.match(/<testcase /g)?.length).toBe(GOLDEN_RULES.length);
    expect(xml).toMatch(/<testsuite name="loopscope" tests="5" failures="1"/);
    expect(xml).toMatch(/<testcase name="hidden-feedback-loop"[^>]*>\s*<failure/);
    expect(xml).toMatch(/<testcase name="unknown-reference"[^>]*\/>/);
  });

  it("follows failOn like the lint exit code", () => {
    expect(formatJunit(report, { rules: GOLDEN_RULES, failOn: "warning" })).toMatch(/failures="2"/);
    expect(formatJunit(report, { rules: GOLDEN_RULES, failOn: "info" })).toMatch(/failures="4"/);
    expect(formatJunit(report, { rules: GOLDEN_RULES, failOn: "never" })).toMatch(/failures="0"/);
  });

  it("escapes XML and lists every catalogue rule by default", () => {
    const tricky = { ...report, findings: report.findings.map((f) => ({ ...f, message: `<"&'>\u0001` })) };
    const xml = formatJunit(tricky);
    expect(xml).toContain("&lt;&quot;&amp;'&gt;");
    expect(xml).not.toContain("\u0001");
    expect(xml).toMatch(/<testcase name="duplicate-name"/);
  });
});
