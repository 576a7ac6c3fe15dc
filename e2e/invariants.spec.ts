import { type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { smallRuleSet } from "../tests/setup/rule-set-fixture";
import { DEMO, signIn, uniqueName } from "./helpers";

/**
 * The integration tests' small rule set with a realistic mistake: the
 * saddle-numbness red flag only fires when back pain is reported as well.
 * Its own (derived) invariant holds; an author's "saddle numbness is always
 * an emergency" does not.
 */
function narrowRedFlag(slug: string, extra: Record<string, unknown> = {}) {
  const base = smallRuleSet(slug);
  return {
    ...base,
    metadata: { ...base.metadata, title: "Invariants" },
    defaultDisposition: "self_care",
    rules: base.rules.map((rule) =>
      rule.id === "cauda_equina"
        ? { ...rule, when: { all: [{ fact: "saddle_numbness", op: "eq", value: true }, { fact: "pain_present", op: "eq", value: true }] } }
        : rule,
    ),
    ...extra,
  };
}

async function ok(response: Awaited<ReturnType<APIRequestContext["get"]>>, what: string) {
  expect(response.ok(), `${what}: ${response.status()} ${await response.text()}`).toBe(true);
  return response;
}

type StoredTests = { revision: number; testCases: { id: string; name: string; answers: Record<string, unknown>; expected: Record<string, unknown>; tags: string[] }[] };
type StoredDraft = { revision: number; document: { invariants?: unknown[]; rules: { id: string; when: unknown }[] } };

async function getJson<T>(page: Page, url: string): Promise<T> {
  return (await (await ok(await page.request.get(url), url)).json()) as T;
}

async function createRuleSet(page: Page, slug: string, document: unknown) {
  await ok(await page.request.post("/api/admin/rulesets", { data: { slug, title: "Invariants", document } }), "create");
}

/** The solver's verdict on one invariant in the live panel (`red-flag:<ruleId>` for a red flag's). */
const verdict = (page: Page, id: string): Locator => page.getByTestId("verification-panel").locator(`[data-testid="verdict"][data-invariant-id="${id}"]`);

// The solver answers within its 5 s budget; the first check also starts Z3 in the server.
const SOLVER = { timeout: 20_000 };

test("an author writes an invariant the rules break, sees the counterexample live, adds it as a test case, fixes the rule and sees it proven before saving", async ({ page }) => {
  test.setTimeout(90_000);
  page.on("dialog", (dialog) => dialog.accept());
  const slug = uniqueName("invariants");
  await signIn(page, DEMO.author);
  await createRuleSet(page, slug, narrowRedFlag(slug));
  await page.goto(`/rulesets/${slug}/draft`);

  // The red flag's derived invariant is checked as soon as the editor opens.
  await expect(verdict(page, "red-flag:cauda_equina")).toHaveAttribute("data-kind", "proven", SOLVER);
  await expect(page.getByTestId("verification-status")).toHaveAttribute("data-status", "current");

  // The Invariants tab lists it read only, with a link to its rule.
  await page.getByRole("tab", { name: "Invariants" }).click();
  const derived = page.getByTestId("derived-invariant").filter({ hasText: "saddle numbness" });
  await expect(derived).toContainText("Whenever saddle numbness is yes AND back pain is yes, the disposition is “Emergency”.");

  // Write "whenever saddle numbness is yes, the disposition is at least Emergency".
  await page.getByRole("button", { name: "Add invariant" }).click();
  await page.getByLabel("Invariant id").fill("saddle_numbness_emergency");
  await expect(page.getByRole("radio", { name: /Whenever … the disposition is at least …/ })).toBeChecked();
  const condition = page.getByRole("group", { name: "Invariant condition", exact: true });
  await condition.getByRole("button", { name: "Add condition" }).click();
  await expect(condition.getByLabel("Question")).toHaveValue("saddle_numbness");
  await expect(page.getByLabel("Disposition", { exact: true })).toHaveValue("emergency");
  await page.getByLabel("Rationale").fill("Saddle numbness is a cauda equina red flag whatever else is answered.");
  await expect(page.getByTestId("invariant-statement")).toHaveText("Whenever saddle numbness is yes, the disposition is “Emergency”.");

  // Violated, live, before anything is saved: the smallest counterexample and what it gets.
  const mine = verdict(page, "saddle_numbness_emergency");
  await expect(mine).toHaveAttribute("data-kind", "violated", SOLVER);
  await expect(mine.getByTestId("counterexample-answers")).toHaveText("saddle numbness yes");
  await expect(mine.getByTestId("counterexample-outcome")).toHaveText("“Self-care”");
  await expect(mine.getByTestId("counterexample")).toContainText("No answer set with fewer answered questions");
  await expect(page.getByTestId("verification-badge")).toHaveText(/Safety: 1 violated/);
  await expect(page.getByTestId("save-status")).toHaveText(/Unsaved changes/);

  // One click: the counterexample becomes a test case expecting the safe result.
  await mine.getByRole("button", { name: "Add as test case" }).click();
  await expect(mine.getByTestId("add-case-message")).toContainText("to the test cases, expecting “Emergency”");
  const tests = await getJson<StoredTests>(page, `/api/admin/rulesets/${slug}/draft/tests`);
  expect(tests.revision).toBe(2);
  expect(tests.testCases).toEqual([
    expect.objectContaining({ answers: { saddle_numbness: true }, expected: { disposition: "emergency" }, tags: ["invariant"] }),
  ]);
  expect(tests.testCases[0].name).toMatch(/^Whenever saddle numbness is yes, the disposition is “Emergency” \(e\.g\. saddle numbness yes\)$/);

  // Fix the rule: the red flag no longer needs back pain as well.
  await page.getByRole("tab", { name: "Rules" }).click();
  await page.getByRole("tabpanel").getByRole("button", { name: /Saddle numbness/ }).click();
  const when = page.getByRole("group", { name: "When" });
  await when.getByRole("button", { name: "Remove condition" }).nth(1).click();
  await expect(when.getByTestId("condition-sentence")).toHaveText("Saddle numbness is yes");
  // The result on screen is for the document before the fix until the new one arrives.
  await expect(page.getByTestId("verification-results")).toHaveAttribute("data-stale", "true");
  await expect(mine).toHaveAttribute("data-kind", "proven", SOLVER);
  await expect(page.getByTestId("verification-results")).toHaveAttribute("data-stale", "false");
  await expect(verdict(page, "red-flag:cauda_equina")).toHaveAttribute("data-kind", "proven");
  await expect(page.getByTestId("verification-badge")).toHaveText("Safety: 2 proven");
  await expect(page.getByTestId("save-status")).toHaveText(/Unsaved changes/);

  // Save: no conflict with the test case this author saved meanwhile.
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved · revision 3");
  await expect(page.getByTestId("save-conflict")).toHaveCount(0);
  const draft = await getJson<StoredDraft>(page, `/api/admin/rulesets/${slug}/draft`);
  expect(draft.document.invariants).toEqual([
    expect.objectContaining({ id: "saddle_numbness_emergency", kind: "atLeast", when: { all: [{ fact: "saddle_numbness", op: "eq", value: true }] }, disposition: "emergency" }),
  ]);
  expect(draft.document.rules.find((r) => r.id === "cauda_equina")?.when).toEqual({ all: [{ fact: "saddle_numbness", op: "eq", value: true }] });

  // The saved test case now passes against the saved draft.
  await page.goto(`/rulesets/${slug}/draft/tests`);
  await page.getByRole("button", { name: "Run all" }).click();
  await expect(page.getByTestId("run-summary")).toContainText("1 passed");
});

test("the Invariants tab works from the keyboard, with labelled fields; lint and deep links focus the invariant they name", async ({ page }) => {
  test.setTimeout(60_000);
  const slug = uniqueName("invariants-keys");
  await signIn(page, DEMO.author);
  const saved = {
    id: "saddle_numbness_emergency",
    kind: "atLeast",
    when: { fact: "saddle_numbness", op: "eq", value: true },
    disposition: "emergency",
    rationale: "",
    citations: [],
  };
  // An invariant naming a question that does not exist: a lint error, and the solver cannot check it.
  const broken = { ...saved, id: "broken_reference", when: { fact: "no_such_question", op: "eq", value: true } };
  await createRuleSet(page, slug, narrowRedFlag(slug, { invariants: [saved, broken] }));
  await page.goto(`/rulesets/${slug}/draft`);

  // Its lint finding opens it on the Invariants tab and focuses the spot (once the page is interactive).
  await expect(page.getByRole("tab", { name: "Details" })).toBeEnabled();
  await page.getByTestId("lint-panel").getByTestId("lint-issue").filter({ hasText: "broken_reference" }).first().click();
  await expect(page.getByRole("tab", { name: "Invariants" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("heading", { name: "Invariant 2: broken_reference" })).toBeVisible();
  await expect(page.getByTestId("invariant-form").locator(":focus")).toHaveAttribute("data-path", /^\$\.invariants\[1\]/);
  // Not checked is not proven: said so, in amber.
  const unchecked = verdict(page, "broken_reference");
  await expect(unchecked).toHaveAttribute("data-kind", "unchecked", SOLVER);
  await expect(unchecked.getByTestId("verdict-message")).toContainText("Counts as not proven");
  await page.getByRole("tab", { name: "Details" }).click();

  // Arrow keys move between tabs; the Invariants tab follows Rules.
  const details = page.getByRole("tab", { name: "Details" });
  await expect(details).toBeEnabled();
  await details.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  const tab = page.getByRole("tab", { name: "Invariants" });
  await expect(tab).toBeFocused();
  await expect(tab).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel")).toHaveAttribute("aria-labelledby", (await tab.getAttribute("id"))!);

  // Tab reaches "Add invariant"; Enter adds one and selects it.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Add invariant" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Invariant 3: invariant_1" })).toBeVisible();

  // Every field has a name; the kind is a radio group reached with Tab and changed with the arrow keys.
  const id = page.getByLabel("Invariant id");
  await expect(id).toHaveValue("invariant_1");
  await id.focus();
  await page.keyboard.press("Tab");
  const atLeast = page.getByRole("radio", { name: /Whenever … the disposition is at least …/ });
  const onlyWhen = page.getByRole("radio", { name: /The disposition is … or less urgent only when …/ });
  await expect(atLeast).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(onlyWhen).toBeChecked();
  await expect(page.getByTestId("invariant-statement")).toHaveText("The disposition is “Emergency” or less urgent only when always.");
  await expect(page.getByRole("group", { name: "Kind", exact: true })).toBeVisible();
  await expect(page.getByRole("group", { name: "Invariant condition", exact: true }).getByLabel("Group type")).toBeVisible();
  await expect(page.getByLabel("Disposition", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Rationale")).toBeVisible();
  await expect(page.getByRole("group", { name: "Citations", exact: true })).toBeVisible();

  // Deep links (the publication gate's) open the tab and focus the item.
  page.on("dialog", (dialog) => dialog.accept()); // leaving with unsaved changes
  await page.goto(`/rulesets/${slug}/draft?invariant=saddle_numbness_emergency`);
  await expect(page.getByRole("tab", { name: "Invariants" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("heading", { name: "Invariant 1: saddle_numbness_emergency" })).toBeFocused();

  await page.goto(`/rulesets/${slug}/draft?rule=cauda_equina`);
  await expect(page.getByRole("tab", { name: "Rules" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("heading", { name: /Rule 1: Saddle numbness/ })).toBeFocused();

  await page.goto(`/rulesets/${slug}/draft?path=${encodeURIComponent("$.invariants[0].disposition")}`);
  await expect(page.getByLabel("Disposition", { exact: true })).toBeFocused();

  // A red flag's invariant links to its rule.
  await page.goto(`/rulesets/${slug}/draft?invariant=${encodeURIComponent("red-flag:cauda_equina")}`);
  await expect(page.getByRole("heading", { name: /Rule 1: Saddle numbness/ })).toBeFocused();
});

test("test-case links: a new case for a rule is prefilled so that it fires, and a case link opens that case", async ({ page }) => {
  test.setTimeout(60_000);
  const slug = uniqueName("invariants-tests");
  await signIn(page, DEMO.author);
  await createRuleSet(page, slug, narrowRedFlag(slug));

  await page.goto(`/rulesets/${slug}/draft/tests`);
  // Nothing pins the red flag yet.
  await expect(page.getByTestId("unpinned-red-flag")).toHaveAttribute("data-rule-id", "cauda_equina");

  await page.goto(`/rulesets/${slug}/draft/tests?newCaseForRule=cauda_equina`);
  const editor = page.getByTestId("test-case-editor");
  await expect(page.getByTestId("test-case-editor-notice")).toContainText("saddle numbness yes, back pain yes");
  await expect(editor.getByRole("heading", { name: "New test case" })).toBeFocused();
  await expect(editor.getByLabel("Name")).toHaveValue("Red flag “Saddle numbness” fires");
  await expect(editor.getByLabel("Expected disposition")).toHaveValue("emergency");
  await expect(editor.getByLabel("Tags")).toHaveValue("red-flag");
  await expect(editor.getByRole("checkbox", { name: /Saddle numbness cauda_equina/ })).toBeChecked();
  await expect(editor.getByTestId("editor-current-result")).toContainText("Emergency");
  await editor.getByRole("button", { name: "Add to the list" }).click();
  await expect(page.getByTestId("unpinned-red-flag")).toHaveCount(0);
  await page.getByRole("button", { name: "Save test cases" }).click();
  await expect(page.getByTestId("tests-save-status")).toContainText("All test cases saved · revision 2");

  const tests = await getJson<StoredTests>(page, `/api/admin/rulesets/${slug}/draft/tests`);
  const id = tests.testCases[0].id;
  expect(tests.testCases[0]).toMatchObject({ answers: { saddle_numbness: true, pain_present: true }, expected: { disposition: "emergency", firedRules: ["cauda_equina"] } });
  await page.goto(`/rulesets/${slug}/draft/tests?case=${encodeURIComponent(id)}`);
  await expect(page.getByTestId(`test-case-row-${id}`)).toHaveAttribute("data-highlighted", "true");
  await expect(page.getByRole("heading", { name: "Edit test case: Red flag “Saddle numbness” fires" })).toBeFocused();
});
