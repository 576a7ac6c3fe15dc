import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

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
