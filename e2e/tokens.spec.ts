import { request as playwrightRequest } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO, signIn, uniqueName } from "./helpers";

test("an author creates a token, uses it like a script would, and revokes it", async ({ page, baseURL }) => {
  await signIn(page, DEMO.reviewer);
  await page.getByRole("link", { name: "API tokens" }).first().click();
  await page.getByLabel("Name").fill(uniqueName("e2e script"));
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token-secret").textContent())!.trim();
  expect(secret).toMatch(/^tsk_/);

  // A client with no cookies at all: only the bearer token identifies it.
  const api = await playwrightRequest.newContext({ baseURL });
  const me = await api.get("/api/admin/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: DEMO.reviewer, roles: ["reviewer"], via: "token" });

  const anonymous = await api.get("/api/admin/me");
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["content-type"]).toContain("application/problem+json");

  await page.reload();
  const row = page.getByTestId("token-row").filter({ hasText: secret.slice(0, 10) });
  await expect(row.getByTestId("token-last-used")).not.toHaveText("never");
  await row.getByRole("button", { name: /^Revoke/ }).click();
  await expect(row).toContainText("Revoked");

  const afterRevoke = await api.get("/api/admin/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(afterRevoke.status()).toBe(401);
  await api.dispose();
});
