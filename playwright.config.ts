import { defineConfig, devices } from "@playwright/test";

const port = process.env.E2E_PORT || "3100";
const baseURL = `http://localhost:${port}`;

// Debian's chromium: Playwright cannot download its own browser on these machines.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: chromium,
    // The specs script the admin API with the signed-in page's cookie (page.request). A browser adds
    // Origin to every non-GET request itself; Playwright's request context does not, and
    // /api/admin/* refuses cookie-authenticated changes that do not say they come from the app.
    extraHTTPHeaders: { origin: baseURL },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: chromium }, testIgnore: /mobile\.spec/ },
    { name: "phone", use: { ...devices["Pixel 7"], launchOptions: chromium }, testMatch: /mobile\.spec/ },
  ],
  webServer: {
    command: "npx --no-install tsx scripts/e2e-server.ts",
    url: `${baseURL}/signin`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: port },
  },
});
