import { type Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { CLOSE, DEMO, expectStatus, signIn, uniqueName } from "./helpers";

async function createRuleSet(page: Page, title: string, slug: string) {
  await page.goto("/rulesets");
  await page.getByText("Create a rule set").click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel(/^Slug/).fill(slug);
  await page.getByRole("button", { name: /Create and start/ }).click();
  await expect(page).toHaveURL(new RegExp(`/rulesets/${slug}/draft$`));
}

const citation = [{ source: "chest-guideline.txt", statement: "Chest pain with breathlessness needs emergency care." }];

/** Chest pain, with a follow-up that is only asked when there is chest pain. */
function chestDocument(slug: string, heartAttackDisposition: string) {
  return {
    schemaVersion: 1,
    metadata: { slug, title: "Chest pain", description: "", audience: "", locales: ["en"] },
    facts: [
      { id: "chest_pain", type: "boolean", label: "chest pain", question: "Do you have chest pain?", help: "Any pain or pressure in the chest." },
      {
        id: "breathless",
        type: "boolean",
        label: "short of breath",
        question: "Are you short of breath?",
        askWhen: { fact: "chest_pain", op: "eq", value: true },
      },
      { id: "duration_days", type: "number", unit: "days", min: 0, max: 365, label: "days it has lasted", question: "How many days has it lasted?" },
    ],
    dispositions: [
      { id: "emergency", label: "Emergency", action: "Go to an emergency department or call emergency services now.", guidance: [] },
      { id: "urgent", label: "Urgent care today", action: "Get medical care today.", guidance: [] },
      { id: "see_doctor", label: "See a doctor", action: "Book an appointment with your doctor.", guidance: [] },
      { id: "self_care", label: "Self-care", action: "Manage at home and watch for warning signs.", guidance: [] },
    ],
    defaultDisposition: "self_care",
    rules: [
      {
        id: "heart_attack",
        title: "Chest pain with breathlessness",
        when: { all: [{ fact: "chest_pain", op: "eq", value: true }, { fact: "breathless", op: "eq", value: true }] },
        disposition: heartAttackDisposition,
        guidance: ["call_now"],
        rationale: "Possible heart attack.",
        citations: citation,
        tags: ["red-flag"],
      },
      {
        id: "lasting",
        title: "Lasting more than a week",
        when: { fact: "duration_days", op: "gt", value: { value: 7, unit: "days" } },
        disposition: "see_doctor",
        guidance: ["book"],
        citations: citation,
      },
    ],
    guidance: [
      { id: "call_now", title: "Call emergency services", body: "Call **emergency services** now. Do not drive yourself." },
      { id: "book", title: "Book an appointment", body: "See your doctor this week." },
    ],
  };
}

async function putDocument(page: Page, slug: string, revision: number, document: unknown) {
  const response = await page.request.put(`/api/admin/rulesets/${slug}/draft`, {
    headers: { ...CLOSE, "if-match": String(revision), "content-type": "application/json" },
    data: document,
  });
  await expectStatus(response, 200);
}

async function draftRevision(page: Page, slug: string): Promise<number> {
  const response = await page.request.get(`/api/admin/rulesets/${slug}/draft`, { headers: CLOSE });
  await expectStatus(response, 200);
  return ((await response.json()) as { revision: number }).revision;
}

const question = (page: Page, text: RegExp) => page.getByRole("group", { name: text });

test("test cases catch under-triage, the patient preview saves a case, and impact flags an urgency reduction", async ({ browser }) => {
  test.setTimeout(180_000);
  const slug = uniqueName("chest");
  const authorContext = await browser.newContext();
  const page = await authorContext.newPage();
  page.on("dialog", (dialog) => dialog.accept());
  await signIn(page, DEMO.author);
  await createRuleSet(page, "Chest pain", slug);

  // The red-flag rule gives Urgent care instead of Emergency: a bug the test cases must catch.
  await putDocument(page, slug, 1, chestDocument(slug, "urgent"));

  // --- Test cases: add two in the UI, save, run.
  await page.goto(`/rulesets/${slug}/draft/tests`);
  await expect(page.getByRole("navigation", { name: "Draft views" }).getByRole("link", { name: "Test cases" })).toHaveAttribute("aria-current", "page");

  await page.getByRole("button", { name: "Add test case" }).click();
  let editor = page.getByTestId("test-case-editor");
  await editor.getByLabel("Name").fill("Chest pain with breathlessness");
  await expect(question(page, /Are you short of breath/)).toHaveCount(0);
  await question(page, /Do you have chest pain/).getByLabel("Yes").check();
  await question(page, /Are you short of breath/).getByLabel("Yes").check();
  await expect(editor.getByTestId("editor-current-result")).toContainText("Urgent care today");
  await editor.getByLabel("Expected disposition").selectOption("emergency");
  // Pins the red flag (the publication gate asks for it): the rule must fire, with the emergency disposition.
  await editor.getByRole("group", { name: /Rules that must fire/ }).getByLabel(/Chest pain with breathlessness/).check();
  await editor.getByLabel("Tags").fill("red-flag");
  await editor.getByRole("button", { name: "Add to the list" }).click();

  await page.getByRole("button", { name: "Add test case" }).click();
  editor = page.getByTestId("test-case-editor");
  await editor.getByLabel("Name").fill("A week and a half, no chest pain");
  await question(page, /Do you have chest pain/).getByLabel("No", { exact: true }).check();
  await editor.getByLabel("How many days has it lasted?").fill("10");
  await editor.getByLabel("Expected disposition").selectOption("see_doctor");
  await editor.getByRole("button", { name: "Add to the list" }).click();

  const table = page.getByTestId("test-case-table");
  await expect(table.getByRole("row", { name: /Chest pain with breathlessness/ }).getByTestId("red-flag-tag")).toBeVisible();
  await expect(page.getByTestId("tests-save-status")).toContainText("Unsaved changes");
  await page.getByRole("button", { name: "Save test cases" }).click();
  await expect(page.getByTestId("tests-save-status")).toContainText("All test cases saved · revision 3");

  await page.getByRole("button", { name: "Run all" }).click();
  await expect(page.getByTestId("under-triage-summary")).toContainText("1 case gets a LESS urgent result than expected");
  await expect(page.getByTestId("run-summary")).toContainText("1 passed");
  await expect(page.getByTestId("run-duration")).toContainText("ms");
  const failing = page.getByTestId("run-results").getByRole("row", { name: /Chest pain with breathlessness/ }).first();
  await expect(failing).toContainText("FAIL");
  await expect(failing).toContainText("UNDER-TRIAGE");
  await expect(failing).toContainText("LESS URGENT than expected");
  await failing.getByRole("button", { name: /Show trace/ }).click();
  const trace = page.getByTestId("trace");
  await expect(trace.getByTestId("trace-rule-heart_attack")).toContainText("true");
  await expect(trace.getByTestId("trace-rule-heart_attack").getByTestId("trace-comparison").first()).toContainText("answer: yes");
  await expect(page.getByTestId("coverage")).toBeVisible();

  // --- An import with problems imports nothing and names the row and column.
  await page.getByLabel("Test-case file (.csv or .json)").setInputFiles({
    name: "bad.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify([{ name: "Bad", answers: { chest_pain: "maybe" }, expected: { disposition: "nowhere" } }])),
  });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-result")).toContainText("Nothing was imported");
  await expect(page.getByTestId("import-errors").getByRole("row")).not.toHaveCount(1);
  await expect(page.getByTestId("import-errors")).toContainText("nowhere");

  // --- Fix the rule (through the API), re-run: all pass.
  await putDocument(page, slug, await draftRevision(page, slug), chestDocument(slug, "emergency"));
  await page.reload();
  await page.getByRole("button", { name: "Run all" }).click();
  await expect(page.getByTestId("under-triage-summary")).toContainText("No case gets a less urgent result than expected");
  await expect(page.getByTestId("run-summary")).toContainText("2 passed");

  // --- Patient preview: the follow-up appears only after chest pain = yes.
  await page.getByRole("navigation", { name: "Draft views" }).getByRole("link", { name: "Patient preview" }).click();
  await expect(page.getByRole("heading", { name: "Patient preview" })).toBeVisible();
  await expect(question(page, /Are you short of breath/)).toHaveCount(0);
  // Nothing answered: the draft's own result is its default, self-care, but the red flag could still make it an
  // emergency. The person is shown the emergency advice as provisional, never a self-care card.
  const preview = page.getByTestId("preview-result");
  await expect(preview).toHaveAttribute("data-status", "provisional");
  await expect(page.getByTestId("preview-disposition")).toHaveText("Emergency");
  await expect(page.getByTestId("preview-action")).toHaveText("We could not rule out a problem that needs “Emergency”, so go to an emergency department or call emergency services now.");
  await expect(preview).not.toContainText("Self-care");
  await expect(page.getByTestId("preview-engine-note")).toContainText("“Self-care” (the rule set’s default)");
  // Safety questions first: the red flag's question, then the rest.
  await expect(page.getByTestId("questions-safety").getByRole("group", { name: /Do you have chest pain/ })).toBeVisible();
  await expect(page.getByTestId("questions-other").getByRole("group", { name: /Do you have chest pain/ })).toHaveCount(0);
  await question(page, /Do you have chest pain/).getByLabel("Yes").check();
  await expect(page.getByTestId("preview-unanswered")).toContainText("Are you short of breath?");
  // "I'm not sure" is not an answer: still provisional.
  await question(page, /Are you short of breath/).getByLabel("I’m not sure").check();
  await expect(page.getByTestId("preview-unanswered")).toContainText("Are you short of breath? (you were not sure)");
  await expect(preview).toHaveAttribute("data-status", "provisional");
  await question(page, /Are you short of breath/).getByLabel("Yes").check();
  await expect(preview).toHaveAttribute("data-status", "final");
  await expect(page.getByTestId("preview-disposition")).toContainText("Emergency");
  await expect(page.getByTestId("preview-announcement")).toHaveText("Shown to the person: Emergency.");
  await expect(page.getByTestId("preview-guidance").locator("strong")).toHaveText("emergency services");
  await expect(page.getByTestId("clinician-view").getByTestId("trace-rule-heart_attack")).toContainText("Chest pain with breathlessness");
  const save = page.getByTestId("save-as-test-case");
  await expect(save.getByLabel("Expected disposition")).toHaveValue("emergency");
  await save.getByLabel("Test case name").fill("Preview: chest pain and breathless");
  await save.getByLabel(/Tag as/).check();
  await save.getByRole("button", { name: "Save as test case" }).click();
  await expect(page.getByTestId("save-case-message")).toContainText("Saved “Preview: chest pain and breathless”");
  await page.getByRole("link", { name: "Open the test cases" }).click();
  await expect(page.getByTestId("test-case-table").getByRole("row", { name: /Preview: chest pain and breathless/ })).toBeVisible();

  // --- Impact before anything is published.
  await page.goto(`/rulesets/${slug}/draft/impact`);
  await page.getByRole("button", { name: "Compare with published" }).click();
  await expect(page.getByTestId("impact-nothing-published")).toContainText("Nothing is published yet");

  // --- Publish version 1: the author submits, a reviewer approves and publishes.
  // The publication gate wants the red flag pinned: its red-flag cases must also name the rule that must fire.
  const tests = await page.request.get(`/api/admin/rulesets/${slug}/draft/tests`, { headers: CLOSE });
  await expectStatus(tests, 200);
  const { revision, testCases } = (await tests.json()) as { revision: number; testCases: { tags: string[]; expected: Record<string, unknown> }[] };
  const pinned = testCases.map((testCase) => (testCase.tags.includes("red-flag") ? { ...testCase, expected: { ...testCase.expected, firedRules: ["heart_attack"] } } : testCase));
  await expectStatus(await page.request.put(`/api/admin/rulesets/${slug}/draft/tests`, { headers: { ...CLOSE, "if-match": String(revision) }, data: pinned }), 200);
  await expectStatus(await page.request.post(`/api/admin/rulesets/${slug}/versions/1/submit`, { headers: CLOSE }), 200);
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, DEMO.reviewer);
  await expectStatus(await reviewer.request.post(`/api/admin/rulesets/${slug}/versions/1/approve`, { headers: CLOSE }), 200);
  await expectStatus(await reviewer.request.post(`/api/admin/rulesets/${slug}/versions/1/publish`, { headers: CLOSE }), 200);
  await reviewerContext.close();

  // --- A new draft makes the red flag less urgent; the impact view must say so first.
  const started = await page.request.post(`/api/admin/rulesets/${slug}/draft`, { headers: { ...CLOSE, "content-type": "application/json" }, data: {} });
  await expectStatus(started, 201);
  await putDocument(page, slug, 1, chestDocument(slug, "urgent"));
  await page.goto(`/rulesets/${slug}/draft/impact`);
  await page.getByRole("button", { name: "Compare with published" }).click();
  // The exact answer leads: the solver's reduction over every answer set, with its smallest example.
  const reduction = page.getByTestId("urgency-reduction");
  await expect(reduction).toHaveAttribute("data-status", "found");
  await expect(reduction.getByRole("heading")).toContainText("1 reduction in urgency against published version 1");
  const pair = reduction.getByTestId("exact-reduction");
  await expect(pair).toHaveCount(1);
  await expect(pair).toContainText("Published version 1 gives “Emergency” where the draft gives “Urgent care today”");
  await expect(pair.getByTestId("exact-reduction-example")).toContainText("chest pain yes, short of breath yes");
  // The sampled counts follow, below it.
  const sampled = page.getByTestId("sampled-summary");
  await expect(sampled).toContainText("2 test cases and");
  await expect(sampled).toContainText(/[1-9]\d* explored answer sets?\./);
  expect(await reduction.evaluate((panel) => Boolean(panel.compareDocumentPosition(document.querySelector('[data-testid="sampled-impact"]')!) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);
  await expect(page.getByTestId("impact-cases").getByRole("row", { name: /Chest pain with breathlessness/ })).toContainText("LESS URGENT");
  await expect(page.getByTestId("exploration-summary")).toContainText("exhaustive");

  // One click turns the counterexample into a test case that expects the safer, published result.
  await pair.getByRole("button", { name: /Add as test case/ }).click();
  await expect(pair.getByTestId("explored-add-message")).toContainText("Added");
  await expect(pair.getByTestId("explored-add-message")).toContainText("expects Emergency");

  const example = page.getByTestId("explored-example").first();
  await expect(example).toHaveAttribute("data-urgency", "reduced");
  await example.getByRole("button", { name: /Add as test case/ }).click();
  await expect(example.getByTestId("explored-add-message")).toContainText("Added");
  await expect(example.getByTestId("explored-add-message")).toContainText("expects Emergency");
  await authorContext.close();
});

test("a new rule set from the starter shows no reassurance in the patient preview", async ({ page }) => {
  const slug = uniqueName("starter");
  await signIn(page, DEMO.author);
  await createRuleSet(page, "Starter", slug);
  await page.getByRole("navigation", { name: "Draft views" }).getByRole("link", { name: "Patient preview" }).click();
  await expect(page.getByRole("heading", { name: "Patient preview" })).toBeVisible();
  const preview = page.getByTestId("preview-result");
  await expect(preview).toBeVisible();
  await expect(preview).not.toHaveAttribute("data-tone", "reassure");
  await expect(preview).not.toContainText("Self-care");
});
