/**
 * Is an outcome final, or could answering more make it MORE urgent?
 *
 * An outcome is final only when no answers to the questions still open (any
 * subset of them, any values) could lead to a more urgent disposition. This is
 * computed from the compiled rules, never from a hand-kept list, and it is
 * SOUND: it never says "final" while an escalation is reachable. It may be
 * conservative (say "could escalate" when the rules cannot actually get
 * there, e.g. `x > 5 AND x < 3`); lib/verify decides such questions exactly
 * with an SMT solver, which is server-side only, while this runs on devices.
 *
 * How: every condition is evaluated over SETS of three-valued results (a mask
 * of FALSE / UNKNOWN / TRUE), one set per question describing what it could be
 * once more is answered:
 * - an answered question keeps its answer, unless it is a follow-up whose
 *   condition could become false, in which case the engine would ignore it
 *   (it can also become "unanswered");
 * - an unanswered question can stay unanswered, or take any answer its type and
 *   bounds allow, if it can still apply;
 * - `answered` / `notAnswered` tests flip as questions get answered, which is
 *   why "currently FALSE" is not enough to rule a rule out in general.
 * Groups combine the sets of their children pairwise (Kleene AND/OR/NOT over
 * every combination), an over-approximation that keeps the analysis sound.
 * A rule can fire if TRUE is in its set; the rule set can end up with no rule
 * firing (so the default applies) if every rule's set holds FALSE or UNKNOWN.
 */
import type { CompiledCondition, CompiledRuleSet, Values } from "./compile";

// Local copies of the truth values (see truth.ts).
const FALSE = 0;
const UNKNOWN = 1;
const TRUE = 2;

const M_FALSE = 1 << FALSE;
const M_UNKNOWN = 1 << UNKNOWN;
const M_TRUE = 1 << TRUE;
const M_NOT_TRUE = M_FALSE | M_UNKNOWN;
const M_APPLIES = M_TRUE | M_UNKNOWN; // a follow-up whose condition is not FALSE is asked and its answer used

// What a question's effective answer could be once more is answered.
const KEEPS_ANSWER = 1;
const UNANSWERED = 2;
const ANY_ANSWER = 4;

/** Kleene AND / OR over every pair of possible results. */
function table(op: (a: number, b: number) => number): Uint8Array {
  const out = new Uint8Array(64);
  for (let a = 0; a < 8; a++) {
    for (let b = 0; b < 8; b++) {
      let m = 0;
      for (let x = 0; x < 3; x++) for (let y = 0; y < 3; y++) if (a & (1 << x) && b & (1 << y)) m |= 1 << op(x, y);
      out[a * 8 + b] = m;
    }
  }
  return out;
}
const AND = table(Math.min);
const OR = table(Math.max);
const NOT = (m: number) => ((m & M_FALSE) << 2) | (m & M_UNKNOWN) | ((m & M_TRUE) >> 2);
const single = (m: number) => (m & (m - 1)) === 0;

export interface Finality {
  final: boolean;
  /** Rank of the most urgent disposition reachable by answering more; -1 when final. */
  escalationRank: number;
  /**
   * Slots of the unanswered questions whose answers could make the outcome more
   * urgent (to the escalation rank or to anything between), most urgent first,
   * then in question order.
   */
  escalationSlots: number[];
}

const FINAL: Finality = { final: true, escalationRank: -1, escalationSlots: [] };

/**
 * @param raw      answers by slot as given (answers to follow-ups that do not apply included)
 * @param values   the same after the engine ignored answers to follow-ups that do not apply
 * @param truths   each rule's three-valued result on `values`, in `compiled.rules` order
 * @param current  rank of the current outcome: the winning rule's, else the default's, else dispositions.length (no disposition)
 */
export function finality(compiled: CompiledRuleSet, raw: Values, truths: ArrayLike<number>, current: number): Finality {
  if (current === 0) return FINAL; // nothing is more urgent than the most urgent disposition
  const rules = compiled.rules;
  const facts = compiled.facts;
  let states: Uint8Array | null = null;
  let askMasks: Uint8Array | null = null;

  const mask = (node: CompiledCondition): number => {
    switch (node.kind) {
      case "comparison": {
        const state = states![node.slot];
        let m = 0;
        if (state & KEEPS_ANSWER) m |= 1 << node.test(raw);
        if (state & UNANSWERED) m |= node.comparison!.op === "answered" ? M_FALSE : node.comparison!.op === "notAnswered" ? M_TRUE : M_UNKNOWN;
        if (state & ANY_ANSWER) m |= node.anyAnswer;
        return m;
      }
      case "not":
        return NOT(mask(node.children[0]));
      case "all": {
        let m = M_TRUE;
        for (const child of node.children) m = AND[m * 8 + mask(child)];
        return m;
      }
      case "any": {
        let m = M_FALSE;
        for (const child of node.children) m = OR[m * 8 + mask(child)];
        return m;
      }
    }
  };

  const prepare = () => {
    if (states) return;
    states = new Uint8Array(facts.length);
    askMasks = new Uint8Array(facts.length);
    // Question order: a follow-up's parents are decided before it.
    for (const slot of compiled.slotsInOrder) {
      const askWhen = facts[slot].askWhen;
      const ask = askWhen ? mask(askWhen) : M_TRUE;
      askMasks[slot] = ask;
      let state = 0;
      if (raw[slot] !== undefined) {
        if (ask & M_APPLIES) state |= KEEPS_ANSWER;
        if (ask & M_FALSE) state |= UNANSWERED;
      } else {
        state |= UNANSWERED;
        if (ask & M_APPLIES) state |= ANY_ANSWER;
      }
      states[slot] = state;
    }
  };

  const found = new Map<number, number>(); // slot -> most urgent rank it could lead to
  const collect = (node: CompiledCondition, rank: number): void => {
    if (single(mask(node))) return; // already decided whatever is answered: nothing to ask here
    if (node.kind !== "comparison") {
      for (const child of node.children) collect(child, rank);
      return;
    }
    const slot = node.slot;
    const askWhen = facts[slot].askWhen;
    // Whether a follow-up applies is decided by its parents: ask those too (first).
    if (askWhen && !single(askMasks![slot])) collect(askWhen, rank);
    if (states![slot] & ANY_ANSWER) {
      const known = found.get(slot);
      if (known === undefined || rank < known) found.set(slot, rank);
    }
  };

  let best = current;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (rule.rank >= current) break; // sorted by urgency
    // A stable rule that is FALSE stays FALSE whatever is answered.
    if (rule.stable && truths[i] === FALSE) continue;
    prepare();
    if (!(mask(rule.condition) & M_TRUE)) continue;
    if (rule.rank < best) best = rule.rank;
    collect(rule.condition, rule.rank);
  }

  // The default applies when no rule fires. If it is more urgent than what fired,
  // could every rule that fired stop firing? A stable rule that is TRUE stays TRUE.
  const fallback = compiled.defaultRank;
  if (fallback >= 0 && fallback < current) {
    let canAllMiss = true;
    const firing: number[] = [];
    for (let i = 0; i < rules.length && canAllMiss; i++) {
      if (truths[i] !== TRUE) continue; // FALSE or UNKNOWN can stay that way
      if (rules[i].stable) canAllMiss = false;
      else {
        prepare();
        canAllMiss = (mask(rules[i].condition) & M_NOT_TRUE) !== 0;
        firing.push(i);
      }
    }
    if (canAllMiss) {
      if (fallback < best) best = fallback;
      for (const i of firing) collect(rules[i].condition, fallback);
    }
  }

  if (best === current) return FINAL;
  const escalationSlots = [...found.keys()].sort((a, b) => found.get(a)! - found.get(b)! || facts[a].order - facts[b].order);
  return { final: false, escalationRank: best, escalationSlots };
}
