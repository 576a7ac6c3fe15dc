import { randomBytes } from "node:crypto";
import { expect, type APIResponse, type Browser, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "triage-demo-2026";

export const DEMO = {
  author: "author@triage.test",
  author2: "author2@triage.test",
  reviewer: "reviewer@triage.test",
  admin: "admin@triage.test",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Welcome,/ })).toBeVisible();
}

/**
 * A name no other test (or repeat of this one, running in parallel) uses:
 * a millisecond clock alone collides under `--repeat-each` with two workers.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now()}-${randomBytes(3).toString("hex")}`;
}

/** Fails with the problem+json body, so an unexpected status explains itself. */
export async function expectStatus(response: APIResponse, status: number) {
  expect(response.status(), `${response.url()}: ${await response.text()}`).toBe(status);
  return response;
}

// A fresh connection per API call: reusing a kept-alive socket the server is just closing fails now and then.
export const CLOSE = { connection: "close" };

/** A signed-in page in a context of its own, accepting every confirmation dialog. */
export async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on("dialog", (dialog) => dialog.accept());
  await signIn(page, email);
  return page;
}
