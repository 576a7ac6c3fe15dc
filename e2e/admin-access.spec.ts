import { readdirSync } from "node:fs";
import path from "node:path";
import { can, type Capability } from "../lib/auth/permissions";
import type { Role } from "../lib/auth/roles";
import { smallRuleSet, smallRuleSetCases } from "../tests/setup/rule-set-fixture";
import { expect, test } from "./fixtures";
import { CLOSE, DEMO, expectStatus, signedIn, uniqueName } from "./helpers";

test("an admin finds a rule set in the list, opens it read-only, and publishes, rolls back, withdraws and lifts the withdrawal", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = uniqueName("admin-access");
  const author = await signedIn(browser, DEMO.author);
  const reviewer = await signedIn(browser, DEMO.reviewer);
  const admin = await signedIn(browser, DEMO.admin);

  // Version 1 approved by a reviewer, over the API.
  await expectStatus(await author.request.post("/api/admin/rulesets", { headers: CLOSE, data: { slug, title: "Admin access", document: smallRuleSet(slug) } }), 201);
  await expectStatus(await author.request.put(`/api/admin/rulesets/${slug}/draft/tests`, { headers: { ...CLOSE, "if-match": "1" }, data: smallRuleSetCases }), 200);
  await expectStatus(await author.request.post(`/api/admin/rulesets/${slug}/versions/1/submit`, { headers: CLOSE }), 200);
  await expectStatus(await reviewer.request.post(`/api/admin/rulesets/${slug}/versions/1/approve`, { headers: CLOSE }), 200);

  // The admin reaches it from the navigation: the list is read-only for them.
  await admin.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Rule sets" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Rule sets" })).toBeVisible();
  await expect(admin.getByText("Create a rule set")).toHaveCount(0);
  // The title shown is the document's own (smallRuleSet's "Small").
  await admin.getByTestId(`ruleset-${slug}`).getByRole("link").first().click();
  await expect(admin.getByText(slug, { exact: true })).toBeVisible();
  await expect(admin.getByRole("link", { name: "Open the draft" })).toHaveCount(0);
  await expect(admin.getByRole("button", { name: "Submit for review" })).toHaveCount(0);

  // Publish version 1 from the rule set page.
  await admin.getByRole("form", { name: "Publish version 1" }).getByRole("button", { name: "Publish version 1" }).click();
  await expect(admin.getByTestId("published-version")).toContainText("Current version: v1");

  // Version 2 written and approved by others; the admin publishes it from its review page.
  await expectStatus(await author.request.post(`/api/admin/rulesets/${slug}/draft`, { headers: CLOSE, data: {} }), 201);
  await expectStatus(await author.request.post(`/api/admin/rulesets/${slug}/versions/2/submit`, { headers: CLOSE }), 200);
  await expectStatus(await reviewer.request.post(`/api/admin/rulesets/${slug}/versions/2/approve`, { headers: CLOSE }), 200);
  await admin.goto(`/rulesets/${slug}/versions/2/review`);
  await expect(admin.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await admin.getByRole("form", { name: "Publish version 2" }).getByRole("button", { name: "Publish version 2" }).click();
  await expect(admin.getByTestId("version-state")).toHaveText("Published");

  // Roll back to version 1 with a reason.
  await admin.goto(`/rulesets/${slug}`);
  const rollback = admin.getByRole("form", { name: "Roll back" });
  await rollback.getByLabel("Make current").selectOption("1");
  await rollback.getByLabel("Reason (required)").fill("Version 2 needs another look");
  await rollback.getByRole("button", { name: "Roll back" }).click();
  await expect(admin.getByTestId("published-version")).toContainText("Current version: v1");

  // Withdraw it: client apps get 410.
  const withdraw = admin.getByRole("form", { name: "Withdraw", exact: true });
  await withdraw.getByLabel("Reason client apps will show (required)").fill("Checking the saddle numbness advice");
  await withdraw.getByRole("button", { name: "Withdraw from client apps" }).click();
  await expect(admin.getByTestId("withdrawn-banner")).toContainText("Checking the saddle numbness advice");
  expect((await admin.request.get(`/api/public/rulesets/${slug}`, { headers: CLOSE })).status()).toBe(410);

  // And lift it again, on purpose.
  const lift = admin.getByRole("form", { name: "Lift the withdrawal" });
  await lift.getByLabel("Why it is safe to lift the withdrawal (required)").fill("Checked: the advice is right");
  await lift.getByRole("button", { name: "Lift the withdrawal" }).click();
  await expect(admin.getByTestId("withdrawn-banner")).toHaveCount(0);
  expect((await (await admin.request.get(`/api/public/rulesets/${slug}`, { headers: CLOSE })).json()).version).toBe(1);

  // The versions and their differences are readable too; every step is in the audit log under the admin's name.
  await admin.goto(`/rulesets/${slug}/diff?from=1&to=2`);
  await expect(admin.getByTestId("diff-summary")).toBeVisible();
  await admin.goto(`/audit?ruleSet=${slug}`);
  const audit = admin.getByTestId("audit-table");
  for (const action of ["Published a version", "Rolled back to a version", "Withdrew a rule set", "Lifted a withdrawal"]) {
    await expect(audit.getByRole("row").filter({ hasText: action }).filter({ hasText: DEMO.admin }).first()).toBeVisible();
  }
});

/**
 * Every dashboard page with the capability it needs. The spec fails when a
 * page file is missing here, so a new page cannot be left out; who holds each
 * capability comes from lib/auth/permissions.ts.
 */
const PAGES: Record<string, { url: string; needs: Capability }> = {
  "page.tsx": { url: "/", needs: "ownAccount" },
  "inbox/page.tsx": { url: "/inbox", needs: "ownAccount" },
  "settings/tokens/page.tsx": { url: "/settings/tokens", needs: "ownAccount" },
  "admin/users/page.tsx": { url: "/admin/users", needs: "manageUsers" },
  "audit/page.tsx": { url: "/audit", needs: "readAudit" },
  "rulesets/page.tsx": { url: "/rulesets", needs: "viewRuleSets" },
  "rulesets/[slug]/page.tsx": { url: "/rulesets/back-pain", needs: "viewRuleSets" },
  "rulesets/[slug]/diff/page.tsx": { url: "/rulesets/back-pain/diff?from=1&to=1", needs: "viewRuleSets" },
  "rulesets/[slug]/versions/[n]/page.tsx": { url: "/rulesets/back-pain/versions/1", needs: "viewRuleSets" },
  "rulesets/[slug]/versions/[n]/review/page.tsx": { url: "/rulesets/back-pain/versions/1/review", needs: "viewRuleSets" },
  "rulesets/[slug]/draft/page.tsx": { url: "/rulesets/back-pain/draft", needs: "editDraft" },
  "rulesets/[slug]/draft/tests/page.tsx": { url: "/rulesets/back-pain/draft/tests", needs: "editDraft" },
  "rulesets/[slug]/draft/preview/page.tsx": { url: "/rulesets/back-pain/draft/preview", needs: "editDraft" },
  "rulesets/[slug]/draft/impact/page.tsx": { url: "/rulesets/back-pain/draft/impact", needs: "editDraft" },
};

function dashboardPageFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return dashboardPageFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`);
    return entry.name === "page.tsx" ? [`${prefix}${entry.name}`] : [];
  });
}

test("the table lists every dashboard page", () => {
  expect(dashboardPageFiles(path.resolve("app/(dashboard)")).sort()).toEqual(Object.keys(PAGES).sort());
});

const PEOPLE: [string, string | null, Role[]][] = [
  ["anonymous", null, []],
  ["author", DEMO.author, ["author"]],
  ["reviewer", DEMO.reviewer, ["reviewer"]],
  ["admin", DEMO.admin, ["admin"]],
];

for (const [name, email, roles] of PEOPLE) {
  test(`dashboard pages as ${name}: sign-in redirect, 403 page or the page, as the permissions table says`, async ({ browser }) => {
    test.setTimeout(90_000);
    const page = email ? await signedIn(browser, email) : await (await browser.newContext()).newPage();
    const wrong: string[] = [];
    for (const { url, needs } of Object.values(PAGES)) {
      const response = await page.request.get(url, { headers: CLOSE, maxRedirects: 0 });
      const status = response.status();
      const location = response.headers()["location"] ?? "";
      const ok = !email
        ? status >= 300 && status < 400 && location.includes("/signin?callbackUrl=")
        : can({ roles }, needs)
          ? status < 300 || status === 404 // an allowed page with nothing to show (no draft) is a 404, never a 403
          : status === 403;
      if (!ok) wrong.push(`${url} (needs ${needs}): ${status} ${location}`);
    }
    expect(wrong).toEqual([]);
  });
}
