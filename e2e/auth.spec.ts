import { expect, test } from "./fixtures";
import { DEMO, DEMO_PASSWORD, signIn } from "./helpers";

test("a visitor is sent to sign-in and comes back to the page they asked for", async ({ page }) => {
  await page.goto("/settings/tokens");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings%2Ftokens/);
  await page.getByLabel("E-mail").fill(DEMO.author);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
});

for (const [role, email, label] of [
  ["author", DEMO.author, "Author"],
  ["reviewer", DEMO.reviewer, "Reviewer"],
  ["admin", DEMO.admin, "Admin"],
] as const) {
  test(`the ${role} signs in, sees their name and role, and signs out`, async ({ page }) => {
    await signIn(page, email);
    await expect(page.getByTestId("current-user")).toContainText(email);
    await expect(page.getByTestId("current-roles")).toHaveText(label);
    const usersLink = page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Users" });
    await expect(usersLink).toHaveCount(role === "admin" ? 1 : 0);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });
}

test("a wrong password says so and does not sign in", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(DEMO.author);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signin-error")).toHaveText("Wrong e-mail or password.");
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
});

test("an author is forbidden from the users page, by the server", async ({ page }) => {
  await signIn(page, DEMO.author);
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
});
