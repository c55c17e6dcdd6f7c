import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { writeHistory } from "./history-file.js";
import { openPage, startUi, step, uiState, waitForAnalysis, type UiSession } from "./browser.js";

interface HistoryFinding {
  fingerprint: string;
  rule: string;
}
interface HistoryJson {
  runs: { id: number; errors: number; warnings: number; infos: number }[];
  diff: { introduced: HistoryFinding[]; fixed: HistoryFinding[]; stillOpen: HistoryFinding[] };
}

const fingerprints = (list: HistoryFinding[]) => list.map((f) => f.fingerprint).sort();

describe("the history view in Chromium", () => {
  let server: { baseUrl: string; stop: () => void };
  let session: UiSession;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "loopscope-history-e2e-"));
    file = writeHistory(dir);
    server = await startUi();
    session = await openPage(server.baseUrl);
  }, 240_000);

  afterAll(async () => {
    await session?.close();
    server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("opens a history file written by lint --db: the chart and the diff tell the same story as `loopscope history`", { timeout: 120_000 }, async () => {
    const { page } = session;
    const cli = (args: string[]) => JSON.parse(runCli(["history", file, "--format", "json", ...args]).stdout) as HistoryJson;
    const lastTwo = cli([]);
    const firstToLast = cli(["--from", "1", "--to", "3"]);
    expect(lastTwo.runs).toHaveLength(3);
    expect(fingerprints(lastTwo.diff.fixed).length).toBeGreaterThan(0); // missing-owner goes away in run 3

    await step(page, "history-open", async () => {
      await page.goto(`${server.baseUrl}/#sample=bike-shop`);
      await waitForAnalysis(page);
      await page.getByRole("button", { name: "History", exact: true }).click();
      await page.getByTestId("history-file").setInputFiles(file);
      await page.getByTestId("history-chart").waitFor();
    });

    await step(page, "history-chart", async () => {
      const bars = page.locator('[data-testid="history-chart"] g[data-run]');
      expect(await bars.count()).toBe(3);
      // Each bar's segments carry the run's counts, and their heights are proportional to them.
      const segments = await page.$$eval('[data-testid="history-chart"] g[data-run] rect', (rects) =>
        rects.map((r) => ({ run: Number(r.parentElement?.getAttribute("data-run")), severity: r.getAttribute("data-severity"), count: Number(r.getAttribute("data-count")), height: Number(r.getAttribute("height")) })),
      );
      for (const run of lastTwo.runs) {
        const mine = segments.filter((s) => s.run === run.id);
        expect(Object.fromEntries(mine.map((s) => [s.severity, s.count]))).toEqual({ error: run.errors, warning: run.warnings, info: run.infos });
      }
      const perUnit = segments.filter((s) => s.count > 0).map((s) => s.height / s.count);
      expect(perUnit.length).toBeGreaterThan(3);
      for (const ratio of perUnit) expect(ratio).toBeCloseTo(perUnit[0]!, 5);
      expect((await page.getByTestId("history-chart").boundingBox())!.height).toBeGreaterThan(150);
    });

    const shown = async (group: string) =>
      (await page.$$eval(`[data-testid="history-diff"] [data-group="${group}"] [data-fingerprint]`, (els) => els.map((e) => e.getAttribute("data-fingerprint") ?? ""))).sort();

    await step(page, "history-diff-default", async () => {
      expect(await shown("introduced")).toEqual(fingerprints(lastTwo.diff.introduced));
      expect(await shown("fixed")).toEqual(fingerprints(lastTwo.diff.fixed));
      expect(await shown("stillOpen")).toEqual(fingerprints(lastTwo.diff.stillOpen));
    });

    await step(page, "history-diff-any-two", async () => {
      await page.getByTestId("history-from").selectOption("1");
      await expect.poll(() => shown("introduced")).toEqual(fingerprints(firstToLast.diff.introduced));
      expect(await shown("fixed")).toEqual(fingerprints(firstToLast.diff.fixed));
      expect(await shown("stillOpen")).toEqual(fingerprints(firstToLast.diff.stillOpen));
    });

    await step(page, "history-bars-by-keyboard", async () => {
      // Each bar is a button: Enter makes its run the newer side, the older side stays.
      const bar = (id: number) => page.locator(`[data-testid="history-chart"] g[data-run="${id}"]`);
      expect(await bar(2).getAttribute("role")).toBe("button");
      // One Tab stop for the chart, the newer run compared; the arrow keys go from bar to bar.
      expect(await page.locator('[data-testid="history-chart"] g[data-run][tabindex="0"]').getAttribute("data-run")).toBe("3");
      await bar(3).focus();
      await page.keyboard.press("ArrowLeft");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-run"))).toBe("2");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.getByTestId("history-to").inputValue()).toBe("2");
      expect(await page.getByTestId("history-from").inputValue()).toBe("1");
      expect(await bar(2).getAttribute("aria-label")).toMatch(/^run 2, .*\(compared\)$/);
      await page.keyboard.press("End");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-run"))).toBe("3");
      await page.keyboard.press(" ");
      await expect.poll(() => page.getByTestId("history-to").inputValue()).toBe("3");
      await expect.poll(() => shown("introduced")).toEqual(fingerprints(firstToLast.diff.introduced));
    });

    await step(page, "history-click-finding", async () => {
      // A still-open hidden loop is in the loaded bike shop too: clicking it selects it on the graph.
      const loop = firstToLast.diff.stillOpen.find((f) => f.rule === "hidden-feedback-loop") ?? firstToLast.diff.introduced.find((f) => f.rule === "hidden-feedback-loop");
      expect(loop).toBeDefined();
      await page.locator(`[data-testid="history-diff"] [data-fingerprint="${loop!.fingerprint}"]`).click();
      await expect.poll(async () => (await uiState(page))["selection"]).toBe(JSON.stringify({ type: "finding", fingerprint: loop!.fingerprint }));
      expect((await uiState(page))["highlightedNodes"]).toContain("purchases");
    });

    await step(page, "history-last-pick-wins", async () => {
      // A big file picked first, still being read when a second one is picked: the second is shown.
      copyFileSync(file, join(dir, "slow.sqlite"));
      copyFileSync(file, join(dir, "fast.sqlite"));
      await page.getByRole("button", { name: "History", exact: true }).click();
      await page.evaluate(() => {
        const read = File.prototype.arrayBuffer;
        const w = window as unknown as { __slowRead: boolean };
        w.__slowRead = false;
        File.prototype.arrayBuffer = function (this: File) {
          if (this.name !== "slow.sqlite") return read.call(this);
          return new Promise<ArrayBuffer>((done) => setTimeout(() => done(read.call(this).finally(() => (w.__slowRead = true))), 1500));
        };
      });
      await page.getByTestId("history-file").setInputFiles(join(dir, "slow.sqlite"));
      await page.getByTestId("history-file").setInputFiles(join(dir, "fast.sqlite"));
      await expect.poll(() => page.getByTestId("history-view").textContent()).toContain("fast.sqlite: 3 runs");
      await page.waitForFunction(() => (window as unknown as { __slowRead: boolean }).__slowRead, null, { timeout: 10_000 });
      await page.waitForTimeout(500); // time for the slow file's worker to answer, had it been kept
      expect(await page.getByTestId("history-view").textContent()).toContain("fast.sqlite: 3 runs");
      expect(await page.getByTestId("history-view").textContent()).not.toContain("slow.sqlite");
    });

    await step(page, "history-bad-file", async () => {
      await page.getByRole("button", { name: "History", exact: true }).click();
      const junk = join(dir, "not-a-db.sqlite");
      writeFileSync(junk, "hello ".repeat(500));
      await page.getByTestId("history-file").setInputFiles(junk);
      await expect.poll(() => page.locator(".sql-history .sql-error").textContent()).toContain("not a SQLite database");
    });

    expect(session.consoleErrors).toEqual([]);
    expect(session.offOrigin).toEqual([]);
  });
});
