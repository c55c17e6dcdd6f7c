import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import { runCli } from "../helpers/run-cli.js";
import { EXTERNAL } from "../lineage/helpers.js";

const SEED = join(EXTERNAL, "marquez/metadata.template.json");
const MODELS = "^(delivery_times_7_days|orders_popular_day_of_week)$";

function readDir(dir: string) {
  return readdirSync(dir).sort().map((name) => ({ path: name, text: readFileSync(join(dir, name), "utf8") }));
}

describe("loopscope import", () => {
  it("imports the Marquez seed; two hand-added influences lines close a loop that lint reports, and survive a re-import", () => {
    const out = mkdtempSync(join(tmpdir(), "loopscope-import-"));
    const first = runCli(["import", "openlineage", SEED, "--out", out, "--models", MODELS]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^imported 2 model\(s\), 11 service\(s\), 10 dataset\(s\) into .*: 1 file\(s\) created, 0 updated\n$/);
    const path = join(out, "food_delivery.yaml");
    const before = analyze(readDir(out)).report;
    expect(before.findings.filter((f) => f.rule.endsWith("feedback-loop"))).toEqual([]);

    // The two lines a team adds: what the popular-days output and the discount emails change.
    const text = readFileSync(path, "utf8")
      .replace("      name: public.popular_orders_day_of_week\n", "      name: public.popular_orders_day_of_week\n    influences: [public.orders]\n")
      .replace("name: email_discounts\n", "name: email_discounts\ninfluences: [public.orders]\n");
    writeFileSync(path, text);
    const after = analyze(readDir(out)).report;
    const loop = after.findings.find((f) => f.rule === "hidden-feedback-loop");
    expect(loop).toMatchObject({ severity: "error", models: ["delivery_times_7_days", "orders_popular_day_of_week"] });
    expect(loop!.locations.some((l) => l.file === "food_delivery.yaml")).toBe(true);

    const again = runCli(["import", "openlineage", SEED, "--out", out, "--models", MODELS]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 file\(s\) created, 0 updated, 1 unchanged\n$/);
    expect(readFileSync(path, "utf8")).toBe(text);
  });

  it("imports the whole external OpenLineage and Marquez folders, reporting what it skips with positions", () => {
    const out = mkdtempSync(join(tmpdir(), "loopscope-import-"));
    const result = runCli(["import", "openlineage", join(EXTERNAL, "openlineage"), join(EXTERNAL, "marquez"), "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/imported 0 model\(s\), 29 service\(s\), 43 dataset\(s\) into .*: 13 file\(s\) created/);
    expect(result.stderr).toMatch(/LineageFacet\/implicit-job\.json:6:7: an implicit JOB entry/);
    expect(readdirSync(out)).toHaveLength(13);
  });

  it("imports dbt jaffle_shop", () => {
    const out = mkdtempSync(join(tmpdir(), "loopscope-import-"));
    const result = runCli(["import", "dbt", join(EXTERNAL, "openlineage/dbt-jaffle_shop/manifest.json"), "--out", out, "--namespace", "postgres://postgres:5432"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(readFileSync(join(out, "jaffle_shop.yaml"), "utf8")).toContain("namespace: postgres://postgres:5432\n  name: postgres.public.customers\n");
  });

  it("usage mistakes are one line and exit 2", () => {
    expect(runCli(["import", "openlineage", SEED])).toMatchObject({ code: 2, stderr: "loopscope import: --out DIR is required (the folder the manifests are written to)\n" });
    expect(runCli(["import", "csv", SEED, "--out", "x"]).code).toBe(2);
    const bad = runCli(["import", "openlineage", SEED, "--out", tmpdir(), "--models", "("]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^loopscope import: --models: not a regular expression: \(/);
  });

  it("a mapping file marks models and renames jobs; its mistakes are positioned", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-import-"));
    writeFileSync(join(dir, "mapping.yaml"), "models: ['^delivery_times']\nnames:\n  delivery_times_7_days: delivery-eta\n");
    const ok = runCli(["import", "openlineage", SEED, "--out", join(dir, "out"), "--mapping", join(dir, "mapping.yaml")]);
    expect(ok.code).toBe(0);
    const text = readFileSync(join(dir, "out/food_delivery.yaml"), "utf8");
    expect(text).toContain("kind: Model\nname: delivery-eta\n");
    expect(text).toContain("  - delivery-eta/public.top_delivery_times\n");
    writeFileSync(join(dir, "bad.yaml"), "models: ['x']\nnames:\n  a: 'not a name!'\n");
    const bad = runCli(["import", "openlineage", SEED, "--out", join(dir, "out"), "--mapping", join(dir, "bad.yaml")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:3:6: must start with a letter or digit/);
  });

  it("two jobs mapped to one name: the second is numbered, and the notice points at both mapping entries", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-import-"));
    const event = (job: string) => ({ eventType: "COMPLETE", run: { runId: job }, job: { namespace: "airflow", name: job }, inputs: [{ namespace: "pg", name: "orders" }], outputs: [{ namespace: "pg", name: `scores_${job}` }] });
    writeFileSync(join(dir, "events.ndjson"), `${JSON.stringify(event("score_v1"))}\n${JSON.stringify(event("score_v2"))}\n`);
    writeFileSync(join(dir, "mapping.yaml"), "names:\n  score_v1: scorer\n  score_v2: scorer\n");
    const run = runCli(["import", "openlineage", "events.ndjson", "--out", "out", "--mapping", "mapping.yaml"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("mapping.yaml:3:3: job airflow/score_v1 and job airflow/score_v2 are both mapped to scorer (mapping.yaml:2:3 and mapping.yaml:3:3); a name names one document, so job airflow/score_v2 is imported as scorer-2 (map it to a name of its own)\n");
    expect(readFileSync(join(dir, "out/airflow.yaml"), "utf8")).toMatch(/name: scorer\n[^]*name: scorer-2\n/);
    expect(runCli(["lint", "out"], { cwd: dir }).code).toBe(0);
  });

  it("says when one namespace's file holds more documents than lint reads from one file", () => {
    const out = mkdtempSync(join(tmpdir(), "loopscope-import-many-"));
    const inputs = Array.from({ length: 20_001 }, (_, i) => ({ namespace: "db", name: `t${i}` }));
    const event = { eventType: "COMPLETE", eventTime: "2026-11-01T00:00:00Z", run: { runId: "0193c1a0-0000-7000-8000-000000000001" }, job: { namespace: "ns", name: "etl" }, inputs, outputs: [], producer: "test", schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent" };
    writeFileSync(join(out, "events.json"), JSON.stringify(event));
    const result = runCli(["import", "openlineage", "events.json", "--out", "estate"], { cwd: out });
    expect(result.code).toBe(0);
    // The 20,001 tables go to their namespace's file, db.yaml.
    expect(result.stderr).toMatch(/^estate\/db\.yaml: holds 20,001 documents, more than lint reads from one file \(20,000\): the 1 after them will not be analysed;/m);
  }, 60_000);

  it("refuses patterns that can backtrack for hours on a long job name, at their position", () => {
    // `^(\w+-)*model$` against a 40-character job name that does not match took longer than any test runs.
    const dir = mkdtempSync(join(tmpdir(), "loopscope-import-"));
    writeFileSync(join(dir, "mapping.yaml"), "models:\n  - '^ml-.*$'\nservices:\n  - '^(\\w+-)*model$'\n");
    const mapped = runCli(["import", "openlineage", SEED, "--out", join(dir, "out"), "--mapping", join(dir, "mapping.yaml")]);
    expect(mapped.code).toBe(2);
    expect(mapped.stderr).toMatch(/mapping\.yaml:4:5: \^\(\\w\+-\)\*model\$: a repeated group holds a repetition itself \(near character \d+\), which can take exponential time/);
    const flag = runCli(["import", "openlineage", SEED, "--out", join(dir, "out"), "--models", "(a+)+$"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^loopscope import: --models: \(a\+\)\+\$: a repeated group holds a repetition itself/);
    // Repetition at one level, or bounded inside, is fine.
    for (const pattern of ["^(ranker|pricer)-\\d+$", "(a{1,3})+", "[(]+x", "\\(a+\\)+"]) {
      expect(runCli(["import", "openlineage", SEED, "--out", join(dir, "ok"), "--models", pattern]).code, pattern).toBe(0);
    }
  });
});

describe("loopscope import writes what it can and says what it could not", () => {
  const events = [
    '{"eventType":"COMPLETE","run":{"runId":"r1"},"job":{"namespace":"aaa","name":"j1"},"inputs":[{"namespace":"aaa","name":"a"}],"outputs":[{"namespace":"aaa","name":"b"}]}',
    '{"eventType":"COMPLETE","run":{"runId":"r2"},"job":{"namespace":"zzz","name":"j2"},"inputs":[{"namespace":"zzz","name":"c"}],"outputs":[{"name":"nonamespace"}]}',
    '{"this line is broken',
  ].join("\n");

  it("a file that cannot be written: the others are, the bad events are still named, exit 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-import-fail-"));
    writeFileSync(join(dir, "ev.ndjson"), events);
    mkdirSync(join(dir, "out"));
    // A link to a folder that does not exist stands where aaa.yaml goes.
    symlinkSync("/nonexistent/folder/aaa.yaml", join(dir, "out", "aaa.yaml"));
    const result = runCli(["import", "openlineage", "ev.ndjson", "--out", "out"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        "ev.ndjson:2:137: dataset has no `namespace` (a non-empty string); dataset skipped",
        "ev.ndjson:3:22: invalid JSON: unterminated string",
        "cannot write out/aaa.yaml: no such file or folder (ENOENT)",
        "loopscope import: 1 of 2 manifest files could not be written (above); 1 was written or already up to date",
        "",
      ].join("\n"),
    );
    expect(readFileSync(join(dir, "out", "zzz.yaml"), "utf8")).toContain("name: j2");
  });

  it("lint --lineage with the events just imported finds every job, also those the import named otherwise", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-import-jobs-"));
    const run = (id: string, namespace: string, name: string, input: string, output: string) =>
      JSON.stringify({ eventType: "COMPLETE", eventTime: "2024-01-01T00:00:00Z", run: { runId: id }, job: { namespace, name }, inputs: [{ namespace: "db", name: input }], outputs: [{ namespace: "db", name: output }] });
    // "mailer" runs in two namespaces (imported as prod.mailer and dev.mailer); "Scorer!" is cleaned; "notify" is renamed by the mapping.
    const lines = [run("r1", "prod", "train", "events", "scores"), run("r2", "prod", "mailer", "scores", "sent"), run("r3", "dev", "mailer", "test_scores", "test_sent"), run("r4", "prod", "notify", "scores", "pings")];
    writeFileSync(join(dir, "ev.ndjson"), lines.join("\n"));
    writeFileSync(join(dir, "map.yaml"), "names:\n  notify: push-sender\n");
    const imported = runCli(["import", "openlineage", "ev.ndjson", "--out", "out", "--models", "^train$", "--mapping", "map.yaml"], { cwd: dir });
    expect(imported.code).toBe(0);
    const prod = readFileSync(join(dir, "out", "prod.yaml"), "utf8");
    expect(prod).toContain("name: prod.mailer\n");
    expect(prod).toContain("lineage:\n  namespace: prod\n  name: mailer\n");
    expect(prod).toContain("name: push-sender\n");
    // The model kept its own name: no identity written for it.
    expect(prod).not.toContain("lineage:\n  namespace: prod\n  name: train\n");
    const lint = runCli(["lint", "out", "--lineage", "ev.ndjson", "-f", "json"], { cwd: dir });
    const report = JSON.parse(lint.stdout) as { findings: { rule: string; message: string }[] };
    expect(report.findings.filter((f) => f.rule !== "missing-owner").map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });

  it("merges a re-import into the file a document was moved to, instead of declaring it again", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-import-moved-"));
    const run = (id: string, inputs: string[]) => JSON.stringify({ eventType: "COMPLETE", eventTime: "2024-01-01T00:00:00Z", run: { runId: id }, job: { namespace: "prod", name: "train" }, inputs: inputs.map((name) => ({ namespace: "db", name })), outputs: [{ namespace: "db", name: "scores" }] });
    writeFileSync(join(dir, "ev.ndjson"), run("r1", ["events"]));
    expect(runCli(["import", "openlineage", "ev.ndjson", "--out", "out", "--models", "^train$"], { cwd: dir }).code).toBe(0);
    // The team moves the model into a file of its own and adds monitoring.
    const prod = readFileSync(join(dir, "out", "prod.yaml"), "utf8");
    const [header, model] = prod.split(/\n(?=apiVersion: loopscope\/v1\nkind: Model)/) as [string, string];
    expect(model).toContain("name: train\n");
    writeFileSync(join(dir, "out", "prod.yaml"), header.replace(/\n---\n?$/, "\n"));
    writeFileSync(join(dir, "out", "train.yaml"), `${model.replace(/\n---\n[\s\S]*$/, "\n").trimEnd()}\nmonitoring:\n  drift: true\n`);
    writeFileSync(join(dir, "ev.ndjson"), [run("r1", ["events"]), run("r2", ["events", "clicks"])].join("\n"));
    const again = runCli(["import", "openlineage", "ev.ndjson", "--out", "out", "--models", "^train$"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, "out", "prod.yaml"), "utf8")).not.toContain("name: train\n");
    const moved = readFileSync(join(dir, "out", "train.yaml"), "utf8");
    expect(moved).toContain("drift: true");
    expect(moved).toContain("- clicks");
    const lint = JSON.parse(runCli(["lint", "out", "-f", "json"], { cwd: dir }).stdout) as { findings: { rule: string }[] };
    expect(lint.findings.map((f) => f.rule)).not.toContain("duplicate-name");

    // Moved into a JSON manifest: the merge writes YAML, so that file is left as it is, with a notice.
    const json = JSON.stringify({ apiVersion: "loopscope/v1", kind: "Model", name: "train", inputs: ["events"], outputs: [{ name: "scores" }] }, null, 2);
    rmSync(join(dir, "out", "train.yaml"));
    writeFileSync(join(dir, "out", "train.json"), json);
    writeFileSync(join(dir, "ev.ndjson"), [run("r1", ["events"]), run("r2", ["events", "views"])].join("\n"));
    const third = runCli(["import", "openlineage", "ev.ndjson", "--out", "out", "--models", "^train$"], { cwd: dir });
    expect(third.code).toBe(0);
    expect(third.stderr).toContain("out/train.json: train is declared in this JSON manifest, which the import does not rewrite");
    expect(readFileSync(join(dir, "out", "train.json"), "utf8")).toBe(json);
    expect(readFileSync(join(dir, "out", "prod.yaml"), "utf8")).not.toContain("name: train\n");
  });

  it("leaves a manifest that is not UTF-8 unchanged instead of merging into it, and says where", () => {
    const dir = mkdtempSync(join(tmpdir(), "loopscope-import-latin1-"));
    writeFileSync(join(dir, "ev.ndjson"), events.split("\n")[0]!);
    mkdirSync(join(dir, "out"));
    const latin1 = Buffer.concat([Buffer.from("apiVersion: loopscope/v1\nkind: Dataset\nname: a\ndescription: Caf"), Buffer.from([0xe9]), Buffer.from("\n")]);
    writeFileSync(join(dir, "out", "aaa.yaml"), latin1);
    const result = runCli(["import", "openlineage", "ev.ndjson", "--out", "out"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("out/aaa.yaml:4:17: cannot merge the import into this file (not valid UTF-8 text (byte 0xe9 at offset 63)); left unchanged\n");
    expect(readFileSync(join(dir, "out", "aaa.yaml")).equals(latin1)).toBe(true);
  });
});
