/**
 * Regenerates docs/screenshots/*.png from the built UI with the bike-shop sample:
 *   node --import tsx tests/e2e/take-screenshots.ts
 * Not a test (vitest only runs *.test.ts); it reuses the browser tests' build and Chromium set-up.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { generateEstate } from "../../bench/generate.js";
import { ROOT } from "../helpers/run-cli.js";
import { openPage, startUi, waitForAnalysis } from "./browser.js";

const out = join(ROOT, "docs/screenshots");
mkdirSync(out, { recursive: true });
const server = await startUi();
const session = await openPage(server.baseUrl);
const { page } = session;
await page.setViewportSize({ width: 1600, height: 940 });
const settle = () => page.waitForTimeout(1500);
const shoot = async (name: string) => {
  await settle();
  await page.screenshot({ path: join(out, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
};

try {
  await page.goto(`${server.baseUrl}/#sample=bike-shop`);
  await waitForAnalysis(page);
  await shoot("landing");

  await page.locator('[data-rule="hidden-feedback-loop"]').first().click();
  await shoot("hidden-loop");

  await page.keyboard.press("Escape");
  await page.keyboard.press("/");
  await page.keyboard.type("dynamic-pricing");
  await page.keyboard.press("Enter");
  await page.getByTestId("node-panel").waitFor();
  await shoot("node-impact");

  await page.keyboard.press("Escape");
  await page.locator('label:has-text("full graph") input').check();
  await page.locator('label:has-text("models only") input').check();
  await shoot("models-only");
  await page.locator('label:has-text("models only") input').uncheck();
  await page.locator('label:has-text("full graph") input').uncheck();

  await page.getByRole("button", { name: "Matrix" }).click();
  await page.locator('[data-pair="bike-recommender|dynamic-pricing"]').click();
  await shoot("matrix");

  // A 2,000-model estate from the benchmark generator, through the file input.
  const dir = mkdtempSync(join(tmpdir(), "loopscope-shots-"));
  const files = generateEstate({ models: 2000, seed: 1 }).map((source) => {
    const path = join(dir, source.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, source.text);
    return path;
  });
  await page.getByRole("button", { name: "Graph", exact: true }).click();
  await page.getByTestId("file-input").setInputFiles(files);
  await page.waitForFunction(() => document.querySelector("#loopscope-state")?.getAttribute("data-findings") !== "14" && document.querySelector("#loopscope-state")?.getAttribute("data-status") === "done", null, { timeout: 120_000 });
  await shoot("estate-2000");
} finally {
  await session.close();
  server.stop();
}
if (session.consoleErrors.length > 0) {
  console.error(`console errors:\n${session.consoleErrors.join("\n")}`);
  process.exitCode = 1;
}
