/**
 * evaluate(): runs answers through a compiled rule set.
 *
 * Semantics (documented in docs/rule-format.md):
 * - Three-valued logic: comparisons on unanswered questions are UNKNOWN; a rule
 *   fires only when its condition is TRUE.
 * - The most urgent fired disposition wins; when nothing fires the rule set's
 *   defaultDisposition is returned if it has one, otherwise null.
 * - missingFacts lists the unanswered questions that could still change the
 *   outcome, most urgent first, so a client knows what to ask next.
 */
import { AnswersError, findAnswerIssues, type AnswerIssue, type Answers } from "./answers";
import { compile, isCompiledRuleSet, type CompiledCondition, type CompiledRuleSet, type Values } from "./compile";
import { finality } from "./finality";
import type { Disposition, Guidance, RuleSet, RuleSetInput } from "./schema";
import type { ConditionTrace, EvaluationTrace, FactStatus } from "./trace";
import { truthLabel } from "./truth";

// Local copies of the truth values (see truth.ts): imported bindings become
// getter calls under CommonJS loaders such as tsx.
const FALSE = 0;
const UNKNOWN = 1;
const TRUE = 2;

export interface EvaluateOptions {
  /** Build the explanation (default true). Turn off for bulk runs and benchmarks. */
  trace?: boolean;
}

export interface EvaluationResult {
  /** The most urgent fired disposition, else the default disposition, else null. */
  disposition: Disposition | null;
  /** "rule": a rule fired. "default": nothing fired, the rule set's default applies. "none": nothing fired, no default. */
  decidedBy: "rule" | "default" | "none";
  /**
   * False while answers to the questions still open could make the disposition
   * MORE urgent (sound: never true while an escalation is reachable). A
   * non-final outcome is provisional: show the advice of `couldEscalateTo`
   * until `escalationFacts` are answered, never reassurance.
   */
  final: boolean;
  /** When not final: the most urgent disposition answering more could lead to. null when final. */
  couldEscalateTo: Disposition | null;
  /** When not final: the unanswered questions whose answers could make the outcome more urgent (most urgent escalation first): ask these first. */
  escalationFacts: string[];
  /** True when no unanswered question could change the outcome at all (missingFacts is empty); implies final. */
  complete: boolean;
  /** Ids of fired rules, most urgent disposition first, then document order. */
  firedRules: string[];
  /** Guidance to show, in order: winning rules' guidance, then the disposition's; no duplicates. */
  guidance: Guidance[];
  /** Answered facts read by the rules that fired, in question order. */
  usedFacts: string[];
  /** Unanswered questions that could still change the outcome, most urgent first. */
  missingFacts: string[];
  /** Follow-up questions whose askWhen is false. */
  notApplicableFacts: string[];
  /** Answers given to not-applicable follow-ups; they were ignored. */
  ignoredAnswers: string[];
  trace: EvaluationTrace | null;
}

// Status of a question during one evaluation.
const APPLICABLE = 0;
const PENDING = 1; // askWhen is unknown: may be asked, its answer is used if given
const NOT_APPLICABLE = 2;

const compiledCache = new WeakMap<object, CompiledRuleSet>();

function toCompiled(target: CompiledRuleSet | RuleSetInput | RuleSet): CompiledRuleSet {
  if (isCompiledRuleSet(target)) return target;
  let compiled = compiledCache.get(target);
  if (!compiled) {
    compiled = compile(target);
    compiledCache.set(target, compiled);
  }
  return compiled;
}

/** Checks answers without evaluating; an empty list means they are valid. */
export function validateAnswers(target: CompiledRuleSet | RuleSetInput | RuleSet, answers: unknown): AnswerIssue[] {
  return findAnswerIssues(toCompiled(target).ruleSet.facts, answers);
}

/** Lays answers out by slot, validating as it goes; throws AnswersError listing every problem. */
function loadAnswers(compiled: CompiledRuleSet, answers: unknown): Values {
  const facts = compiled.facts;
  const values: Values = new Array(facts.length).fill(undefined);
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) {
    throw new AnswersError(findAnswerIssues(compiled.ruleSet.facts, answers));
  }
  const record = answers as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const slot = compiled.slotOf.get(keys[i]);
    const value = record[keys[i]];
    if (slot === undefined || (value !== null && value !== undefined && facts[slot].check(value) !== undefined)) {
      // Rare path: collect every problem, not just the first, for the client.
      throw new AnswersError(findAnswerIssues(compiled.ruleSet.facts, answers));
    }
    if (value !== null) values[slot] = value as Values[number];
  }
  return values;
}

export function evaluate(
  target: CompiledRuleSet | RuleSetInput | RuleSet,
  answers: Answers,
  options: EvaluateOptions = {},
): EvaluationResult {
  const compiled = toCompiled(target);
  const values = loadAnswers(compiled, answers);
  const facts = compiled.facts;

  // 1. Follow-ups, parents first, so a masked parent makes its children unknown.
  // Finality needs the answers as given: an ignored answer to a follow-up counts
  // again if the follow-up could come to apply.
  const raw = compiled.followUps.length > 0 ? values.slice() : values;
  let status: Uint8Array | null = null;
  const ignoredAnswers: string[] = [];
  if (compiled.followUps.length > 0) {
    status = new Uint8Array(facts.length);
    for (const followUp of compiled.followUps) {
      const truth = followUp.askWhen!.test(values);
      if (truth === FALSE) {
        status[followUp.slot] = NOT_APPLICABLE;
        if (values[followUp.slot] !== undefined) {
          ignoredAnswers.push(followUp.fact.id);
          values[followUp.slot] = undefined;
        }
      } else if (truth === UNKNOWN) {
        status[followUp.slot] = PENDING;
      }
    }
  }

  // 2. Rules, most urgent first. The first rule that fires sets the winning rank.
  const rules = compiled.rules;
  const fired: number[] = [];
  const undecided: number[] = [];
  const truths = new Uint8Array(rules.length);
  let winnerRank = Infinity;
  for (let i = 0; i < rules.length; i++) {
    const truth = rules[i].condition.test(values);
    truths[i] = truth;
    if (truth === TRUE) {
      if (fired.length === 0) winnerRank = rules[i].rank;
      fired.push(i);
    } else if (truth === UNKNOWN) {
      undecided.push(i);
    }
  }

  // 3. Could answering more make it more urgent (finality.ts, sound)? And the
  // questions a client would still ask because they could change the outcome:
  // facts behind UNKNOWN rules at least as urgent as the current result.
  const currentRank = fired.length > 0 ? winnerRank : compiled.defaultRank >= 0 ? compiled.defaultRank : compiled.dispositions.length;
  const final = finality(compiled, raw, truths, currentRank);
  const escalationFacts = final.escalationSlots.map((slot) => facts[slot].fact.id);
  const missingFacts = findMissingFacts(compiled, values, status, undecided, winnerRank);

  // 4. Outcome and guidance.
  let disposition: Disposition | null = null;
  let decidedBy: EvaluationResult["decidedBy"] = "none";
  const guidance: Guidance[] = [];
  if (fired.length > 0) {
    disposition = compiled.dispositions[winnerRank];
    decidedBy = "rule";
    const seen = new Set<string>();
    const addGuidance = (list: readonly Guidance[]) => {
      for (const g of list) {
        if (!seen.has(g.id)) {
          seen.add(g.id);
          guidance.push(g);
        }
      }
    };
    // Only the winning rules' guidance: advice attached to less urgent rules
    // (e.g. "rest and apply ice") could contradict the urgent action.
    for (let i = 0; i < fired.length && rules[fired[i]].rank === winnerRank; i++) {
      addGuidance(rules[fired[i]].guidance);
    }
    addGuidance(compiled.dispositionGuidance[winnerRank]);
  } else if (compiled.defaultDisposition) {
    disposition = compiled.defaultDisposition;
    decidedBy = "default";
    guidance.push(...compiled.dispositionGuidance[compiled.dispositions.indexOf(disposition)]);
  }

  const used = new Uint8Array(facts.length);
  for (const i of fired) for (const slot of rules[i].factSlots) if (values[slot] !== undefined) used[slot] = 1;
  const usedFacts: string[] = [];
  const notApplicableFacts: string[] = [];
  for (let slot = 0; slot < facts.length; slot++) {
    if (used[slot]) usedFacts.push(facts[slot].fact.id);
    if (status !== null && status[slot] === NOT_APPLICABLE) notApplicableFacts.push(facts[slot].fact.id);
  }

  return {
    disposition,
    decidedBy,
    final: final.final,
    couldEscalateTo: final.final ? null : compiled.dispositions[final.escalationRank],
    escalationFacts,
    complete: final.final && missingFacts.length === 0,
    firedRules: fired.map((i) => rules[i].rule.id),
    guidance,
    usedFacts,
    missingFacts,
    notApplicableFacts,
    ignoredAnswers,
    trace: options.trace === false ? null : buildTrace(compiled, values, status),
  };
}

function findMissingFacts(
  compiled: CompiledRuleSet,
  values: Values,
  status: Uint8Array | null,
  undecided: readonly number[],
  winnerRank: number,
): string[] {
  if (undecided.length === 0) return [];
  const rules = compiled.rules;
  // slot -> rank of the most urgent undecided rule that needs it. Rules come in
  // urgency order, so the first rank recorded for a slot is the best one.
  const candidates = new Map<number, number>();
  for (const i of undecided) {
    const rule = rules[i];
    if (rule.rank > winnerRank) break;
    rule.condition.collectUnknown(values, (slot) => {
      if (!candidates.has(slot)) candidates.set(slot, rule.rank);
    });
  }
  if (candidates.size === 0) return [];

  const missing = new Map<number, number>();
  // A question is askable if it applies, or if its askWhen is still unknown and
  // some question it depends on is askable; then those parents are asked too
  // (at the same urgency) so the client can decide whether it applies.
  const askable = (slot: number, rank: number): boolean => {
    const s = status === null ? APPLICABLE : status[slot];
    if (s === NOT_APPLICABLE) return false;
    if (s === APPLICABLE) return true;
    const parents: number[] = [];
    compiled.facts[slot].askWhen!.collectUnknown(values, (p) => parents.push(p));
    let any = false;
    for (const parent of parents) {
      if (askable(parent, rank)) {
        any = true;
        if (!missing.has(parent)) missing.set(parent, rank);
      }
    }
    return any;
  };
  for (const [slot, rank] of candidates) {
    if (askable(slot, rank)) {
      const existing = missing.get(slot);
      if (existing === undefined || rank < existing) missing.set(slot, rank);
    }
  }
  const facts = compiled.facts;
  return [...missing]
    .sort((a, b) => a[1] - b[1] || facts[a[0]].order - facts[b[0]].order)
    .map(([slot]) => facts[slot].fact.id);
}

// ---------------------------------------------------------------------------
// Trace: the explain path. It reuses the compiled tests so it can never
// disagree with the fast path, and evaluates every branch (no short-circuit)
// so the clinician sees each comparison.

function buildTrace(compiled: CompiledRuleSet, values: Values, status: Uint8Array | null): EvaluationTrace {
  const factStatus = (slot: number): FactStatus =>
    status !== null && status[slot] === NOT_APPLICABLE ? "notApplicable" : values[slot] === undefined ? "unanswered" : "answered";

  const traceCondition = (node: CompiledCondition): ConditionTrace => {
    const result = truthLabel(node.test(values));
    if (node.kind === "comparison") {
      const actual = values[node.slot];
      return {
        kind: "comparison",
        result,
        text: node.text,
        fact: node.comparison!.fact,
        comparison: node.comparison!,
        actual: actual === undefined ? null : actual,
        factStatus: factStatus(node.slot),
      };
    }
    if (node.kind === "not") return { kind: "not", result, child: traceCondition(node.children[0]) };
    return { kind: node.kind, result, children: node.children.map(traceCondition) };
  };

  return {
    rules: compiled.rulesInDocumentOrder.map((r) => {
      const truth = r.condition.test(values);
      return {
        ruleId: r.rule.id,
        title: r.rule.title,
        disposition: r.disposition.id,
        result: truthLabel(truth),
        fired: truth === TRUE,
        text: r.text,
        condition: traceCondition(r.condition),
      };
    }),
    followUps: compiled.followUps.map((f) => ({
      factId: f.fact.id,
      // Re-evaluated on the masked values, exactly as the fast path saw them
      // (parents are masked before children are decided).
      askWhen: truthLabel(f.askWhen!.test(values)),
      status: factStatus(f.slot),
      condition: traceCondition(f.askWhen!),
    })),
  };
}
