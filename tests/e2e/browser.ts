import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { ROOT } from "../helpers/run-cli.js";

/** Flags from STACK.md: WebGL 2 through SwiftShader, no background traffic. Never --disable-software-rasterizer. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
];

export interface UiSession {
  baseUrl: string;
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  offOrigin: string[];
  close(): Promise<void>;
}

/** Builds the UI once per test file (vite build) and serves dist/ui with vite preview on a free port. */
/** Builds the UI into a private folder and serves it; `readable` leaves the code unminified (for profiles). */
export async function startUi({ readable = false }: { readable?: boolean } = {}): Promise<{ baseUrl: string; stop: () => void }> {
  const vite = join(ROOT, "node_modules/vite/bin/vite.js");
  // A private output folder: several test runs (and `npm start`) may build at the same time.
  const outDir = mkdtempSync(join(tmpdir(), "loopscope-ui-dist-"));
  // NODE_ENV=production: under vitest it is "test", which Vite passes on to the bundle, so the
  // tests drove React's development build (1.39 MB, every dev check on) instead of what
  // `npm start` and users get (1.16 MB).
  const build = spawnSync(process.execPath, [vite, "build", "--logLevel", "error", "--outDir", outDir, "--emptyOutDir", ...(readable ? ["--minify", "false"] : [])], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}${build.stderr}`);
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, [vite, "preview", "--outDir", outDir, "--host", "127.0.0.1", "--port", String(port), "--strictPort"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("vite preview did not start in 30 s")), 30_000);
    server.stdout!.on("data", (chunk: Buffer) => {
      if (String(chunk).includes(String(port))) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.on("exit", (code) => reject(new Error(`vite preview exited with ${code}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () => {
      server.kill("SIGTERM");
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** A fresh Chromium profile and page that records console errors and requests off the page's origin. */
export async function openPage(baseUrl: string): Promise<UiSession> {
  const profile = mkdtempSync(join(tmpdir(), "loopscope-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1500, height: 900 },
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const consoleErrors: string[] = [];
  const offOrigin: string[] = [];
  page.on("console", (message) => {
    // SwiftShader's ReadPixels stall warnings are driver noise (STACK.md).
    if (message.type() === "error" && !message.text().includes("GPU stall due to ReadPixels")) consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  context.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(baseUrl) && !url.startsWith("blob:") && !url.startsWith("data:")) offOrigin.push(url);
  });
  return {
    baseUrl,
    context,
    page,
    consoleErrors,
    offOrigin,
    close: async () => {
      await context.close();
      // Each profile is tens of megabytes: left behind, they fill /tmp across runs.
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Runs a step; on failure saves a screenshot under test-results/ and rethrows. */
export async function step<T>(page: Page, name: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    const dir = join(ROOT, "test-results", "screenshots");
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name.replace(/[^a-z0-9]+/gi, "-")}.png`) }).catch(() => undefined);
    throw error;
  }
}

/** The app's test state (what is highlighted, what is drawn), from its hidden <output>. */
export async function uiState(page: Page): Promise<Record<string, string>> {
  return page.$eval("#loopscope-state", (element) => ({ ...(element as HTMLElement).dataset }) as Record<string, string>);
}

export async function waitForAnalysis(page: Page): Promise<void> {
  await page.waitForSelector('#loopscope-state[data-status="done"]', { state: "attached", timeout: 30_000 });
}

/** Share of pixels in the graph area that differ from the background, from a real screenshot. */
export async function drawnShare(page: Page): Promise<number> {
  const canvas = page.getByTestId("graph-canvas");
  const png = (await canvas.screenshot()).toString("base64");
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const c = document.createElement("canvas");
    c.width = image.width;
    c.height = image.height;
    const ctx = c.getContext("2d")!;
    ctx.drawImage(image, 0, 0);
    const pixels = ctx.getImageData(0, 0, c.width, c.height).data;
    const [r0, g0, b0] = [pixels[0]!, pixels[1]!, pixels[2]!];
    let different = 0;
    for (let i = 0; i < pixels.length; i += 4) if (Math.abs(pixels[i]! - r0) + Math.abs(pixels[i + 1]! - g0) + Math.abs(pixels[i + 2]! - b0) > 30) different++;
    return different / (pixels.length / 4);
  }, png);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** One built UI and one page for a test file's tests: started before them, stopped after. */
export function uiPerFile(): { server: { baseUrl: string; stop: () => void }; session: UiSession } {
  const held = {} as { server: { baseUrl: string; stop: () => void }; session: UiSession };
  beforeAll(async () => {
    held.server = await startUi();
    held.session = await openPage(held.server.baseUrl);
  }, 120_000);
  afterAll(async () => {
    await held.session?.close();
    held.server?.stop();
  });
  return held;
}

/** Two frames: React has run the effects of what it just drew (a popup's Escape listener, a key handler). */
export async function afterEffects(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** A fresh load of the page at `hash` (about:blank first: a hash change alone does not reload), analysed. */
export async function openAt(page: Page, baseUrl: string, hash: string): Promise<void> {
  await page.goto("about:blank");
  await page.goto(`${baseUrl}/${hash}`);
  await waitForAnalysis(page);
}

/** The label of the workspace the page keeps for its next visit (IndexedDB, ui/sql/workspace-store.ts), or "" when none is kept yet. */
export async function lastWorkspaceLabel(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const request = indexedDB.open("loopscope", 1);
        request.onupgradeneeded = () => request.result.createObjectStore("workspace");
        request.onerror = () => resolve("");
        request.onsuccess = () => {
          const db = request.result;
          const get = db.transaction("workspace", "readonly").objectStore("workspace").get("last");
          get.onsuccess = () => {
            db.close();
            resolve((get.result as { label?: string } | undefined)?.label ?? "");
          };
          get.onerror = () => {
            db.close();
            resolve("");
          };
        };
      }),
  );
}
