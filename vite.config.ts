/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The UI lives in ui/; the analyzer is imported from ../analyzer directly, no server.
export default defineConfig({
  root: "ui",
  base: "./",
  plugins: [react()],
  build: { outDir: "../dist/ui", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  worker: { format: "es" },
  server: { host: "127.0.0.1", port: 5173, fs: { allow: [".."] } },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true },
  test: {
    root: ".",
    include: ["tests/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 30000,
    hookTimeout: 120000,
  },
});
