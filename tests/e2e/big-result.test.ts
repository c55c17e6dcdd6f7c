import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../analyzer/types.js";
import { generateEstate } from "../../bench/generate.js";
import { SPLIT_ABOVE } from "../../ui/worker/details.js";
import { runCli } from "../helpers/run-cli.js";
import { afterEffects, openPage, startUi, step, waitForAnalysis, type UiSession } from "./browser.js";

/**
 * A result big enough to reach the page in two steps (ui/worker/details.ts): findings in
 * parts without their locations, the graph as a packed outline, then every position once the
 * first view is drawn. What the page exports afterwards must be the CLI's bytes, JSON and
 * SARIF (whose walk steps point at the graph's edge positions).
 */
describe("a big result in Chromium", () => {
  let server: { baseUrl: string; stop: () => void };
  let session: UiSession;
  let parent: string;

  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), "loopscope-big-"));
    for (const source of generateEstate({ models: 1200, seed: 5 })) {
      const path = join(parent, "estate", source.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, source.text);
    }
    server = await startUi();
    session = await openPage(server.baseUrl);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    server?.stop();
    rmSync(parent, { recursive: true, force: true });
  });

  it("exports the same JSON and SARIF as `loopscope lint` once every position has come", { timeout: 180_000 }, async () => {
    const { page } = session;
    // The page dates acknowledgements by its own clock (UTC): the CLI gets the same day.
    await page.goto(`${server.baseUrl}/#sample=clean`);
    const today = await page.evaluate(() => new Date().toISOString().slice(0, 10));
    const cli = (format: string) => runCli(["lint", "estate", "--format", format, "--fail-on", "never"], { cwd: parent, env: { LOOPSCOPE_TODAY: today } });
    const json = cli("json");
    expect(json.code).toBe(0);
    const { summary } = JSON.parse(json.stdout) as Report;
    // Big enough for the two-step path (the generator could change under this test).
    expect(summary.findings + summary.edges + summary.models + summary.outputs + summary.datasets + summary.services).toBeGreaterThan(SPLIT_ABOVE);

    await step(page, "big upload", async () => {
      await page.getByTestId("folder-input").setInputFiles(join(parent, "estate"));
      await page.waitForFunction((n) => document.querySelector("#loopscope-state")?.getAttribute("data-findings") === String(n), summary.findings, { timeout: 120_000 });
      // Exports wait for the positions.
      await page.getByRole("button", { name: "JSON", exact: true }).waitFor({ state: "visible" });
      await page.waitForFunction(() => !(document.querySelector('.export button') as HTMLButtonElement | null)?.disabled, null, { timeout: 60_000 });
    });
    const download = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name, exact: true }).click()]);
      return readFileSync((await file.path())!, "utf8");
    };
    expect(await download("JSON")).toBe(json.stdout);
    expect(await download("SARIF")).toBe(cli("sarif").stdout);
    expect(session.consoleErrors).toEqual([]);
  });

  it("a sample opened while the big result's positions are still coming gets working exports", { timeout: 180_000 }, async () => {
    const { page } = session;
    await page.goto("about:blank");
    await page.goto(`${server.baseUrl}/#sample=clean`);
    await waitForAnalysis(page);
    // In the SQL view no first frame is drawn, so the positions are asked for after 3 s: the window for the race.
    await page.getByRole("button", { name: "SQL", exact: true }).click();
    await page.evaluate(() => performance.clearMarks("loopscope:details-received"));
    await page.getByTestId("folder-input").setInputFiles(join(parent, "estate"));
    await page.waitForFunction(() => Number(document.querySelector("#loopscope-state")?.getAttribute("data-findings")) > 1000, null, { timeout: 120_000 });
    await page.locator('select[aria-label="Sample estate"]').selectOption("bike-shop");
    await page.waitForFunction(() => document.querySelector("#loopscope-state")?.getAttribute("data-findings") === "14", null, { timeout: 30_000 });
    // The big estate's positions arrive after the sample is shown; they must not mark it complete.
    await page.waitForFunction(() => performance.getEntriesByName("loopscope:details-received").length > 0, null, { timeout: 30_000 });
    await afterEffects(page);
    expect(await page.$eval(".export button", (b) => (b as HTMLButtonElement).disabled)).toBe(false);
    await expect.poll(() => page.locator(".sql-console").textContent(), { timeout: 20_000 }).not.toContain("Load an estate");
    expect(session.consoleErrors).toEqual([]);
  });

  it("shows progress while it analyses, turns its busy ring without a CSS animation, and Cancel stops it", { timeout: 120_000 }, async () => {
    const { page } = session;
    await page.goto("about:blank");
    await page.goto(`${server.baseUrl}/#sample=clean`);
    await waitForAnalysis(page);
    const findings = () => page.$eval("#loopscope-state", (e) => (e as HTMLElement).dataset["findings"]);
    const before = await findings();
    await page.getByTestId("folder-input").setInputFiles(join(parent, "estate"));
    const cancel = page.getByTestId("statusbar").getByRole("button", { name: "Cancel" });
    await cancel.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("statusbar").locator(".progress").textContent()).toMatch(/^ Analysing \d+ files/);
    // A CSS animation would have the browser draw every frame of the analysis (with software
    // rendering, a tenth of a core taken from it); a timer turns the ring a few steps a second.
    expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
    const turn = () => page.$eval(".statusbar .spinner", (e) => (e as HTMLElement).style.transform);
    const first = await turn();
    await page.waitForFunction((was) => (document.querySelector(".statusbar .spinner") as HTMLElement | null)?.style.transform !== was, first, { timeout: 2_000 });
    // From the keyboard: the button goes away when pressed, and focus must not fall to the page.
    await cancel.focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector('#loopscope-state[data-status="cancelled"]', { state: "attached", timeout: 10_000 });
    await expect.poll(() => page.evaluate(() => document.activeElement !== document.body && document.activeElement !== null)).toBe(true);
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="statusbar"]')))).toBe(true);
    expect(await page.getByTestId("statusbar").locator(".warn").textContent()).toBe("Analysis cancelled.");
    // The estate shown before stays, with its label, and the next analysis runs (on a fresh worker).
    expect(await findings()).toBe(before);
    expect(await page.locator('select[aria-label="Sample estate"]').inputValue()).toBe("clean");
    await page.locator('select[aria-label="Sample estate"]').selectOption("bike-shop");
    await waitForAnalysis(page);
    expect(Number(await findings())).toBeGreaterThan(0);
    expect(await findings()).not.toBe(before);
    expect(session.consoleErrors).toEqual([]);
  });
});
