import { expect, test } from "./fixtures";
import { DEMO, signIn, uniqueName } from "./helpers";

test("an admin creates a user who can sign in, then deactivates them and their session ends", async ({ browser }) => {
  const email = `${uniqueName("nurse")}@triage.test`;
  const password = "a new long password";

  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, DEMO.admin);
  await adminPage.goto("/admin/users");
  const create = adminPage.getByRole("form", { name: "Create a user" });
  await create.getByLabel("E-mail").fill(email);
  await create.getByLabel("Name").fill("Nora Nurse");
  await create.getByLabel(/^Password/).fill(password);
  await create.getByLabel("Author").check();
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(create.getByRole("status")).toHaveText(`User ${email} created.`);

  const userPage = await (await browser.newContext()).newPage();
  await signIn(userPage, email, password);
  await expect(userPage.getByTestId("current-roles")).toHaveText("Author");

  const row = adminPage.getByTestId(`user-${email}`);
  await row.getByLabel("Active").uncheck();
  await row.getByRole("button", { name: "Save" }).click();
  await expect(adminPage.getByTestId(`user-${email}`)).toContainText("Deactivated");

  await userPage.reload();
  await expect(userPage).toHaveURL(/\/signin/);
});

test("creating a user with bad input names the fields and creates nothing", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/admin/users");
  const create = page.getByRole("form", { name: "Create a user" });
  await create.getByLabel("E-mail").fill("nurse@triage.test");
  await create.getByLabel("Name").fill("Too Short");
  await create.getByLabel(/^Password/).fill("short");
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(create.getByText("Password must be at least 12 characters")).toBeVisible();
  await expect(page.getByTestId("user-nurse@triage.test")).toHaveCount(0);
});
