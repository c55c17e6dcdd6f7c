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
    expect(md).toContain("a \\| b \\<script> c");
    expect(md).not.toContain(" <script>");
    expect(md).toMatch(/… and \d+ more/);
  });

  it("stays inside GitHub's comment limit: at most 10 names a cell, 40 steps a walk, 60,000 characters in all, with what was cut said", () => {
    const { report } = cases["estate"]!.analysis;
    const walk = Array.from({ length: 500 }, (_, i) => ({ from: `node-${i}`, to: `node-${i + 1}`, edge: "reads" as const }));
    const models = Array.from({ length: 300 }, (_, i) => `model-with-a-long-name-${i}`);
    // 2,000 loop findings of 300 models and a 500-step walk each: megabytes before the caps.
    const big = { ...report, findings: Array.from({ length: 2_000 }, (_, i) => ({ ...report.findings[0]!, rule: "hidden-feedback-loop", severity: "error" as const, models, path: walk, fingerprint: `x:${i}` })) };
    const few = formatMarkdown({ ...big, findings: big.findings.slice(0, 3) });
    expect(few).toContain("model-with-a-long-name-9 and 290 more");
    expect(few).toContain("node-40 → … (460 more steps)");
    const md = formatMarkdown(big, { maxRows: 2_000 });
    expect(md.length).toBeLessThanOrEqual(61_000);
    expect(md.trimEnd().split("\n").at(-1)).toMatch(/^… cut here to stay inside GitHub's comment limit \(65,536 characters\): \d+ more lines\. The text or JSON report has every finding\.$/);
    expect(md.match(/<details>/g)?.length ?? 0).toBe(md.match(/<\/details>/g)?.length ?? 0);
  });

  it("JUnit lists at most 2,000 findings a rule and says how many more (a text node over 10 MB is refused by libxml2)", () => {
    const { report } = cases["estate"]!.analysis;
    const many = { ...report, findings: Array.from({ length: 2_005 }, (_, i) => ({ ...report.findings[0]!, severity: "info" as const, fingerprint: `x:${i}` })) };
    const xml = formatJunit(many, { failOn: "error" });
    expect(xml).toContain("… and 5 more findings of this rule (the JSON report has every one)</system-out>");
    expect(xml.split("\n").length).toBeLessThan(2_100);
  });

  it("puts a file name in a code span it cannot leave, with nothing escaped inside but pipes", () => {
    const { report } = cases["estate"]!.analysis;
    const file = "m/a<b>&`[x](https:evil)`|.yaml";
    const tricky = { ...report, findings: report.findings.map((f) => ({ ...f, locations: [{ file, line: 3, column: 1 }] })) };
    const md = formatMarkdown(tricky);
    // Two backticks fence a name holding single ones; `<` stays `<` (no entity inside code).
    expect(md).toContain("| ``m/a<b>&`[x](https:evil)`\\|.yaml:3`` |");
    expect(md).not.toContain("&lt;");
    const edge = { ...report, findings: report.findings.map((f) => ({ ...f, locations: [{ file: "`a``.yaml", line: 1, column: 1 }] })) };
    expect(formatMarkdown(edge)).toContain("| ``` `a``.yaml:1 ``` |");
  });

  it("escapes Markdown in messages, reasons, walks and baseline entries", () => {
    const { report } = cases["estate"]!.analysis;
    const evil = "[x](https://evil) ![i](https://t/p.png) *b* ~s~ `c` <b> &amp; _u_ score_v1 www.e.com";
    const escaped = "\\[x\\](https\\://evil) !\\[i\\](https\\://t/p.png) \\*b\\* \\~s\\~ \\`c\\` \\<b> \\&amp; \\_u\\_ score_v1 www\\.e.com";
    const tricky = {
      ...report,
      findings: report.findings.map((f) => ({
        ...f,
        message: evil,
        path: f.path?.map((step) => ({ ...step, to: evil })),
        ...(f.acknowledged ? { acknowledged: { ...f.acknowledged, reason: evil } } : {}),
      })),
    };
    const stale = { rule: "r`x", models: [evil], fingerprint: "f", reason: "" };
    const md = formatMarkdown(tricky, { baseline: { stillPresent: 0, stale: [stale], new: 0, acknowledged: 0 } });
    expect(md).toContain(`| ${escaped} |`); // message cell
    expect(md).toContain(`| ${escaped} (until 2027-06-30) |`); // reason cell
    expect(md).toMatch(new RegExp(`→ ${escaped.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}$`, "m")); // walk
    expect(md).toContain(`\`\`r\`x\`\` ${escaped}.`); // stale entry: rule in a code span, names escaped
    expect(md).not.toMatch(/[^\\]\[x\]/);
  });

  it("does not mention people or reference issues from estate text (an owner written as a team handle would be pinged on every pull request)", () => {
    const { report } = cases["estate"]!.analysis;
    const text = "ask @acme/ml-team or @bob about #123; mail a@b.com; C# and #hash; see ml-platform/infra#123 and GH-45";
    const md = formatMarkdown({ ...report, findings: report.findings.map((f) => ({ ...f, message: text })) });
    expect(md).toContain("ask @\u200bacme/ml-team or @\u200bbob about #\u200b123; mail a@b.com; C# and #\u200bhash; see ml-platform/infra#\u200b123 and GH\u200b-45");
    expect(md).not.toMatch(/(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]/mu);
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

  it("keeps one line per finding and shows control and bidi characters as escapes, as the text report does", () => {
    const forged = (f: (typeof report.findings)[number]) => ({
      ...f,
      message: "ok\u009b31m \u202egnp.exe",
      locations: f.locations.map((l) => ({ ...l, file: "m.yaml:1:1 info: all clear\nDocs: evil.example\rx.yaml" })),
    });
    const xml = formatJunit({ ...report, findings: report.findings.map(forged) }, { failOn: "info" });
    expect(xml).toContain("m.yaml:1:1 info: all clear\\nDocs: evil.example\\rx.yaml:");
    expect(xml).toContain("ok\\x9b31m \\u202egnp.exe");
    expect(xml).not.toMatch(/[\u0080-\u009f\u202a-\u202e\r]/);
    expect(xml.split("\n").filter((line) => line.startsWith("Docs: evil"))).toEqual([]);
  });
});
