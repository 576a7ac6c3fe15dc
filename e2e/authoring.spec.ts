import { type Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO, signIn, uniqueName } from "./helpers";

async function createRuleSet(page: Page, title: string, slug: string) {
  await page.goto("/rulesets");
  await page.getByText("Create a rule set").click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel(/^Slug/).fill(slug);
  await page.getByRole("button", { name: /Create and start/ }).click();
  await expect(page).toHaveURL(new RegExp(`/rulesets/${slug}/draft$`));
}

const lintIssues = (page: Page) => page.getByTestId("lint-panel").getByTestId("lint-issue");

test("an author builds a rule set in the editor, sees lint appear and clear, saves, and reads history and diff", async ({ page }) => {
  page.on("dialog", (dialog) => dialog.accept());
  const slug = uniqueName("neck");
  await signIn(page, DEMO.author);
  await createRuleSet(page, "Neck pain", slug);

  // Questions: two yes/no and a number with a unit.
  await page.getByRole("tab", { name: "Questions" }).click();
  const addQuestion = async (id: string, text: string) => {
    await page.getByRole("button", { name: "Add question" }).click();
    await page.getByLabel("Question id").fill(id);
    await page.getByLabel("Question text").fill(text);
  };
  await addQuestion("arm_weakness", "Is one arm weak?");
  await expect(lintIssues(page).filter({ hasText: "Is one arm weak?" })).toHaveCount(1); // unused question
  await addQuestion("fever", "Do you have a fever?");
  await addQuestion("duration_hours", "How many hours has it lasted?");
  await page.getByLabel("Question type").selectOption("number");
  await page.getByLabel("Unit").fill("hours");

  // Guidance with live Markdown preview.
  await page.getByRole("tab", { name: "Guidance" }).click();
  await page.getByRole("button", { name: "Add guidance" }).click();
  await page.getByLabel("Guidance title").fill("Go now");
  await page.getByLabel("Guidance id").fill("go_now");
  await page.getByLabel("Guidance text (Markdown)").fill("Call **emergency services** now.\n\n- Do not drive yourself");
  await expect(page.getByTestId("guidance-preview").locator("strong")).toHaveText("emergency services");
  await expect(page.getByTestId("guidance-preview").locator("li")).toHaveText("Do not drive yourself");

  // A rule with a nested condition: arm weakness AND (fever OR more than 3 days).
  await page.getByRole("tab", { name: "Rules" }).click();
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByLabel("Rule title").fill("Weak arm with fever or lasting days");
  await page.getByLabel("Rule id").fill("weak_arm");
  const when = page.getByRole("group", { name: "When" });
  await when.getByRole("button", { name: "Add condition" }).first().click();
  await when.getByLabel("Question").first().selectOption("arm_weakness");
  await when.getByRole("button", { name: "Add group" }).first().click();
  const inner = when.getByRole("group", { name: /group/ }).nth(1);
  await inner.getByLabel("Group type").selectOption("any");
  // A new group starts with one condition.
  await inner.getByLabel("Question").first().selectOption("fever");
  await inner.getByRole("button", { name: "Add condition" }).click();
  await inner.getByLabel("Question").nth(1).selectOption("duration_hours");
  await inner.getByLabel("Comparison").nth(1).selectOption("gt");
  await inner.getByLabel("Value", { exact: true }).fill("3");
  await inner.getByLabel("Value unit").selectOption("days");
  await expect(page.getByTestId("condition-sentence")).toContainText("is yes");
  await expect(page.getByTestId("condition-sentence")).toContainText(/OR/i);
  await expect(page.getByTestId("condition-sentence")).toContainText("3 days");
  await page.getByLabel("Disposition", { exact: true }).selectOption("emergency");

  // The "unused question" warning for arm weakness clears now that a rule uses it.
  await expect(lintIssues(page).filter({ hasText: "Is one arm weak?" })).toHaveCount(0);
  // A rule that cites nothing is flagged until it has a citation.
  await expect(lintIssues(page).filter({ hasText: "cites no source" })).toHaveCount(1);
  await page.getByRole("button", { name: "Add citation" }).click();
  await page.getByLabel("Citation 1 source").fill("neck-guideline.txt");
  await page.getByLabel("Citation 1 statement").fill("Arm weakness with fever needs emergency care.");
  await expect(lintIssues(page).filter({ hasText: "cites no source" })).toHaveCount(0);

  await expect(page.getByTestId("save-status")).toHaveText(/Unsaved changes/);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("save-status")).toHaveText(/All changes saved · revision 2/);

  // History and diff.
  await page.goto(`/rulesets/${slug}`);
  await expect(page.getByTestId("draft-history")).toContainText("Revision 2");
  await page.getByRole("link", { name: "Compare with published" }).click();
  await expect(page.getByTestId("diff-rule-weak_arm")).toContainText("Weak arm with fever or lasting days");
  await expect(page.getByTestId("diff-fact-arm_weakness")).toBeVisible();
  await expect(page.getByTestId("diff-guidance-go_now")).toBeVisible();
});

test("a second author's stale save gets the conflict message and keeps what they typed", async ({ browser }) => {
  const slug = uniqueName("conflict");
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  first.on("dialog", (dialog) => dialog.accept());
  second.on("dialog", (dialog) => dialog.accept());

  await signIn(first, DEMO.author);
  await createRuleSet(first, "Conflicts", slug);
  await signIn(second, DEMO.author2);
  await second.goto(`/rulesets/${slug}/draft`);

  await first.getByRole("tab", { name: "Details" }).click();
  await first.getByLabel("Description").fill("Edited by the first author");
  await first.getByRole("button", { name: "Save" }).click();
  await expect(first.getByTestId("save-status")).toHaveText(/revision 2/);

  await second.getByRole("tab", { name: "Details" }).click();
  await second.getByLabel("Description").fill("Edited by the second author");
  await second.getByRole("button", { name: "Save" }).click();
  const conflict = second.getByTestId("save-conflict");
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("Ada Author");
  await expect(conflict).toContainText("Nothing you typed is lost");
  await expect(second.getByLabel("Description")).toHaveValue("Edited by the second author");
  await expect(second.getByTestId("save-status")).toHaveText(/Unsaved changes/);
});
