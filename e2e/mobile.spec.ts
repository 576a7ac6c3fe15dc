import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

test("on a phone the menu holds navigation, the user and sign-out", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await expect(page.getByRole("navigation", { name: "Main", exact: true })).toBeHidden();
  await page.getByText("Menu").click();
  const menu = page.getByRole("navigation", { name: "Main (mobile)" });
  await expect(menu.getByRole("link", { name: "Users" })).toBeVisible();
  await menu.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflow).toBe(false);
});
