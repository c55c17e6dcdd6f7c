import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeHistory } from "./history-file.js";
import { afterEffects, openAt, openPage, startUi, step, uiState, type UiSession } from "./browser.js";

/**
 * The page checked by axe-core (the accessibility rules of WCAG 2.1 A and AA and best
 * practice) in each view and popup, and the keyboard paths a person without a mouse takes
 * through the popups. The graph canvas is outside axe's reach; the findings list, search
 * and detail panels are its keyboard route.
 */
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
}

/** Every violation in the page as it is now, one line each: rule, impact, where. */
async function violations(page: Page): Promise<string[]> {
  // Served from the page's own origin (see beforeAll): the page's CSP allows only its own scripts.
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ url: "/__axe.js" });
  const result = (await page.evaluate(() => (window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } }).axe.run(document, { resultTypes: ["violations"] }))) as AxeResult;
  return result.violations.flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${node.target.join(" ")}`));
}

const focused = (page: Page) => page.evaluate(() => `${document.activeElement?.tagName.toLowerCase()}:${document.activeElement?.textContent?.trim().slice(0, 20)}`);

describe("accessibility in Chromium", () => {
  let server: { baseUrl: string; stop: () => void };
  let session: UiSession;
  const dir = mkdtempSync(join(tmpdir(), "loopscope-a11y-"));

  beforeAll(async () => {
    server = await startUi();
    session = await openPage(server.baseUrl);
    await session.context.route(`${server.baseUrl}/__axe.js`, (route) => route.fulfill({ contentType: "text/javascript", body: AXE }));
  }, 240_000);

  afterAll(async () => {
    await session?.close();
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("has no axe violation in any view or popup", { timeout: 180_000 }, async () => {
    const { page } = session;
    const seen: Record<string, string[]> = {};
    await openAt(page, server.baseUrl, "#sample=ride-hailing");
    seen["opened"] = await violations(page);
    await page.locator('[data-rule="hidden-feedback-loop"]').first().click();
    seen["a loop selected"] = await violations(page);
    // An acknowledged finding selected: its muted lines on the selected background.
    await page.locator(".finding.acknowledged").first().click();
    seen["an acknowledged finding selected"] = await violations(page);
    await page.keyboard.press("/");
    await page.keyboard.type("driver");
    await page.keyboard.press("Enter");
    await page.getByTestId("node-panel").waitFor();
    seen["a node selected"] = await violations(page);
    await page.getByRole("button", { name: "Matrix" }).click();
    await page.locator("td.cell").first().click();
    seen["the matrix, a pair selected"] = await violations(page);
    await page.getByRole("button", { name: "SQL", exact: true }).click();
    await page.locator("button.sql-run:not([disabled])").click();
    await page.locator(".sql-result, .sql-error").first().waitFor();
    seen["the SQL console"] = await violations(page);
    await page.getByRole("button", { name: "History" }).click();
    await page.getByTestId("history-file").setInputFiles(writeHistory(dir));
    await page.getByTestId("history-chart").waitFor();
    seen["the history of three runs"] = await violations(page);
    await page.getByRole("button", { name: "Graph", exact: true }).click();
    await page.getByRole("button", { name: "Paste" }).click();
    seen["the paste dialog"] = await violations(page);
    await page.keyboard.press("Escape");
    await page.locator("summary", { hasText: "Workspace" }).click();
    seen["the workspace menu"] = await violations(page);
    await page.keyboard.press("Escape");
    await page.locator("summary", { hasText: "Keys" }).click();
    seen["the keys menu"] = await violations(page);
    expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((state) => [state, []])));
  });

  it("gives focus back to what opened a popup, and lands it on the detail panel when what had it goes away", { timeout: 120_000 }, async () => {
    const { page } = session;
    await openAt(page, server.baseUrl, "#sample=bike-shop");
    await step(page, "paste dialog, Escape", async () => {
      await page.getByRole("button", { name: "Paste" }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("dialog").waitFor();
      await page.keyboard.press("Escape");
      await expect.poll(() => focused(page)).toBe("button:Paste");
    });
    await step(page, "paste dialog, Cancel", async () => {
      await page.keyboard.press("Enter");
      await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
      await expect.poll(() => focused(page)).toBe("button:Paste");
    });
    await step(page, "a node link in the detail panel", async () => {
      await page.locator('[data-rule="hidden-feedback-loop"]').click();
      const link = page.getByTestId("finding-detail").locator("button.node-link", { hasText: "dynamic-pricing" }).first();
      await link.focus();
      await page.keyboard.press("Enter");
      await page.getByTestId("node-panel").waitFor();
      // The finding's panel (and the link) went away: focus lands on the new panel's heading.
      await expect.poll(() => focused(page)).toMatch(/^h2:.*dynamic-pricing/);
    });
    await step(page, "a SQL row that selects a node", async () => {
      // Escape in the panel clears the selection; focus lands on the summary that replaces it.
      await page.keyboard.press("Escape");
      await expect.poll(() => focused(page)).toBe("h2:Estate");
      await page.getByRole("button", { name: "SQL", exact: true }).click();
      await page.locator(".sql-examples").selectOption("unmonitored-loop-models");
      const row = page.locator('[data-testid="sql-result"]').getByRole("button", { name: "dynamic-pricing", exact: true }).first();
      await row.focus();
      await page.keyboard.press("Enter");
      await expect.poll(async () => (await uiState(page))["view"]).toBe("graph");
      await expect.poll(() => focused(page)).toMatch(/^h2:.*dynamic-pricing/);
      await page.keyboard.press("Escape");
    });
    await step(page, "workspace menu, Escape inside it", async () => {
      const summary = page.locator("summary", { hasText: "Workspace" });
      await summary.focus();
      await page.keyboard.press("Enter");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.closest("details")?.open)).toBe(true);
      // The menu listens for Escape once React has drawn it open (an effect, after the next frame).
      await afterEffects(page);
      await page.keyboard.press("Escape");
      await expect.poll(() => focused(page)).toBe("summary:Workspace");
    });
    await step(page, "the graph's camera from the keyboard", async () => {
      type Camera = { x: number; y: number; ratio: number };
      const camera = () => page.evaluate(() => (window as unknown as { __loopscopeSigma: { getCamera(): { getState(): Camera; isAnimating(): boolean } } }).__loopscopeSigma.getCamera().getState());
      const settled = () => page.waitForFunction(() => !(window as unknown as { __loopscopeSigma: { getCamera(): { isAnimating(): boolean } } }).__loopscopeSigma.getCamera().isAnimating());
      await page.getByTestId("graph-canvas").focus();
      const start = await camera();
      await page.keyboard.press("+");
      await settled();
      expect((await camera()).ratio).toBeCloseTo(start.ratio / 1.5, 5);
      await page.keyboard.press("ArrowRight");
      await settled();
      expect((await camera()).x).toBeGreaterThan(start.x);
      await page.keyboard.press("0");
      await settled();
      expect((await camera()).ratio).toBeCloseTo(1, 5);
      // Arrows there move the camera, not through the findings.
      expect((await uiState(page))["selection"]).toBe("");
      // Focus from a click keeps the arrows for the findings, as before the camera had keys.
      await page.getByTestId("graph-canvas").click({ position: { x: 3, y: 3 } });
      await page.keyboard.press("ArrowDown");
      await expect.poll(async () => (await uiState(page))["selection"]).toContain('"type":"finding"');
      await page.keyboard.press("Escape");
    });
    await step(page, "Escape in the search box and in a filter", async () => {
      // It clears the selection and leaves focus where it is (it used to drop it on the page).
      await page.locator('[data-rule="hidden-feedback-loop"]').click();
      await page.locator(".search input").focus();
      await page.keyboard.press("Escape");
      await expect.poll(async () => (await uiState(page))["selection"]).toBe("");
      expect(await page.evaluate(() => document.activeElement === document.querySelector(".search input"))).toBe(true);
      await page.locator(".filter-row select").first().focus();
      await page.keyboard.press("Escape");
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SELECT");
    });
  });
});
