import { expect, test, type Page } from "@playwright/test";

async function answer(page: Page, question: RegExp, choice: "Yes" | "No") {
  const group = page.getByRole("group", { name: question });
  await group.getByRole("radio", { name: choice, exact: true }).check();
}

test("a person completes the demo symptom checker with no account, and a red flag sends them to emergency care", async ({ page, context }) => {
  await page.goto("/check");
  await page.getByRole("link", { name: /back pain/i }).click();
  await expect(page).toHaveURL(/\/check\/back-pain$/);
  await expect(page.getByText("This is not a diagnosis")).toBeVisible();

  await answer(page, /back pain with it/i, "Yes");
  await answer(page, /pop while lifting/i, "Yes");
  await page.getByRole("button", { name: "See my advice" }).click();
  const result = page.getByTestId("check-result");
  await expect(result).toBeVisible();
  // Red flags are still unanswered: the advice must say what could change it.
  await expect(result).toContainText("Answering these could change the advice");

  // The rule set is on the device now: the answers are evaluated locally, even offline.
  await context.setOffline(true);
  await answer(page, /saddle area/i, "Yes");
  await page.getByRole("button", { name: "See my advice" }).click();
  await expect(page.getByTestId("check-disposition")).toHaveText(/emergency/i);
  await expect(page.getByTestId("check-guidance").first()).toBeVisible();
  await context.setOffline(false);
});

test("the checker is usable with the keyboard alone", async ({ page }) => {
  await page.goto("/check/back-pain");
  const first = page.getByRole("group", { name: /back pain with it/i }).getByRole("radio", { name: "Yes", exact: true });
  await first.focus();
  await page.keyboard.press("Space");
  await expect(first).toBeChecked();
  await page.getByRole("button", { name: "See my advice" }).focus();
  await page.keyboard.press("Enter");
  // Focus moves to the result heading so keyboard and screen-reader users land on the advice.
  await expect(page.getByTestId("check-result").getByRole("heading", { level: 2 })).toBeFocused();
});

test("a withdrawn or unknown rule set says so instead of giving advice", async ({ page }) => {
  await page.goto("/check/no-such-rule-set");
  await expect(page.getByTestId("check-error")).toContainText("Not found");
});
