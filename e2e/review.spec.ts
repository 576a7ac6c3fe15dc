import { type APIRequestContext, type Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { smallRuleSet, smallRuleSetCases } from "../tests/setup/rule-set-fixture";
import { DEMO, signIn, uniqueName } from "./helpers";

/** The integration tests' small rule set, with the self-care rule's title the reviewer will ask to change. */
function document(slug: string, selfCareTitle: string) {
  const ruleSet = smallRuleSet(slug);
  return { ...ruleSet, metadata: { ...ruleSet.metadata, title: "Review flow" }, rules: ruleSet.rules.map((rule) => (rule.id === "benign" ? { ...rule, title: selfCareTitle } : rule)) };
}

async function ok(response: Awaited<ReturnType<APIRequestContext["post"]>>, what: string) {
  expect(response.ok(), `${what}: ${response.status()} ${await response.text()}`).toBe(true);
  return response;
}

async function publicVersion(request: APIRequestContext, slug: string) {
  const response = await request.get(`/api/public/rulesets/${slug}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { version: number; rules: { title: string }[] };
}

test("submit, four-eyes, request changes, fix, approve, publish, roll back", async ({ browser }) => {
  test.setTimeout(90_000);
  const slug = uniqueName("review");
  // Sam is a reviewer who also authors: the four-eyes rule must stop him approving his own work.
  const authorPage: Page = await (await browser.newContext()).newPage();
  const reviewerPage: Page = await (await browser.newContext()).newPage();
  for (const page of [authorPage, reviewerPage]) page.on("dialog", (dialog) => dialog.accept());
  await signIn(authorPage, "reviewer2@triage.test");
  await signIn(reviewerPage, DEMO.reviewer);
  const asAuthor = authorPage.request;
  const asReviewer = reviewerPage.request;

  // Version 1 goes through quickly over the API so there is something to roll back to.
  await ok(await asAuthor.post("/api/admin/rulesets", { data: { slug, title: "Review flow", document: document(slug, "Back pain without red flags") } }), "create");
  // The publication gate wants every rule exercised and the red flag pinned; later drafts inherit these cases.
  await ok(await asAuthor.put(`/api/admin/rulesets/${slug}/draft/tests`, { headers: { "if-match": "1" }, data: smallRuleSetCases }), "test cases v1");
  await ok(await asAuthor.post(`/api/admin/rulesets/${slug}/versions/1/submit`), "submit v1");
  await ok(await asReviewer.post(`/api/admin/rulesets/${slug}/versions/1/approve`), "approve v1");
  await ok(await asReviewer.post(`/api/admin/rulesets/${slug}/versions/1/publish`), "publish v1");
  expect((await publicVersion(asAuthor, slug)).version).toBe(1);

  // Version 2: the author edits and submits in the UI.
  await ok(await asAuthor.post(`/api/admin/rulesets/${slug}/draft`, { data: {} }), "start v2");
  await ok(
    await asAuthor.put(`/api/admin/rulesets/${slug}/draft`, { headers: { "if-match": "1" }, data: document(slug, "Back pain, no red flags (v2)") }),
    "edit v2",
  );
  await authorPage.goto(`/rulesets/${slug}`);
  await authorPage.getByRole("button", { name: "Submit for review" }).click();
  await expect(authorPage).toHaveURL(new RegExp(`/rulesets/${slug}/versions/2/review$`));
  await expect(authorPage.getByTestId("version-state")).toHaveText("In review");

  // The author cannot approve: no button, and the server refuses a forged request.
  await expect(authorPage.getByTestId("four-eyes-notice")).toBeVisible();
  await expect(authorPage.getByRole("button", { name: "Approve" })).toHaveCount(0);
  const forged = await asAuthor.post(`/api/admin/rulesets/${slug}/versions/2/approve`, { data: {} });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).code).toBe("four_eyes");

  // The reviewer requests changes with a comment on a rule.
  await reviewerPage.goto("/inbox");
  // The title is shared by every run of this test; the link to this run's version is not.
  await reviewerPage.locator(`a[href="/rulesets/${slug}/versions/2/review"]`).click();
  await expect(reviewerPage.getByTestId("review-urgency")).toBeVisible();
  await reviewerPage.getByLabel("What needs to change").fill("Please say what to watch for at home.");
  await reviewerPage.getByLabel("Rule for comment 1").selectOption("benign");
  await reviewerPage.getByLabel("Comment 1", { exact: true }).fill("Title should mention the warning signs");
  await reviewerPage.getByRole("button", { name: "Request changes" }).click();
  await expect(reviewerPage.getByTestId("version-state")).toHaveText("Changes requested");

  // The author sees the comments on the new draft, fixes it, resolves and resubmits.
  await authorPage.goto(`/rulesets/${slug}`);
  const comments = authorPage.getByTestId("comments");
  await expect(comments).toContainText("Title should mention the warning signs");
  await expect(comments).toContainText("Please say what to watch for at home.");
  await authorPage.goto(`/rulesets/${slug}/draft`);
  await authorPage.getByRole("tab", { name: "Rules" }).click();
  await authorPage.getByRole("button", { name: /Back pain, no red flags/ }).click();
  await authorPage.getByLabel("Rule title").fill("Back pain without red flags: watch for warning signs");
  await authorPage.getByRole("button", { name: "Save" }).click();
  await expect(authorPage.getByTestId("save-status")).toHaveText(/All changes saved/);
  await authorPage.goto(`/rulesets/${slug}`);
  // Each resolution re-renders the list, so index-based locators (`.all()`, `.nth(i)`) go stale:
  // resolve the first one and wait for the list to shrink, until none remain.
  const resolveButtons = authorPage.getByRole("button", { name: "Mark resolved" });
  await expect(resolveButtons).toHaveCount(2);
  for (let remaining = 2; remaining > 0; remaining--) {
    await resolveButtons.first().click();
    await expect(resolveButtons).toHaveCount(remaining - 1);
  }
  await authorPage.getByRole("button", { name: "Submit for review" }).click();
  await expect(authorPage).toHaveURL(new RegExp(`/rulesets/${slug}/versions/3/review$`));

  // The reviewer approves and publishes; the public API serves it at once.
  await reviewerPage.goto(`/rulesets/${slug}/versions/3/review`);
  // Only a title changed: the solver proves no one gets less urgent advice, so there is nothing to acknowledge.
  await expect(reviewerPage.getByTestId("verification-summary")).toContainText("All 1 safety invariant proven");
  await expect(reviewerPage.getByTestId("reductions-verdict")).toHaveText(/Proven: no answer set gets a less urgent disposition than published version 1/);
  await expect(reviewerPage.getByTestId("acknowledge-reductions")).toHaveCount(0);
  await reviewerPage.getByRole("button", { name: "Approve" }).click();
  await expect(reviewerPage.getByTestId("version-state")).toHaveText("Approved");
  await reviewerPage.getByRole("button", { name: "Publish version 3" }).click();
  await expect(reviewerPage.getByTestId("version-state")).toHaveText("Published");
  const published = await publicVersion(reviewerPage.request, slug);
  expect(published.version).toBe(3);
  expect(published.rules.map((rule) => rule.title)).toContain("Back pain without red flags: watch for warning signs");

  // Roll back to version 1 with a reason; the public API follows.
  await reviewerPage.goto(`/rulesets/${slug}`);
  await reviewerPage.getByLabel("Make current").selectOption("1");
  await reviewerPage.getByLabel("Reason (required)").fill("Version 3 wording confused testers");
  await reviewerPage.getByRole("button", { name: "Roll back" }).click();
  await expect(reviewerPage.getByTestId("published-version")).toContainText("Current version: v1");
  expect((await publicVersion(reviewerPage.request, slug)).version).toBe(1);
  await reviewerPage.goto(`/audit?ruleSet=${slug}`);
  await expect(reviewerPage.getByTestId("audit-table")).toContainText("Rolled back to a version");
});
