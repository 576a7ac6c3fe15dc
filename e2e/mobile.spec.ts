import { expect, test } from "./fixtures";
import { answerEverything, asClause, choose, formReady, publishedPlan } from "./checker";
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

test.describe("the symptom checker on a 390 × 844 phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the advice's action is on screen as soon as the advice is shown, with focus on it, and nothing overflows", async ({ page, request }) => {
    const { document: published, facts } = await publishedPlan(request);
    const emergency = published.dispositions[0];
    await page.goto("/check/back-pain");
    await formReady(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);

    // Nothing answered: the conservative advice, its action in full view at once.
    await page.getByRole("button", { name: "See my advice" }).click();
    const action = page.getByTestId("check-action");
    await expect(action).toContainText(`so ${asClause(emergency.action)}`);
    await expect(page.getByTestId("check-disposition")).toBeFocused();
    await expect(action).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId("check-disposition")).toBeInViewport({ ratio: 1 });

    // A red flag answered yes far up the page: the final emergency advice, again in full view.
    await page.evaluate(() => window.scrollTo(0, 0));
    await choose(page, "saddle_numbness", "Yes");
    await page.getByRole("button", { name: "See my advice" }).click();
    await expect(page.getByTestId("check-result")).toHaveAttribute("data-status", "final");
    await expect(action).toHaveText(emergency.action);
    await expect(action).toBeInViewport({ ratio: 1 });

    // Everything answered for home care: the long reassuring advice starts on screen too.
    await page.evaluate(() => window.scrollTo(0, 0));
    await answerEverything(page, facts, { pain_present: "Yes", symptom_duration_hours: 24 });
    await page.getByRole("button", { name: "See my advice" }).click();
    await expect(page.getByTestId("check-disposition")).toHaveText("Self-care");
    await expect(action).toBeInViewport({ ratio: 1 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
  });
});
