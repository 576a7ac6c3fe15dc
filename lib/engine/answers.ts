/**
 * Answers: what a client app sends back, keyed by fact id.
 *
 * Answers are checked against the questions before anything is evaluated: a
 * typo in a fact id or an out-of-range number must be reported, never quietly
 * treated as "unanswered" (which could change the triage result).
 */
import { z } from "zod";
import { formatQuantity } from "./units";
import type { Fact } from "./schema";

/** yes/no -> boolean, number -> number, single choice -> option id, multiple choice -> option ids. */
export type AnswerValue = boolean | number | string | readonly string[];

/** `null` or a missing key both mean "not answered" (e.g. the person skipped it). */
export type Answers = Readonly<Record<string, AnswerValue | null | undefined>>;

export interface AnswerIssue {
  /** The fact the problem is about; null when the answers are not an object at all. */
  factId: string | null;
  message: string;
}

export class AnswersError extends Error {
  readonly issues: readonly AnswerIssue[];
  constructor(issues: readonly AnswerIssue[]) {
    super(`Invalid answers:\n${issues.map((i) => `- ${i.factId ?? "(answers)"}: ${i.message}`).join("\n")}`);
    this.name = "AnswersError";
    this.issues = issues;
  }
}

function show(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? (value === null ? "null" : "an object") : String(value);
}

export const NOT_A_QUESTION = (factId: string) => `“${factId}” is not a question in this rule set.`;

/**
 * Returns a checker for one fact's answer: undefined when the answer is
 * acceptable, otherwise a message naming the fact. Built once per compile so
 * the hot path does no allocation for valid answers.
 */
export function makeAnswerCheck(fact: Fact): (value: unknown) => string | undefined {
  const id = fact.id;
  switch (fact.type) {
    case "boolean":
      return (v) => (typeof v === "boolean" ? undefined : `Answer to “${id}” must be true or false, got ${show(v)}.`);
    case "number": {
      const { min, max, unit } = fact;
      return (v) => {
        if (typeof v !== "number") return `Answer to “${id}” must be a number, got ${show(v)}.`;
        if (!Number.isFinite(v)) return `Answer to “${id}” must be a finite number, got ${show(v)}.`;
        if (min !== undefined && v < min) {
          return `Answer to “${id}” must be at least ${formatQuantity(min, unit)}, got ${formatQuantity(v, unit)}.`;
        }
        if (max !== undefined && v > max) {
          return `Answer to “${id}” must be at most ${formatQuantity(max, unit)}, got ${formatQuantity(v, unit)}.`;
        }
        return undefined;
      };
    }
    case "singleChoice": {
      const options = new Set(fact.options.map((o) => o.id));
      const list = fact.options.map((o) => o.id).join(", ");
      return (v) => {
        if (typeof v !== "string") return `Answer to “${id}” must be one option id (${list}), got ${show(v)}.`;
        if (!options.has(v)) return `Answer to “${id}” is ${show(v)}, which is not an option; expected one of: ${list}.`;
        return undefined;
      };
    }
    case "multipleChoice": {
      const options = new Set(fact.options.map((o) => o.id));
      const list = fact.options.map((o) => o.id).join(", ");
      return (v) => {
        if (!Array.isArray(v)) return `Answer to “${id}” must be a list of option ids (${list}), got ${show(v)}.`;
        for (let i = 0; i < v.length; i++) {
          const option: unknown = v[i];
          if (typeof option !== "string" || !options.has(option)) {
            return `Answer to “${id}” includes ${show(option)}, which is not an option; expected any of: ${list}.`;
          }
          if (v.indexOf(option) !== i) return `Answer to “${id}” lists ${show(option)} more than once.`;
        }
        return undefined;
      };
    }
  }
}

/** Checks every answer against the facts; an empty list means the answers are valid. */
export function findAnswerIssues(facts: readonly Fact[], answers: unknown): AnswerIssue[] {
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) {
    return [{ factId: null, message: `Answers must be an object keyed by fact id, got ${show(answers)}.` }];
  }
  const checks = new Map<string, (value: unknown) => string | undefined>();
  for (const fact of facts) if (!checks.has(fact.id)) checks.set(fact.id, makeAnswerCheck(fact));
  const issues: AnswerIssue[] = [];
  for (const [factId, value] of Object.entries(answers)) {
    const check = checks.get(factId);
    if (!check) {
      issues.push({ factId, message: NOT_A_QUESTION(factId) });
      continue;
    }
    if (value === null || value === undefined) continue;
    const message = check(value);
    if (message) issues.push({ factId, message });
  }
  return issues;
}

/**
 * A zod schema for the answers to a rule set, for the public API to reuse
 * (request validation, typed handlers). It runs the same checks as
 * validateAnswers(), so the messages are identical; zod issue paths are [factId].
 */
export function answersSchema(ruleSet: { facts: readonly Fact[] }): z.ZodType<Answers> {
  const facts = ruleSet.facts;
  return z
    .record(z.string(), z.unknown())
    .superRefine((answers, ctx) => {
      for (const issue of findAnswerIssues(facts, answers)) {
        ctx.addIssue({ code: "custom", message: issue.message, path: issue.factId === null ? [] : [issue.factId] });
      }
    })
    .transform((answers) => answers as Answers);
}

/** Converts a ZodError from answersSchema() into the engine's issue list. */
export function answerIssuesFromZod(error: z.ZodError): AnswerIssue[] {
  return error.issues.map((issue) => ({
    factId: typeof issue.path[0] === "string" ? issue.path[0] : null,
    message: issue.message,
  }));
}
