import { type Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { benignCase, redFlagCase, smallRuleSet, smallRuleSetCases } from "../tests/setup/rule-set-fixture";
import { CLOSE, DEMO, expectStatus, signedIn, uniqueName } from "./helpers";

async function createWithCases(page: Page, slug: string, testCases: unknown[]) {
  await expectStatus(await page.request.post("/api/admin/rulesets", { headers: CLOSE, data: { slug, title: "Gate flow", document: smallRuleSet(slug) } }), 201);
  await expectStatus(await page.request.put(`/api/admin/rulesets/${slug}/draft/tests`, { headers: { ...CLOSE, "if-match": "1" }, data: testCases }), 200);
}

test("submit is refused while a rule is not exercised, with a link to the tests page; an admin may waive coverage with a reason", async ({ browser }) => {
  test.setTimeout(90_000);
  const slug = uniqueName("gate-coverage");
  const author = await signedIn(browser, DEMO.author);
  // The red flag is pinned, but no test case makes the benign rule fire.
  await createWithCases(author, slug, [redFlagCase]);

  await author.goto(`/rulesets/${slug}`);
  await author.getByRole("button", { name: "Submit for review" }).click();
  const blockers = author.getByTestId("submit-blockers");
  await expect(blockers).toBeVisible();
  await expect(author.getByTestId("lifecycle-outcome")).toContainText("Version 1 cannot be submitted yet: 1 problem to fix first.");
  const coverage = blockers.getByTestId("gate-group-coverage");
  await expect(coverage).toContainText("Test coverage (1)");
  await expect(coverage).toContainText("An admin may waive this part");
  await expect(coverage.getByTestId("gate-reason")).toHaveText(/Rule “Back pain without red flags” is not exercised/);
  await expect(blockers.getByTestId("gate-group-invariants")).toHaveCount(0);
  await coverage.getByRole("link", { name: "Add a test case for it" }).click();
  await expect(author).toHaveURL(new RegExp(`/rulesets/${slug}/draft/tests\\?newCaseForRule=benign$`));
  await expect(author.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(author.getByRole("navigation", { name: "Draft views" }).getByRole("link", { name: "Test cases" })).toHaveAttribute("aria-current", "page");

  // An admin sees the rule set read-only (no draft controls) and waives the coverage part with a reason.
  const admin = await signedIn(browser, DEMO.admin);
  await admin.goto(`/rulesets/${slug}`);
  await expect(admin.getByRole("heading", { level: 2, name: "Test coverage requirement" })).toBeVisible();
  await expect(admin.getByText(slug, { exact: true })).toBeVisible();
  await expect(admin.getByRole("button", { name: "Submit for review" })).toHaveCount(0);
  await expect(admin.getByRole("link", { name: "Open the draft" })).toHaveCount(0);
  const waiver = admin.getByTestId("coverage-waiver");
  await expect(waiver.getByTestId("coverage-waiver-status")).toHaveAttribute("data-waived", "false");
  await waiver.getByLabel(/Why coverage may be waived/).fill("Pilot content: the suite is being written under clinical review");
  await waiver.getByRole("button", { name: "Waive the coverage requirement" }).click();
  await expect(waiver.getByTestId("coverage-waiver-status")).toHaveAttribute("data-waived", "true");
  await expect(waiver.getByTestId("coverage-waiver-status")).toContainText("Waived by Alex Admin");
  await expect(waiver.getByTestId("coverage-waiver-status")).toContainText("Pilot content: the suite is being written under clinical review");

  // Authors see the waiver but cannot lift it; with it, the submit goes through.
  await author.goto(`/rulesets/${slug}`);
  await expect(author.getByTestId("coverage-waiver-status")).toHaveAttribute("data-waived", "true");
  await expect(author.getByRole("button", { name: "Lift the waiver" })).toHaveCount(0);
  await author.getByRole("button", { name: "Submit for review" }).click();
  await expect(author).toHaveURL(new RegExp(`/rulesets/${slug}/versions/1/review$`));
  await expect(author.getByTestId("review-coverage-waiver")).toContainText("Pilot content");
  await expect(author.getByTestId("recorded-verification")).toContainText("At submission by Ada Author");

  // The admin lifts it again; both are in the audit log.
  await admin.goto(`/rulesets/${slug}`);
  await admin.getByRole("button", { name: "Lift the waiver" }).click();
  await expect(admin.getByTestId("coverage-waiver-status")).toHaveAttribute("data-waived", "false");
  await admin.goto(`/audit?ruleSet=${slug}`);
  await expect(admin.getByTestId("audit-table")).toContainText("Waived the test-coverage requirement");
  await expect(admin.getByTestId("audit-table")).toContainText("Lifted the test-coverage waiver");
});

test("a reduction in urgency is shown exactly, must be accepted with a reason, and the acknowledgement is kept and audited", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = uniqueName("gate-reduce");
  const author = await signedIn(browser, DEMO.author);
  const reviewer = await signedIn(browser, DEMO.reviewer);

  // Version 1, fully covered, published over the API.
  await createWithCases(author, slug, smallRuleSetCases);
  await expectStatus(await author.request.post(`/api/admin/rulesets/${slug}/versions/1/submit`, { headers: CLOSE }), 200);
  await expectStatus(await reviewer.request.post(`/api/admin/rulesets/${slug}/versions/1/approve`, { headers: CLOSE }), 200);
  await expectStatus(await reviewer.request.post(`/api/admin/rulesets/${slug}/versions/1/publish`, { headers: CLOSE }), 200);

  // Version 2 drops the benign rule: back pain without red flags now gets no disposition at all (less urgent than self-care).
  await expectStatus(await author.request.post(`/api/admin/rulesets/${slug}/draft`, { headers: CLOSE, data: {} }), 201);
  const v2 = smallRuleSet(slug);
  v2.rules = v2.rules.filter((rule) => rule.id !== benignCase.id);
  await expectStatus(await author.request.put(`/api/admin/rulesets/${slug}/draft`, { headers: { ...CLOSE, "if-match": "1" }, data: v2 }), 200);
  await expectStatus(await author.request.put(`/api/admin/rulesets/${slug}/draft/tests`, { headers: { ...CLOSE, "if-match": "2" }, data: [redFlagCase] }), 200);

  // The impact page leads with the exact answer, before the sampled counts.
  await author.goto(`/rulesets/${slug}/draft/impact`);
  await author.getByRole("button", { name: "Compare with published" }).click();
  const exact = author.getByTestId("urgency-reduction");
  await expect(exact).toHaveAttribute("data-status", "found");
  await expect(exact.getByRole("heading")).toContainText("1 reduction in urgency against published version 1");
  await expect(exact.getByTestId("exact-reduction")).toContainText("Published version 1 gives “Self-care” where the draft gives “no disposition”");
  await expect(exact.getByTestId("exact-reduction-example")).toContainText("saddle numbness no, back pain yes");
  await expect(author.getByTestId("sampled-impact")).toBeVisible();
  expect(await exact.evaluate((panel) => Boolean(panel.compareDocumentPosition(document.querySelector('[data-testid="sampled-impact"]')!) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);

  await expectStatus(await author.request.post(`/api/admin/rulesets/${slug}/versions/2/submit`, { headers: CLOSE }), 200);

  // The reviewer sees the reduction with its counterexample.
  await reviewer.goto(`/rulesets/${slug}/versions/2/review`);
  await expect(reviewer.getByTestId("verification-summary")).toContainText("All 1 safety invariant proven");
  await expect(reviewer.getByTestId("invariant")).toHaveAttribute("data-status", "proven");
  const reductions = reviewer.locator("#reductions");
  await expect(reductions.getByTestId("reductions-verdict")).toHaveAttribute("data-status", "found");
  await expect(reductions.getByTestId("reduction")).toContainText("Published version 1 gives “Self-care” where this version gives “no disposition”");
  await expect(reductions.getByTestId("reduction-counterexample")).toContainText("e.g. saddle numbness no, back pain yes");

  // No reason: the form refuses, and says which field.
  const reason = reviewer.getByLabel("Reason for accepting reduction 1: “Self-care” → “no disposition”");
  await expect(reason).toBeVisible();
  await reviewer.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.getByTestId("approve-missing-reasons")).toHaveText("Not approved: 1 reduction needs a reason first.");
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toBeFocused();
  await expect(reviewer.getByTestId("version-state")).toHaveText("In review");

  // The server refuses too: without an acknowledgement, and with one that gives no real reason.
  const refused = await expectStatus(await reviewer.request.post(`/api/admin/rulesets/${slug}/versions/2/approve`, { headers: CLOSE, data: {} }), 409);
  const problem = (await refused.json()) as { code: string; reasons: { code: string; href: string }[] };
  expect(problem.code).toBe("not_ready");
  expect(problem.reasons.map((r) => r.code)).toEqual(["reduction_not_acknowledged"]);
  expect(problem.reasons[0].href).toBe(`/rulesets/${slug}/versions/2/review#reductions`);
  await expectStatus(
    await reviewer.request.post(`/api/admin/rulesets/${slug}/versions/2/approve`, { headers: CLOSE, data: { acknowledgements: [{ published: "self_care", draft: null, reason: "ok" }] } }),
    400,
  );

  // With a reason, it is approved, and the acknowledgement is shown with the version it was compared with.
  const why = "Back pain without red flags is out of scope now: the app shows its own advice";
  await reason.fill(why);
  await reviewer.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.getByTestId("version-state")).toHaveText("Approved");
  const acknowledgement = reviewer.getByTestId("acknowledgement");
  await expect(acknowledgement).toContainText("Rita Reviewer approved, compared with published version 1");
  await expect(acknowledgement).toContainText(`“Self-care” in version 1 → “no disposition” here: ${why}`);

  await reviewer.getByRole("button", { name: "Publish version 2" }).click();
  await expect(reviewer.getByTestId("version-state")).toHaveText("Published");

  // The published version's review page keeps what was accepted, and against which version.
  await reviewer.reload();
  await expect(reviewer.getByTestId("acknowledgement")).toContainText(why);
  await expect(reviewer.getByTestId("acknowledgement")).toContainText("compared with published version 1");
  await expect(reviewer.locator("#reductions")).toContainText("At publication");
  await expect(reviewer.locator("#reductions").getByTestId("reduction")).toContainText("Published version 1 gives “Self-care” where this version gives “no disposition”");
  await expect(reviewer.getByTestId("recorded-verification")).toContainText("At publication by Rita Reviewer");

  // And the audit log has the reason with the approval and the publication.
  await reviewer.goto(`/audit?ruleSet=${slug}`);
  const audit = reviewer.getByTestId("audit-table");
  await expect(audit.getByRole("row").filter({ hasText: "Approved a version" }).filter({ hasText: why })).toHaveCount(1);
  await expect(audit.getByRole("row").filter({ hasText: "Published a version" }).filter({ hasText: why })).toHaveCount(1);
});
