import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildWorkspace } from "../../analyzer/db/index.js";
import { loadSqlJs } from "../../src/io/database-file.js";
import { analyzeDocs, dataset, filesOf, model } from "../helpers/estate.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOnToday } from "../helpers/run-cli.js";
import { HAS_SQLITE3, sqlite3Json } from "../db/sqlite3.js";
import { lastWorkspaceLabel, openPage, startUi, step, type UiSession, uiState, waitForAnalysis } from "./browser.js";

describe("the SQL console and the workspace file in Chromium", () => {
  let server: { baseUrl: string; stop: () => void };
  let session: UiSession;
  const dir = mkdtempSync(join(tmpdir(), "loopscope-sql-e2e-"));

  beforeAll(async () => {
    server = await startUi();
    session = await openPage(server.baseUrl);
  }, 240_000);

  afterAll(async () => {
    await session?.close();
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs the example queries, sorts, exports CSV, selects a node from a row and survives SQL errors", { timeout: 120_000 }, async () => {
    const { page } = session;
    const bikeFindings = (JSON.parse(runCliOnToday(["lint", "samples/bike-shop", "-f", "json"]).stdout) as { findings: unknown[] }).findings.length;
    const column = (index: number) => page.$$eval(`[data-testid="sql-result"] tbody tr td:nth-child(${index})`, (tds) => tds.map((td) => td.textContent ?? ""));

    await step(page, "sql-open", async () => {
      await page.goto(`${server.baseUrl}/#sample=bike-shop`);
      await waitForAnalysis(page);
      expect(Number((await uiState(page))["findings"])).toBe(bikeFindings);
      await page.getByRole("button", { name: "SQL" }).click();
      await page.getByTestId("sql-result").waitFor();
      // The first example runs at once: discovery and pricing share purchases.
      expect(await column(1)).toEqual(["order-events", "purchases", "web-events"]);
      expect(await page.locator(".sql-schema").textContent()).toContain("finding_nodes");
    });

    await step(page, "sql-example-sort", async () => {
      await page.locator(".sql-examples").selectOption("datasets-feeding-loops");
      await expect.poll(() => column(1)).toContain("competitor-prices");
      await page.locator('[data-testid="sql-result"] th button', { hasText: "dataset" }).click(); // ascending
      const names = await column(1);
      expect(names).toEqual([...names].sort());
      await page.locator('[data-testid="sql-result"] th button', { hasText: "dataset" }).click(); // descending
      expect(await column(1)).toEqual([...names].reverse());
    });

    await step(page, "sql-csv", async () => {
      await page.locator(".sql-editor").fill("SELECT id, kind FROM nodes WHERE kind = 'model' ORDER BY id");
      await page.locator(".sql-run").click();
      await expect.poll(() => column(1)).toEqual(["bike-recommender", "demand-forecast", "dynamic-pricing", "fraud-score"]);
      const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".sql-csv").click()]);
      const path = await download.path();
      expect(readFileSync(path, "utf8")).toBe("id,kind\r\nbike-recommender,model\r\ndemand-forecast,model\r\ndynamic-pricing,model\r\nfraud-score,model\r\n");
    });

    await step(page, "sql-error", async () => {
      await page.locator(".sql-editor").fill("SELECT * FROM no_such_table");
      await page.locator(".sql-editor").press("Control+Enter");
      await expect.poll(() => page.locator(".sql-console .sql-error").textContent()).toContain("no such table: no_such_table");
      await page.locator(".sql-editor").fill("DELETE FROM nodes");
      await page.locator(".sql-run").click();
      await expect.poll(() => page.locator(".sql-console .sql-error").textContent()).toContain("readonly");
      await page.locator(".sql-editor").fill("SELECT count(*) AS n FROM nodes WHERE kind = 'model'");
      await page.locator(".sql-run").click();
      await expect.poll(() => column(1)).toEqual(["4"]);
      expect(await page.locator(".sql-console .sql-error").count()).toBe(0);
    });

    await step(page, "sql-runaway", async () => {
      const endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)";
      // Rows without end: the worker keeps 100,000, the page draws 1,000 and says so.
      await page.locator(".sql-editor").fill(`${endless} SELECT x FROM c`);
      await page.locator(".sql-run").click();
      await expect.poll(() => page.getByTestId("sql-row-count").textContent(), { timeout: 30_000 }).toContain("more than 100,000 rows");
      expect(await page.locator('[data-testid="sql-result"] tbody tr').count()).toBe(1000);
      expect(await page.getByTestId("sql-row-count").textContent()).toContain("1,000 rows shown");
      // No rows and no end: Escape (or Cancel) ends the worker; the next query runs on a new one.
      await page.locator(".sql-editor").fill(`${endless} SELECT count(*) FROM c`);
      await page.locator(".sql-editor").press("Control+Enter");
      await page.locator(".sql-cancel").waitFor();
      await page.locator(".sql-editor").press("Escape");
      await expect.poll(() => page.locator(".sql-console [role=status]").first().textContent()).toContain("Query cancelled");
      expect(await page.locator(".sql-cancel").count()).toBe(0);
      // The 100,000 rows of the query before are not left under "Query cancelled" as if they were its.
      expect(await page.getByTestId("sql-result").count()).toBe(0);
      await page.locator(".sql-editor").fill("SELECT count(*) AS n FROM nodes WHERE kind = 'model'");
      await expect.poll(() => page.locator(".sql-run").isEnabled(), { timeout: 30_000 }).toBe(true);
      await page.locator(".sql-run").click();
      await expect.poll(() => column(1)).toEqual(["4"]);
      expect(await page.locator(".sql-console .sql-error").count()).toBe(0);
    });

    await step(page, "sql-own-query-kept", async () => {
      // Going through the examples (arrow keys on the picker do) does not lose the query typed.
      const own = "SELECT count(*) AS n FROM nodes WHERE kind = 'model'";
      await page.locator(".sql-examples").selectOption("unmonitored-loop-models");
      expect(await page.locator(".sql-editor").inputValue()).not.toBe(own);
      await page.locator(".sql-examples").selectOption("");
      expect(await page.locator(".sql-editor").inputValue()).toBe(own);
    });

    await step(page, "sql-select-node", async () => {
      await page.locator(".sql-examples").selectOption("unmonitored-loop-models");
      await expect.poll(() => column(1)).toContain("dynamic-pricing");
      await page.locator('[data-testid="sql-result"] tbody tr', { hasText: "dynamic-pricing" }).click();
      await expect.poll(async () => (await uiState(page))["selection"]).toBe(JSON.stringify({ type: "node", id: "dynamic-pricing" }));
    });

    await step(page, "sql-kept", async () => {
      // Back from the graph: the query and its rows are still there, the database not built again.
      expect((await uiState(page))["view"]).toBe("graph");
      await page.getByRole("button", { name: "SQL" }).click();
      expect(await page.locator(".sql-examples").inputValue()).toBe("unmonitored-loop-models");
      expect(await column(1)).toContain("dynamic-pricing");
      // The rows that select a node work from the keyboard too: their node's cell is a button.
      await page.locator('[data-testid="sql-result"]').getByRole("button", { name: "dynamic-pricing", exact: true }).first().focus();
      await page.keyboard.press("Enter");
      await expect.poll(async () => (await uiState(page))["view"]).toBe("graph");
      expect((await uiState(page))["selection"]).toBe(JSON.stringify({ type: "node", id: "dynamic-pricing" }));
    });

    expect(session.consoleErrors).toEqual([]);
  });

  it("saves the workspace as .sqlite, opens it again, and comes back after a reload", { timeout: 180_000 }, async () => {
    const { page } = session;
    const findings = async () => Number((await uiState(page))["findings"]);
    // A second workspace, written in Node with the same code the CLI uses: one model in a direct loop.
    const tinyDocs = [model("solo", { inputs: [{ from: "events", use: "training" }], outputs: [{ name: "out", influences: ["events"] }] }), dataset("events")];
    const tinyAnalysis = analyzeDocs(tinyDocs);
    const tinyDb = buildWorkspace(await loadSqlJs(), tinyAnalysis, filesOf(tinyDocs), "tiny estate");
    const tiny = join(dir, "tiny.sqlite");
    writeFileSync(tiny, tinyDb.export());
    tinyDb.close();
    const tinyFindings = tinyAnalysis.report.findings.length;

    await page.goto(`${server.baseUrl}/?visit=1#sample=bike-shop`);
    await waitForAnalysis(page);
    const bike = await findings();
    expect(tinyFindings).not.toBe(bike);

    const saved = await step(page, "workspace-save", async () => {
      // The host may keep the menu in a collapsed <details>; open it as a user would.
      await page.locator(".sql-save").evaluate((el) => el.closest("details")?.setAttribute("open", ""));
      const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".sql-save").click()]);
      expect(download.suggestedFilename()).toMatch(/\.sqlite$/);
      return download.path();
    });
    if (HAS_SQLITE3) {
      // Any SQLite client reads the saved workspace: the seven bike-shop files and the hidden loop.
      expect(sqlite3Json(saved, "SELECT count(*) AS n FROM sources")).toEqual([{ n: 7 }]);
      expect(sqlite3Json(saved, "SELECT models FROM loops WHERE kind = 'hidden'")).toEqual([{ models: "bike-recommender, demand-forecast, dynamic-pricing" }]);
    }

    await step(page, "workspace-open", async () => {
      // The workspace is read in a SQL worker: the page itself never starts sql.js's wasm (on
      // the page, a 63 MB workspace was one 2.2 s task).
      await page.evaluate(() => {
        const w = window as unknown as { __pageWasm: number };
        w.__pageWasm = 0;
        for (const name of ["instantiate", "instantiateStreaming", "compile", "compileStreaming"] as const) {
          const original = WebAssembly[name] as (...args: unknown[]) => unknown;
          (WebAssembly as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
            w.__pageWasm++;
            return original.apply(WebAssembly, args);
          };
        }
      });
      await page.getByTestId("workspace-file").setInputFiles(tiny);
      await expect.poll(findings).toBe(tinyFindings);
      expect(await page.getByTestId("workspace-menu").textContent()).toContain('Opened "tiny estate"');
      await page.getByTestId("workspace-file").setInputFiles(saved);
      await expect.poll(findings).toBe(bike);
      expect(await page.evaluate(() => (window as unknown as { __pageWasm: number }).__pageWasm)).toBe(0);
    });

    await step(page, "workspace-reload", async () => {
      // The last workspace is kept in IndexedDB: open the tiny one, reload with no sample in the
      // URL (the app would start on bike-shop), and the tiny estate comes back.
      await page.getByTestId("workspace-file").setInputFiles(tiny);
      await expect.poll(findings).toBe(tinyFindings);
      // Persisted 300 ms after the sources change (later on a busy machine: wait for it).
      await expect.poll(() => lastWorkspaceLabel(page), { timeout: 20_000 }).toBe("tiny estate");
      await page.goto(`${server.baseUrl}/?visit=2`);
      await waitForAnalysis(page);
      await expect.poll(findings, { timeout: 20_000 }).toBe(tinyFindings);
      await expect.poll(() => page.getByTestId("workspace-menu").textContent()).toContain('Restored "tiny estate"');
    });

    await step(page, "workspace-bad-file", async () => {
      const junk = join(dir, "junk.sqlite");
      writeFileSync(junk, "not a database ".repeat(200));
      await page.getByTestId("workspace-file").setInputFiles(junk);
      await expect.poll(() => page.getByTestId("workspace-menu").textContent()).toContain("not a SQLite database");
      expect(await findings()).toBe(tinyFindings);
    });

    await step(page, "workspace-slow-read-then-sample", async () => {
      // A big workspace takes seconds to read; a sample picked meanwhile is what the user wants last.
      await page.evaluate(() => {
        const read = File.prototype.arrayBuffer;
        File.prototype.arrayBuffer = function (this: File) {
          return new Promise<ArrayBuffer>((done) => setTimeout(() => done(read.call(this)), 1500));
        };
      });
      await page.getByTestId("workspace-file").setInputFiles(saved);
      await page.getByLabel("Sample estate").selectOption("ride-hailing");
      await expect.poll(() => page.getByTestId("workspace-menu").textContent(), { timeout: 20_000 }).toContain("was not opened: another estate was loaded while it was read");
      await waitForAnalysis(page);
      expect(await page.getByLabel("Sample estate").inputValue()).toBe("ride-hailing");
      expect(await findings()).not.toBe(bike);
    });

    expect(session.consoleErrors).toEqual([]);
  });
});
