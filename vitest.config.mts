import { defineConfig } from "vitest/config";
import path from "node:path";
import { fileURLToPath } from "node:url";

const __dirname = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      "server-only": path.resolve(__dirname, "tests/setup/empty-module.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/setup/global-database.ts"],
    setupFiles: ["tests/setup/worker-env.ts"],
    // Files run in parallel against one fresh database; every test creates its own rows
    // (unique e-mails), so they never depend on each other's data.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
