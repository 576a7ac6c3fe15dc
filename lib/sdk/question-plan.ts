/**
 * The order in which a client asks a rule set's questions: safety questions
 * (red flags) first, then the rest. Pure and framework-free, computed from the
 * document alone so that the order is stable while the person answers.
 */
import type { Condition, Fact, RuleSet, RuleSetInput } from "../engine";
import { isRedFlagRule } from "../engine/invariants";

type Document = Pick<RuleSet | RuleSetInput, "facts" | "rules" | "dispositions">;

export interface QuestionPlan {
  /**
   * Safety questions, in asking order: the `redFlag` questions, sorted by
   * urgency (the most urgent disposition of an enabled rule that reads the
   * question), then document order; any follow-up comes right after the
   * question it depends on (and is only shown when it applies).
   */
  safety: string[];
  /** Every other question, sorted the same way. */
  other: string[];
  /** `safety` then `other`: the whole asking order. Each follow-up comes right after the last question it depends on. */
  order: string[];
  /** Questions read by enabled red-flag rules (tag `red-flag`), and the questions a red-flag follow-up depends on (so that it can appear). */
  redFlag: ReadonlySet<string>;
  /** Rank (0 = most urgent) of the most urgent enabled rule that reads the question or, through a follow-up, unlocks it; dispositions.length when none does. */
  urgency: ReadonlyMap<string, number>;
}

function collectFacts(condition: Condition | undefined, out: Set<string>) {
  if (!condition || typeof condition !== "object") return;
  if ("all" in condition) for (const child of condition.all) collectFacts(child, out);
  else if ("any" in condition) for (const child of condition.any) collectFacts(child, out);
  else if ("not" in condition) collectFacts(condition.not, out);
  else if ("fact" in condition) out.add(condition.fact);
}

const plans = new WeakMap<object, QuestionPlan>();

/** The asking order of `document`'s questions (cached per document object). */
export function questionPlan(document: Document): QuestionPlan {
  const cached = plans.get(document);
  if (cached) return cached;
  const facts = (document.facts ?? []) as Fact[];
  const dispositions = document.dispositions ?? [];
  const none = dispositions.length;
  const position = new Map(facts.map((fact, index) => [fact.id, index]));
  const urgency = new Map<string, number>(facts.map((fact) => [fact.id, none]));
  const redFlag = new Set<string>();

  for (const rule of document.rules ?? []) {
    if (rule.enabled === false) continue;
    const index = dispositions.findIndex((disposition) => disposition.id === rule.disposition);
    const rank = index < 0 ? none : index;
    const read = new Set<string>();
    collectFacts(rule.when, read);
    const flagged = isRedFlagRule({ tags: rule.tags ?? [] });
    for (const id of read) {
      if (!position.has(id)) continue;
      if (rank < urgency.get(id)!) urgency.set(id, rank);
      if (flagged) redFlag.add(id);
    }
  }

  // A follow-up can only be asked once the questions it depends on are: they
  // inherit its urgency and, for a red flag, its place among the safety questions.
  const parents = new Map<string, string[]>();
  for (const fact of facts) {
    if (!fact.askWhen) continue;
    const read = new Set<string>();
    collectFacts(fact.askWhen, read);
    parents.set(fact.id, [...read].filter((id) => id !== fact.id && position.has(id)));
  }
  for (let round = 0, changed = true; changed && round <= facts.length; round++) {
    changed = false;
    for (const [child, list] of parents) {
      for (const parent of list) {
        if (urgency.get(child)! < urgency.get(parent)!) {
          urgency.set(parent, urgency.get(child)!);
          changed = true;
        }
        if (redFlag.has(child) && !redFlag.has(parent)) {
          redFlag.add(parent);
          changed = true;
        }
      }
    }
  }

  const key = (id: string) => [redFlag.has(id) ? 0 : 1, urgency.get(id)!, position.get(id)!];
  const compare = (a: string, b: string) => {
    const ka = key(a);
    const kb = key(b);
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
  };
  const followUps = facts.filter((fact) => (parents.get(fact.id)?.length ?? 0) > 0).map((fact) => fact.id).sort(compare);
  const topLevel = facts.filter((fact) => (parents.get(fact.id)?.length ?? 0) === 0).map((fact) => fact.id).sort(compare);

  const placed = new Set<string>();
  const order: string[] = [];
  const sectionOf = new Map<string, "safety" | "other">();
  const place = (id: string, section: "safety" | "other") => {
    placed.add(id);
    order.push(id);
    sectionOf.set(id, section);
    // Follow-ups whose questions are now all placed come right after (and their own follow-ups after them).
    for (const child of followUps) {
      if (!placed.has(child) && parents.get(child)!.every((parent) => placed.has(parent))) place(child, section);
    }
  };
  for (const id of topLevel) if (!placed.has(id)) place(id, redFlag.has(id) ? "safety" : "other");
  // Cycles (a lint error) leave follow-ups unplaced: keep them, in document order.
  for (const fact of facts) if (!placed.has(fact.id)) place(fact.id, redFlag.has(fact.id) ? "safety" : "other");

  const safety = order.filter((id) => sectionOf.get(id) === "safety");
  const other = order.filter((id) => sectionOf.get(id) === "other");
  const plan: QuestionPlan = { safety, other, order: [...safety, ...other], redFlag, urgency };
  plans.set(document, plan);
  return plan;
}
