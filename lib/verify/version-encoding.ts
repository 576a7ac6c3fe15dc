/**
 * One version's rules as SMT formulas over an AnswerSpace, with exactly the
 * engine's semantics (lib/engine/evaluate.ts):
 *
 * - three-valued logic: every condition becomes two Bools, "is TRUE" and "is
 *   FALSE" (UNKNOWN is neither); a comparison on an unanswered question is
 *   UNKNOWN, answered/notAnswered are always decided, AND/OR/NOT are Kleene's;
 * - follow-ups: a question counts as answered only if it was answered (with a
 *   value this version accepts) and its askWhen, evaluated on the questions
 *   before it with the same rule, is not FALSE;
 * - a rule fires when its condition is TRUE; the most urgent fired
 *   disposition wins, else the default, else no disposition;
 * - numbers are compared in the question's unit, with the thresholds the
 *   engine itself computes (operandInFactUnit) encoded as exact rationals.
 */
import { isAll, isAny, isNot, type CompiledRuleSet, type Comparison, type Condition, type Fact } from "@/lib/engine";
import { operandInFactUnit } from "@/lib/engine/references";
import { exactRational, type AnswerSpace, type QuestionVars } from "./answer-space";
import type { Z3 } from "./solver";

type Bool = ReturnType<Z3["Bool"]["const"]>;

export interface Tri {
  /** The condition is TRUE. */
  t: Bool;
  /** The condition is FALSE. */
  f: Bool;
}

/** A condition the solver cannot express for this version (it names a question that does not exist, …). */
export class EncodingError extends Error {}

export class VersionEncoding {
  /** Per fact id: answered with an accepted value and applicable (not an ignored follow-up). */
  private readonly effective = new Map<string, { answered: Bool; q: QuestionVars; fact: Fact }>();
  /** Per compiled rule (urgency order): fires. */
  readonly fires: Bool[];
  readonly noRuleFires: Bool;

  constructor(
    private readonly z3: Z3,
    private readonly space: AnswerSpace,
    readonly compiled: CompiledRuleSet,
    versionIndex: number,
  ) {
    // Question order: a follow-up's askWhen reads only questions decided before it.
    for (const slot of compiled.slotsInOrder) {
      const { fact } = compiled.facts[slot];
      const given = space.given(versionIndex, fact.id);
      if (!given) throw new EncodingError(`Question “${fact.id}” is missing from the answer space.`);
      const applies = fact.askWhen ? z3.Not(this.condition(fact.askWhen).f) : z3.Bool.val(true);
      this.effective.set(fact.id, { answered: z3.And(given.given, applies), q: given.q, fact });
    }
    this.fires = compiled.rules.map((rule) => this.condition(rule.rule.when).t);
    this.noRuleFires = z3.And(...this.fires.map((f) => z3.Not(f)));
  }

  /** The disposition is at `rank` or more urgent (rank in this version's order; -1: never). No disposition is never "at least" anything. */
  atLeast(rank: number): Bool {
    const z3 = this.z3;
    if (rank < 0) return z3.Bool.val(false);
    const firing = this.compiled.rules.flatMap((rule, i) => (rule.rank <= rank ? [this.fires[i]] : []));
    const fallback = this.compiled.defaultRank >= 0 && this.compiled.defaultRank <= rank ? [this.noRuleFires] : [];
    return z3.Or(...firing, ...fallback);
  }

  /** No rule fired and there is no default: the client shows its own fallback. */
  noDisposition(): Bool {
    return this.compiled.defaultRank >= 0 ? this.z3.Bool.val(false) : this.noRuleFires;
  }

  /** The outcome is exactly this disposition (by rank), or no disposition for null. */
  outcomeIs(rank: number | null): Bool {
    if (rank === null) return this.noDisposition();
    return this.z3.And(this.atLeast(rank), this.z3.Not(this.atLeast(rank - 1)));
  }

  /** A condition of this version's document (rule, follow-up or invariant). */
  condition(condition: Condition): Tri {
    const z3 = this.z3;
    if (isAll(condition) || isAny(condition)) {
      const children = (isAll(condition) ? condition.all : condition.any).map((c) => this.condition(c));
      const ts = children.map((c) => c.t);
      const fs = children.map((c) => c.f);
      if (isAll(condition)) return { t: z3.And(...ts), f: z3.Or(...fs) };
      return { t: z3.Or(...ts), f: z3.And(...fs) };
    }
    if (isNot(condition)) {
      const inner = this.condition(condition.not);
      return { t: inner.f, f: inner.t };
    }
    return this.comparison(condition);
  }

  private comparison(c: Comparison): Tri {
    const z3 = this.z3;
    const entry = this.effective.get(c.fact);
    if (!entry) throw new EncodingError(`The condition refers to a question “${c.fact}” that does not exist in this rule set.`);
    const { answered } = entry;
    if (c.op === "answered") return { t: answered, f: z3.Not(answered) };
    if (c.op === "notAnswered") return { t: z3.Not(answered), f: answered };
    const holds = this.predicate(c, entry.q, entry.fact);
    return { t: z3.And(answered, holds), f: z3.And(answered, z3.Not(holds)) };
  }

  /** What the comparison says about an answered value (mirrors compileComparison in lib/engine/compile.ts). */
  private predicate(c: Comparison, q: QuestionVars, fact: Fact): Bool {
    const z3 = this.z3;
    const unsupported = () => new EncodingError(`“${c.op}” cannot be used on the question “${fact.id}” (${fact.type}).`);
    switch (fact.type) {
      case "boolean": {
        if ((c.op !== "eq" && c.op !== "neq") || typeof c.value !== "boolean") throw unsupported();
        const eq = c.value ? q.bool! : z3.Not(q.bool!);
        return c.op === "eq" ? eq : z3.Not(eq);
      }
      case "number": {
        const threshold = (operand: unknown) => {
          const n = operandInFactUnit(operand as never, fact);
          if (n === undefined || !Number.isFinite(n)) throw new EncodingError(`A value compared with “${fact.id}” cannot be converted to its unit.`);
          return z3.Real.val(exactRational(n));
        };
        const x = q.num!;
        switch (c.op) {
          case "eq":
            return x.eq(threshold(c.value));
          case "neq":
            return z3.Not(x.eq(threshold(c.value)));
          case "lt":
            return x.lt(threshold(c.value));
          case "lte":
            return x.le(threshold(c.value));
          case "gt":
            return x.gt(threshold(c.value));
          case "gte":
            return x.ge(threshold(c.value));
          case "between":
            return z3.And(x.ge(threshold(c.min)), x.le(threshold(c.max)));
          default:
            throw unsupported();
        }
      }
      case "singleChoice": {
        const is = (option: unknown) => {
          const i = typeof option === "string" ? q.options.indexOf(option) : -1;
          return i < 0 ? z3.Bool.val(false) : q.num!.eq(i);
        };
        if (c.op === "in") return z3.Or(...c.values.map(is));
        if (c.op === "eq") return is(c.value);
        if (c.op === "neq") return z3.Not(is(c.value));
        throw unsupported();
      }
      case "multipleChoice": {
        const has = (option: string) => {
          const i = q.options.indexOf(option);
          return i < 0 ? z3.Bool.val(false) : q.selected![i];
        };
        if (c.op === "includes") return has(c.value);
        if (c.op === "in") return z3.Or(...c.values.map(has));
        throw unsupported();
      }
    }
  }
}
