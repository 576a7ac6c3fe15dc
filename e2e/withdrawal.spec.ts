import { expect, test } from "./fixtures";
import { smallRuleSet, smallRuleSetCases } from "../tests/setup/rule-set-fixture";
import { CLOSE, DEMO, expectStatus, signedIn, uniqueName } from "./helpers";

test("an emergency withdrawal stays until someone lifts it with a reason: from the rule set page, or by publishing with a reason", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = uniqueName("withdrawal");
  const author = await signedIn(browser, DEMO.author);
  const reviewer = await signedIn(browser, DEMO.reviewer);

  // Version 1 published and version 2 approved, over the API.
  await expectStatus(await author.request.post("/api/admin/rulesets", { headers: CLOSE, data: { slug, title: "Withdrawal flow", document: smallRuleSet(slug) } }), 201);
  await expectStatus(await author.request.put(`/api/admin/rulesets/${slug}/draft/tests`, { headers: { ...CLOSE, "if-match": "1" }, data: smallRuleSetCases }), 200);
  await expectStatus(await author.request.post(`/api/admin/rulesets/${slug}/versions/1/submit`, { headers: CLOSE }), 200);
  await expectStatus(await reviewer.request.post(`/api/admin/rulesets/${slug}/versions/1/approve`, { headers: CLOSE }), 200);
  await expectStatus(await reviewer.request.post(`/api/admin/rulesets/${slug}/versions/1/publish`, { headers: CLOSE }), 200);
  await expectStatus(await author.request.post(`/api/admin/rulesets/${slug}/draft`, { headers: CLOSE, data: {} }), 201);
  await expectStatus(await author.request.post(`/api/admin/rulesets/${slug}/versions/2/submit`, { headers: CLOSE }), 200);
  await expectStatus(await reviewer.request.post(`/api/admin/rulesets/${slug}/versions/2/approve`, { headers: CLOSE }), 200);

  // The reviewer withdraws it from the rule set page.
  await reviewer.goto(`/rulesets/${slug}`);
  const withdrawForm = reviewer.getByRole("form", { name: "Withdraw", exact: true });
  await withdrawForm.getByLabel("Reason client apps will show (required)").fill("Saddle numbness advice under review");
  await withdrawForm.getByRole("button", { name: "Withdraw from client apps" }).click();
  await expect(reviewer.getByTestId("withdrawn-banner")).toContainText("Saddle numbness advice under review");
  expect((await reviewer.request.get(`/api/public/rulesets/${slug}`, { headers: CLOSE })).status()).toBe(410);

  // A second withdrawal changes nothing; publishing without lifting is refused; clients keep getting 410.
  const again = await expectStatus(await reviewer.request.post(`/api/admin/rulesets/${slug}/withdraw`, { headers: CLOSE, data: { reason: "Another reason" } }), 409);
  expect((await again.json()).code).toBe("already_withdrawn");
  const refused = await expectStatus(await reviewer.request.post(`/api/admin/rulesets/${slug}/versions/2/publish`, { headers: CLOSE }), 409);
  expect((await refused.json()).code).toBe("withdrawn");
  await reviewer.reload();
  await expect(reviewer.getByTestId("withdrawn-banner")).toContainText("Saddle numbness advice under review");
  expect((await (await reviewer.request.get(`/api/public/rulesets/${slug}`, { headers: CLOSE })).json()).reason).toBe("Saddle numbness advice under review");

  // In place of the withdraw form: lifting it, with a reason the browser requires too.
  await expect(reviewer.getByRole("form", { name: "Withdraw", exact: true })).toHaveCount(0);
  const lift = reviewer.getByRole("form", { name: "Lift the withdrawal" });
  await expect(lift.getByLabel("Make available")).toHaveValue("1");
  await lift.getByRole("button", { name: "Lift the withdrawal" }).click();
  expect(await lift.getByLabel("Why it is safe to lift the withdrawal (required)").evaluate((field) => (field as HTMLTextAreaElement).validity.valueMissing)).toBe(true);
  await expect(reviewer.getByTestId("withdrawn-banner")).toBeVisible();
  await lift.getByLabel("Why it is safe to lift the withdrawal (required)").fill("Reviewed: the advice was right");
  await lift.getByRole("button", { name: "Lift the withdrawal" }).click();
  await expect(reviewer.getByTestId("withdrawn-banner")).toHaveCount(0);
  await expect(reviewer.getByTestId("published-version")).toContainText("Current version: v1");
  const history = reviewer.getByRole("list", { name: "Publication history" });
  await expect(history.getByRole("listitem").first()).toContainText("lifted the withdrawal of v1 — “Reviewed: the advice was right”");
  expect((await (await reviewer.request.get(`/api/public/rulesets/${slug}`, { headers: CLOSE })).json()).version).toBe(1);

  // Withdrawn again; this time version 2 is the fix: publishing it says it lifts the withdrawal and asks why.
  await reviewer.getByRole("form", { name: "Withdraw", exact: true }).getByLabel("Reason client apps will show (required)").fill("Wrong threshold in version 1");
  await reviewer.getByRole("form", { name: "Withdraw", exact: true }).getByRole("button", { name: "Withdraw from client apps" }).click();
  await expect(reviewer.getByTestId("withdrawn-banner")).toContainText("Wrong threshold in version 1");
  await reviewer.goto(`/rulesets/${slug}/versions/2/review`);
  const publish = reviewer.getByRole("form", { name: "Publish version 2" });
  await expect(publish.getByTestId("publish-lifts-withdrawal")).toContainText("Wrong threshold in version 1");
  await publish.getByLabel(/Why it is safe to lift the withdrawal/).fill("Version 2 corrects the threshold");
  await publish.getByRole("button", { name: "Lift the withdrawal and publish version 2" }).click();
  await expect(reviewer.getByTestId("version-state")).toHaveText("Published");
  expect((await (await reviewer.request.get(`/api/public/rulesets/${slug}`, { headers: CLOSE })).json()).version).toBe(2);

  await reviewer.goto(`/rulesets/${slug}`);
  const items = reviewer.getByRole("list", { name: "Publication history" }).getByRole("listitem");
  await expect(items.nth(0)).toContainText("published v2");
  await expect(items.nth(1)).toContainText("lifted the withdrawal of v1 — “Version 2 corrects the threshold”");
  await expect(items.nth(2)).toContainText("withdrew v1 — “Wrong threshold in version 1”");
  await reviewer.goto(`/audit?ruleSet=${slug}`);
  await expect(reviewer.getByTestId("audit-table").getByRole("row").filter({ hasText: "Lifted a withdrawal" })).toHaveCount(2);
});
