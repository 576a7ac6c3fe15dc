import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import type { Fact, RuleSet } from "../lib/engine";
import { questionPlan, type QuestionPlan } from "../lib/sdk/question-plan";

/**
 * Helpers for the symptom checker (/check/{slug}) and the patient preview,
 * which render the same person-facing question form and advice panel.
 * Everything waits on state, never on time.
 */

export type Choice = "Yes" | "No" | "I’m not sure";

/** The published document, as the checker itself gets it, and its asking order. */
export async function publishedPlan(request: APIRequestContext, slug = "back-pain"): Promise<{ document: RuleSet; plan: QuestionPlan; facts: Map<string, Fact> }> {
  const response = await request.get(`/api/public/rulesets/${slug}`, { headers: { connection: "close" } });
  expect(response.status()).toBe(200);
  const document = (await response.json()) as RuleSet;
  return { document, plan: questionPlan(document), facts: new Map(document.facts.map((fact) => [fact.id, fact])) };
}

export const questionBox = (page: Page, factId: string): Locator => page.locator(`[data-question-id="${factId}"]`);

/** Ids of the questions on screen, in screen order. */
export async function shownQuestions(page: Page): Promise<string[]> {
  return page
    .getByTestId("question-form")
    .locator("[data-question-id]")
    .evaluateAll((elements) => elements.map((element) => element.getAttribute("data-question-id") ?? ""));
}

export async function choose(page: Page, factId: string, choice: Choice) {
  const radio = questionBox(page, factId).getByRole("radio", { name: choice, exact: true });
  await radio.check();
  await expect(radio).toBeChecked();
}

/** Waits until the form works (it is disabled until the page is hydrated). */
export async function formReady(page: Page) {
  await expect(page.getByTestId("question-form")).toBeVisible();
  await expect(page.getByTestId("question-form").getByRole("radio").first()).toBeEnabled();
}

/**
 * Answers every question on screen (follow-ups included, as they appear):
 * `answers[id]` when given, else "No" for yes/no questions and `numbers` for
 * number questions. Questions listed in `skip` stay unanswered.
 */
export async function answerEverything(page: Page, facts: Map<string, Fact>, answers: Record<string, Choice | number> = {}, skip: readonly string[] = []) {
  const done = new Set<string>(skip);
  for (;;) {
    const next = (await shownQuestions(page)).find((id) => !done.has(id));
    if (next === undefined) return;
    done.add(next);
    const fact = facts.get(next)!;
    const given = answers[next];
    if (fact.type === "number") {
      const input = questionBox(page, next).getByRole("spinbutton");
      await input.fill(String(given ?? 24));
      await expect(input).toHaveValue(String(given ?? 24));
    } else if (fact.type === "boolean") {
      await choose(page, next, (given as Choice | undefined) ?? "No");
    } else {
      throw new Error(`answerEverything does not answer ${fact.type} questions (${next})`);
    }
  }
}

/** "Go to …" as it reads after "so ": the checker's provisional sentence. */
export function asClause(action: string): string {
  return /^[A-Z][a-z]/.test(action) ? action[0].toLowerCase() + action.slice(1) : action;
}
