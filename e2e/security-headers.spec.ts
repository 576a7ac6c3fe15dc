import { expect, test } from "./fixtures";
import { CLOSE } from "./helpers";

function directives(policy: string): Record<string, string> {
  return Object.fromEntries(
    policy
      .split(";")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.split(/\s+/)[0], part.split(/\s+/).slice(1).join(" ")]),
  );
}

test("pages carry a fresh nonce-based CSP per request and the other security headers; no HSTS over http", async ({ request }) => {
  const first = await request.get("/signin", { headers: CLOSE });
  const second = await request.get("/signin", { headers: CLOSE });
  const policy = first.headers()["content-security-policy"];
  const parsed = directives(policy);
  expect(parsed["script-src"]).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'$/);
  expect(parsed).toMatchObject({ "object-src": "'none'", "base-uri": "'self'", "frame-ancestors": "'none'", "form-action": "'self'" });
  expect(policy).not.toMatch(/unsafe-(inline|eval)/);
  expect(second.headers()["content-security-policy"]).not.toBe(policy);
  // The nonce Next put on its scripts is the one in the header.
  const nonce = /'nonce-([^']+)'/.exec(policy)![1];
  expect(await first.text()).toContain(`nonce="${nonce}"`);
  expect(first.headers()).toMatchObject({
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
  });
  expect(first.headers()["permissions-policy"]).toContain("camera=()");
  expect(first.headers()["strict-transport-security"]).toBeUndefined();
});

test("the public API keeps its JSON and CORS headers under a CSP that allows nothing", async ({ request }) => {
  const response = await request.get("/api/public/rulesets/back-pain", { headers: CLOSE });
  expect(response.status()).toBe(200);
  expect(response.headers()).toMatchObject({
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "access-control-allow-origin": "*",
    "x-content-type-options": "nosniff",
  });
  expect(response.headers()["content-type"]).toContain("application/json");
});

test("the API reference renders and hydrates under the CSP", async ({ page }) => {
  const response = await page.goto("/api-docs");
  expect(response?.headers()["content-security-policy"]).toContain("'strict-dynamic'");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // A client-side navigation only works once Next's scripts have run.
  await page.getByRole("link", { name: "the demo symptom checker" }).click();
  await expect(page).toHaveURL(/\/check$/);
  await expect(page.getByRole("heading", { level: 1, name: "Symptom checkers" })).toBeVisible();
});
