import { type Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { answerEverything, asClause, choose, formReady, publishedPlan, questionBox, shownQuestions } from "./checker";

// The reference checker on the published back-pain rule set. Expectations are
// derived from the published document where its content decides them (question
// order, labels), and stated outright where safety decides them.

const seeAdvice = (page: Page) => page.getByRole("button", { name: "See my advice" }).click();
const result = (page: Page) => page.getByTestId("check-result");

test("a person completes the demo symptom checker with no account, and a red flag sends them to emergency care", async ({ page, context, request }) => {
  const { document } = await publishedPlan(request);
  await page.goto("/check");
  await page.getByRole("link", { name: /back pain/i }).click();
  await expect(page).toHaveURL(/\/check\/back-pain$/);
  await expect(page.getByText("This is not a diagnosis. It helps you decide where to get care.")).toBeVisible();
  // The person reads the summary written for them, never the authors' description.
  await expect(page.getByTestId("check-summary")).toHaveText(document.metadata.summary!);
  await expect(page.getByText(document.metadata.description)).toHaveCount(0);
  await formReady(page);

  await choose(page, "pain_present", "Yes");
  await choose(page, "heard_pop_under_load", "Yes");
  await seeAdvice(page);
  // Red flags are still unanswered: the advice is the emergency's, and says why.
  await expect(result(page)).toHaveAttribute("data-status", "provisional");
  await expect(page.getByTestId("check-action")).toContainText("We could not rule out");

  // The rule set is on the device now: the answers are evaluated locally, even offline.
  await context.setOffline(true);
  await choose(page, "saddle_numbness", "Yes");
  await seeAdvice(page);
  await expect(result(page)).toHaveAttribute("data-status", "final");
  await expect(page.getByTestId("check-disposition")).toHaveText(/emergency/i);
  await expect(page.getByTestId("check-guidance").getByRole("article").first()).toBeVisible();
  await context.setOffline(false);
});

test("with nothing answered it asks the safety questions first and never reassures", async ({ page, request }) => {
  const { document, plan, facts } = await publishedPlan(request);
  await page.goto("/check/back-pain");
  await formReady(page);

  // Red flags first (red-flag rules' questions by urgency, then document order), then the rest; follow-ups only once they apply.
  const safety = page.getByTestId("questions-safety");
  await expect(safety.getByRole("heading", { name: "Safety questions first" })).toBeVisible();
  const topLevel = (ids: string[]) => ids.filter((id) => !facts.get(id)!.askWhen);
  expect(await shownQuestions(page)).toEqual([...topLevel(plan.safety), ...topLevel(plan.other)]);
  expect(await safety.locator("[data-question-id]").evaluateAll((els) => els.map((el) => el.getAttribute("data-question-id")))).toEqual(topLevel(plan.safety));
  await expect(page.getByTestId("check-open-safety")).toContainText(`${topLevel(plan.safety).length} safety questions are not answered yet`);

  await seeAdvice(page);
  const emergency = document.dispositions[0];
  await expect(result(page)).toHaveAttribute("data-status", "provisional");
  await expect(result(page)).toHaveAttribute("data-tone", "emergency");
  await expect(page.getByTestId("check-provisional")).toContainText("Provisional");
  await expect(page.getByTestId("check-disposition")).toHaveText(emergency.label);
  await expect(page.getByTestId("check-disposition")).toBeFocused();
  await expect(page.getByTestId("check-action")).toHaveText(`We could not rule out a problem that needs “${emergency.label}”, so ${asClause(emergency.action)}.`);
  // Nothing reassuring anywhere in the advice: not the default's label, not self-care.
  for (const disposition of document.dispositions.slice(1)) await expect(result(page)).not.toContainText(disposition.label);
  // What is still unanswered, safety questions first and in the form's order (a follow-up only once it can be shown).
  const unanswered = page.getByTestId("check-unanswered").getByRole("button");
  await expect(unanswered).toHaveText(topLevel(plan.safety).map((id) => facts.get(id)!.question));
  // Each one takes the person (and the keyboard focus) back to the question.
  await unanswered.nth(1).click();
  await expect(questionBox(page, plan.safety[1]).getByRole("radio").first()).toBeFocused();
});

test("skipping the safety questions, or being not sure, keeps the conservative advice until they are answered", async ({ page, request }) => {
  const { document, plan, facts } = await publishedPlan(request);
  await page.goto("/check/back-pain");
  await formReady(page);
  const topSafety = plan.safety.filter((id) => !facts.get(id)!.askWhen);

  // Everything else answered as for new back pain that is settling at home, every safety question skipped.
  await answerEverything(page, facts, { pain_present: "Yes", symptom_duration_hours: 24 }, topSafety);
  await seeAdvice(page);
  await expect(result(page)).toHaveAttribute("data-status", "provisional");
  await expect(page.getByTestId("check-disposition")).toHaveText(document.dispositions[0].label);
  await expect(page.getByTestId("check-action")).toContainText(`We could not rule out a problem that needs “${document.dispositions[0].label}”`);
  await expect(result(page)).not.toContainText("Self-care");

  // Every safety question "no", except one the person is not sure about: still conservative, and it says so.
  const unsure = "saddle_numbness";
  await answerEverything(page, facts, { [unsure]: "I’m not sure", pain_present: "Yes", symptom_duration_hours: 24 });
  await expect(page.getByTestId("check-status")).toHaveText("Your answers changed. Select “See my advice” to see advice for them.");
  await seeAdvice(page);
  await expect(result(page)).toHaveAttribute("data-status", "provisional");
  await expect(page.getByTestId("check-disposition")).toHaveText(document.dispositions[0].label);
  await expect(page.getByTestId("check-provisional")).toContainText("1 safety question unanswered or not sure");
  await expect(page.getByTestId("check-unanswered").getByRole("listitem")).toHaveText([`${facts.get(unsure)!.question} (you were not sure)`]);
  await expect(result(page)).not.toContainText("Self-care");

  // Answered "no" after all: now the real advice, reassurance included.
  await choose(page, unsure, "No");
  await seeAdvice(page);
  await expect(result(page)).toHaveAttribute("data-status", "final");
  await expect(result(page)).toHaveAttribute("data-tone", "reassure");
  await expect(page.getByTestId("check-disposition")).toHaveText("Self-care");
  await expect(result(page)).not.toContainText("Provisional");
});

test("answering every red flag no gives the real advice at once, and answering the rest refines it", async ({ page, request }) => {
  const { document, plan, facts } = await publishedPlan(request);
  await page.goto("/check/back-pain");
  await formReady(page);

  // Only the safety questions, all "no": nothing can make it more urgent any more, so this is final (the default).
  for (const id of plan.safety) if ((await shownQuestions(page)).includes(id)) await choose(page, id, "No");
  await expect(page.getByTestId("check-open-safety")).toHaveCount(0);
  await seeAdvice(page);
  const byDefault = document.dispositions.find((d) => d.id === document.defaultDisposition)!;
  await expect(result(page)).toHaveAttribute("data-status", "final");
  await expect(page.getByTestId("check-disposition")).toHaveText(byDefault.label);
  await expect(page.getByTestId("check-action")).toHaveText(byDefault.action);
  await expect(result(page)).not.toContainText("Provisional");
  await expect(page.getByTestId("check-missing")).toContainText("Answering these could change the advice");

  await answerEverything(page, facts, { pain_present: "Yes", symptom_duration_hours: 24 });
  await seeAdvice(page);
  await expect(result(page)).toHaveAttribute("data-status", "final");
  await expect(result(page)).toHaveAttribute("data-tone", "reassure");
  await expect(page.getByTestId("check-disposition")).toHaveText("Self-care");
  await expect(page.getByTestId("check-guidance").getByRole("article").first()).toBeVisible();
});

test("the checker can be completed with the keyboard alone, safety questions first", async ({ page, request }) => {
  const { plan, facts } = await publishedPlan(request);
  await page.goto("/check/back-pain");
  await formReady(page);

  const visited: string[] = [];
  const submit = page.getByRole("button", { name: "See my advice" });
  for (let step = 0; step < 3 * facts.size; step++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      const style = element ? getComputedStyle(element) : null;
      return {
        question: element?.closest("[data-question-id]")?.getAttribute("data-question-id") ?? null,
        type: element?.type ?? null,
        outline: style ? style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 : false,
      };
    });
    if (focused.question === null) break;
    // Focus is always visible.
    expect(focused.outline, `focus outline on ${focused.question}`).toBe(true);
    visited.push(focused.question);
    if (focused.type === "number") await page.keyboard.type("24");
    else if (focused.question === "pain_present") await page.keyboard.press("Space"); // the first radio: Yes
    else await page.keyboard.press("ArrowRight"); // from Yes to No, which checks it
  }
  await expect(submit).toBeFocused();
  // Tab order is the asking order: safety questions first.
  expect(visited).toEqual([...plan.safety, ...plan.other].filter((id) => !facts.get(id)!.askWhen));
  await page.keyboard.press("Enter");
  // Focus moves to the result heading so keyboard and screen-reader users land on the advice.
  const heading = result(page).getByRole("heading", { level: 2 });
  await expect(heading).toBeFocused();
  await expect(heading).toHaveText("Self-care");
  await expect(result(page)).toHaveAttribute("data-status", "final");
});

test("every control has a label, radios are grouped with legends, and changes are announced", async ({ page, request }) => {
  const { document, facts } = await publishedPlan(request);
  await page.goto("/check/back-pain");
  await formReady(page);

  const problems = await page.getByTestId("question-form").evaluate((form) => {
    const found: string[] = [];
    for (const input of Array.from(form.querySelectorAll("input"))) {
      const label = Array.from(input.labels ?? []).map((l) => l.textContent?.trim() ?? "").join(" ");
      if (!label && !input.getAttribute("aria-label")) found.push(`unlabelled ${input.type} ${input.name}`);
      if (input.type === "radio") {
        const group = input.closest("fieldset");
        const legend = group?.querySelector(":scope > legend")?.textContent?.trim();
        if (!legend) found.push(`radio ${input.name} outside a fieldset with a legend`);
        if (form.querySelectorAll(`input[name="${CSS.escape(input.name)}"]`).length !== group?.querySelectorAll(`input[name="${CSS.escape(input.name)}"]`).length) {
          found.push(`radio group ${input.name} split across fieldsets`);
        }
      }
    }
    return found;
  });
  expect(problems).toEqual([]);
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expect(page.getByRole("button", { name: "See my advice" })).toBeVisible();

  // A follow-up that appears is announced politely.
  expect(facts.get("pain_below_knee")!.askWhen).toEqual({ fact: "pain_radiates_leg", op: "eq", value: true });
  await expect(questionBox(page, "pain_below_knee")).toHaveCount(0);
  await choose(page, "pain_radiates_leg", "Yes");
  await expect(questionBox(page, "pain_below_knee")).toBeVisible();
  const announcement = page.getByTestId("question-announcement");
  await expect(announcement).toHaveText(`A follow-up question appeared: ${facts.get("pain_below_knee")!.question}`);
  await expect(announcement).toHaveAttribute("role", "status");
  await expect(announcement).toHaveAttribute("aria-live", "polite");

  // Advice shown, then an answer changed: the stale advice goes, and that is announced (not the whole form).
  await page.getByRole("button", { name: "See my advice" }).click();
  await expect(page.getByTestId("check-result")).toBeVisible();
  await choose(page, "pain_below_knee", "No");
  await expect(page.getByTestId("check-result")).toHaveCount(0);
  await expect(page.getByTestId("check-status")).toHaveText("Your answers changed. Select “See my advice” to see advice for them.");
  // The advice panel is labelled by its heading, and the heading is a real heading.
  await page.getByRole("button", { name: "See my advice" }).click();
  await expect(page.getByRole("region", { name: document.dispositions[0].label, exact: true })).toHaveAttribute("data-testid", "check-result");
});

test("a withdrawn or unknown rule set says so instead of giving advice", async ({ page }) => {
  await page.goto("/check/no-such-rule-set");
  await expect(page.getByTestId("check-error")).toContainText("Not found");
});
