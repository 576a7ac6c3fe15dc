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
 * Working memory for one rule set, reused by every evaluation: the engine runs
 * on the hot path (hundreds of thousands of evaluations a second), and
 * evaluations never overlap (JavaScript runs one at a time and none awaits).
 */
class Analysis {
  raw: Values = [];
  /** Bumped per evaluation: a slot's state is valid when its stamp equals it (computed on first use). */
  private generation = 0;
  private readonly stamps: Uint32Array;
  private readonly states: Uint8Array;
  private readonly askMasks: Uint8Array;
  /** Per slot: most urgent rank it could lead to, or -1. */
  private readonly found: Int16Array;
  private readonly foundSlots: number[] = [];

  constructor(private readonly compiled: CompiledRuleSet) {
    const n = compiled.facts.length;
    this.stamps = new Uint32Array(n);
    this.states = new Uint8Array(n);
    this.askMasks = new Uint8Array(n);
    this.found = new Int16Array(n).fill(-1);
  }

  reset(raw: Values): void {
    this.raw = raw;
    this.generation = (this.generation + 1) >>> 0 || 1;
    for (const slot of this.foundSlots) this.found[slot] = -1;
    this.foundSlots.length = 0;
  }

  /**
   * What a question could still be. Computed on first use: a follow-up's state
   * needs its askWhen's, which reads only questions before it (no cycles:
   * compile refuses them), so the recursion ends.
   */
  private state(slot: number): number {
    if (this.stamps[slot] === this.generation) return this.states[slot];
    const askWhen = this.compiled.facts[slot].askWhen;
    const ask = askWhen ? this.mask(askWhen) : M_TRUE;
    let state = 0;
    if (this.raw[slot] !== undefined) {
      if (ask & M_APPLIES) state |= KEEPS_ANSWER;
      if (ask & M_FALSE) state |= UNANSWERED;
    } else {
      state |= UNANSWERED;
      if (ask & M_APPLIES) state |= ANY_ANSWER;
    }
    this.askMasks[slot] = ask;
    this.states[slot] = state;
    this.stamps[slot] = this.generation;
    return state;
  }

  mask(node: CompiledCondition): number {
    switch (node.kind) {
      case "comparison": {
        const state = this.state(node.slot);
        let m = 0;
        if (state & KEEPS_ANSWER) m |= 1 << node.test(this.raw);
        if (state & UNANSWERED) m |= node.comparison!.op === "answered" ? M_FALSE : node.comparison!.op === "notAnswered" ? M_TRUE : M_UNKNOWN;
        if (state & ANY_ANSWER) m |= node.anyAnswer;
        return m;
      }
      case "not":
        return NOT(this.mask(node.children[0]));
      case "all": {
        let m = M_TRUE;
        for (const child of node.children) m = AND[m * 8 + this.mask(child)];
        return m;
      }
      case "any": {
        let m = M_FALSE;
        for (const child of node.children) m = OR[m * 8 + this.mask(child)];
        return m;
      }
    }
  }

  /** Records the questions under `node` whose answers are still open and matter. */
  collect(node: CompiledCondition, rank: number): void {
    if (single(this.mask(node))) return; // already decided whatever is answered: nothing to ask here
    if (node.kind !== "comparison") {
      for (const child of node.children) this.collect(child, rank);
      return;
    }
    const slot = node.slot;
    const askWhen = this.compiled.facts[slot].askWhen;
    const state = this.state(slot);
    // Whether a follow-up applies is decided by its parents: ask those too (first).
    if (askWhen && !single(this.askMasks[slot])) this.collect(askWhen, rank);
    if (state & ANY_ANSWER) this.record(slot, rank);
  }

  /** The fast path for simple rules: the engine's own walk down UNKNOWN branches. */
  collectUnknown(node: CompiledCondition, rank: number): void {
    node.collectUnknown(this.raw, (slot) => this.record(slot, rank));
  }

  private record(slot: number, rank: number): void {
    const known = this.found[slot];
    if (known === -1) this.foundSlots.push(slot);
    if (known === -1 || rank < known) this.found[slot] = rank;
  }

  escalationSlots(): number[] {
    const facts = this.compiled.facts;
    return [...this.foundSlots].sort((a, b) => this.found[a] - this.found[b] || facts[a].order - facts[b].order);
  }
}

const analyses = new WeakMap<CompiledRuleSet, Analysis>();

/**
 * @param raw      answers by slot as given (answers to follow-ups that do not apply included)
 * @param truths   each rule's three-valued result on the answers after the engine ignored those to follow-ups that do not apply, in `compiled.rules` order
 * @param current  rank of the current outcome: the winning rule's, else the default's, else dispositions.length (no disposition)
 */
export function finality(compiled: CompiledRuleSet, raw: Values, truths: ArrayLike<number>, current: number): Finality {
  if (current === 0) return FINAL; // nothing is more urgent than the most urgent disposition
  const rules = compiled.rules;
  let analysis = analyses.get(compiled);
  if (!analysis) analyses.set(compiled, (analysis = new Analysis(compiled)));
  analysis.reset(raw);

  let best = current;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (rule.rank >= current) break; // sorted by urgency
    // A stable rule that is FALSE stays FALSE whatever is answered.
    if (rule.stable && truths[i] === FALSE) continue;
    if (rule.simple) {
      // UNKNOWN (it would be the winner if TRUE): it can still fire, through its unanswered questions.
      if (rule.rank < best) best = rule.rank;
      analysis.collectUnknown(rule.condition, rule.rank);
      continue;
    }
    if (!(analysis.mask(rule.condition) & M_TRUE)) continue;
    if (rule.rank < best) best = rule.rank;
    analysis.collect(rule.condition, rule.rank);
  }

  // The default applies when no rule fires. If it is more urgent than what fired,
  // could every rule that fired stop firing? A stable rule that is TRUE stays TRUE.
  const fallback = compiled.defaultRank;
  if (fallback >= 0 && fallback < current) {
    let canAllMiss = true;
    for (let i = 0; i < rules.length && canAllMiss; i++) {
      if (truths[i] !== TRUE) continue; // FALSE or UNKNOWN can stay that way
      if (rules[i].stable) canAllMiss = false;
      else canAllMiss = (analysis.mask(rules[i].condition) & M_NOT_TRUE) !== 0;
    }
    if (canAllMiss) {
      if (fallback < best) best = fallback;
      for (let i = 0; i < rules.length; i++) if (truths[i] === TRUE) analysis.collect(rules[i].condition, fallback);
    }
  }

  if (best === current) return FINAL;
  return { final: false, escalationRank: best, escalationSlots: analysis.escalationSlots() };
}
