/**
 * Every possible answer set, as SMT variables: for each question, "answered?"
 * and its value. One space is shared by the versions being compared, so "the
 * same person" gives the same answers to both.
 *
 * - yes/no: a Bool; number: a Real (any number, not just integers, within the
 *   question's bounds); single choice: an Int indexing the options; multiple
 *   choice: a Bool per option (any subset, the empty one included).
 * - A version only takes the answers it accepts (the question exists there and
 *   the value fits its options and bounds); otherwise the question is
 *   unanswered for that version, as for a person using that questionnaire.
 *   This is the convention of the sampled explorer (lib/preview) too.
 * - A question whose type differs between the versions gets one variable set
 *   per type and a selector, so an answer set still holds one answer per id.
 */
import type { CompiledRuleSet, Fact } from "@/lib/engine";
import type { Z3 } from "./solver";

type Bool = ReturnType<Z3["Bool"]["const"]>;
type Arith = ReturnType<Z3["Real"]["const"]>;

/** An answer set found by the solver: only the answered questions. */
export type FoundAnswers = Record<string, boolean | number | string | string[]>;

export interface QuestionVars {
  id: string;
  /** The definition used for messages and answer values (the first version that has it). */
  fact: Fact;
  type: Fact["type"];
  answered: Bool;
  /** boolean facts */
  bool?: Bool;
  /** number facts (Real) and single choice (Int index into `options`) */
  num?: Arith;
  /** multiple choice: one Bool per option in `options` */
  selected?: Bool[];
  /** Option ids across the versions (choice facts). */
  options: string[];
  /** Set when the type differs between versions: true = this type's answer was given. */
  selector?: Bool;
}

/** An exact rational for a double, so the solver compares exactly as the engine's floating point does. */
export function exactRational(x: number): { numerator: bigint; denominator: bigint } {
  if (!Number.isFinite(x)) throw new Error(`Not a finite number: ${x}`);
  if (Number.isInteger(x)) return { numerator: BigInt(x), denominator: 1n };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const shift = BigInt(1075 - (exponent === 0 ? 1 : exponent)); // x = mantissa / 2^shift, shift > 0 for non-integers
  let numerator = mantissa;
  let denominator = 1n << shift;
  while ((numerator & 1n) === 0n && denominator > 1n) {
    numerator >>= 1n;
    denominator >>= 1n;
  }
  return { numerator: negative ? -numerator : numerator, denominator };
}

export class AnswerSpace {
  /** By fact id; two entries when the versions disagree on the type. */
  readonly questions = new Map<string, QuestionVars[]>();
  /** Constraints every answer set satisfies (one answer per id, each accepted by some version). */
  readonly constraints: Bool[] = [];
  private counter = 0;

  constructor(
    private readonly z3: Z3,
    readonly versions: readonly CompiledRuleSet[],
  ) {
    for (const version of versions) {
      for (const fact of version.ruleSet.facts) {
        const list = this.questions.get(fact.id) ?? [];
        const same = list.find((q) => q.type === fact.type);
        if (same) {
          if (fact.type === "singleChoice" || fact.type === "multipleChoice") {
            for (const option of fact.options) if (!same.options.includes(option.id)) same.options.push(option.id);
          }
          continue;
        }
        list.push(this.declare(fact));
        this.questions.set(fact.id, list);
      }
    }
    for (const [id, list] of this.questions) {
      if (list.length > 1) {
        // One answer per id: the shared "answered" plus which type it has.
        const answered = list[0].answered;
        list.forEach((q, i) => {
          q.selector = i === 0 ? this.z3.Bool.const(this.name(`${id}_is_${q.type}`)) : this.z3.Not(list[0].selector!);
          if (i > 0) q.answered = answered;
        });
      }
      for (const q of list) {
        if (q.type === "multipleChoice") q.selected = q.options.map((o) => this.z3.Bool.const(this.name(`${id}_${o}`)));
        if (q.type === "singleChoice") {
          q.num = this.z3.Int.const(this.name(`${id}_choice`)) as unknown as Arith;
          this.constraints.push(q.num.ge(0), q.num.lt(q.options.length));
        }
      }
      // Whatever is answered must be accepted by at least one version.
      const acceptedSomewhere = this.z3.Or(...list.flatMap((q) => versions.map((_, v) => this.acceptsRaw(v, q))));
      this.constraints.push(this.z3.Implies(list[0].answered, acceptedSomewhere));
    }
  }

  private name(base: string): string {
    return `${base}__${this.counter++}`;
  }

  private declare(fact: Fact): QuestionVars {
    const q: QuestionVars = {
      id: fact.id,
      fact,
      type: fact.type,
      answered: this.z3.Bool.const(this.name(`${fact.id}_answered`)),
      options: fact.type === "singleChoice" || fact.type === "multipleChoice" ? fact.options.map((o) => o.id) : [],
    };
    if (fact.type === "boolean") q.bool = this.z3.Bool.const(this.name(fact.id));
    if (fact.type === "number") q.num = this.z3.Real.const(this.name(fact.id));
    return q;
  }

  /** The version's definition of a question, if it has one of this type. */
  private factIn(versionIndex: number, q: QuestionVars): Fact | undefined {
    const version = this.versions[versionIndex];
    const slot = version.slotOf.get(q.id);
    const fact = slot === undefined ? undefined : version.facts[slot].fact;
    return fact && fact.type === q.type ? fact : undefined;
  }

  /** Does the version accept this question's value (ignoring whether it was answered)? */
  private acceptsRaw(versionIndex: number, q: QuestionVars): Bool {
    const z3 = this.z3;
    const fact = this.factIn(versionIndex, q);
    if (!fact) return z3.Bool.val(false);
    const parts: Bool[] = q.selector ? [q.selector] : [];
    if (fact.type === "number") {
      if (fact.min !== undefined) parts.push(q.num!.ge(z3.Real.val(exactRational(fact.min))));
      if (fact.max !== undefined) parts.push(q.num!.le(z3.Real.val(exactRational(fact.max))));
    }
    if (fact.type === "singleChoice") {
      const own = new Set(fact.options.map((o) => o.id));
      parts.push(z3.Or(...q.options.map((o, i) => (own.has(o) ? q.num!.eq(i) : z3.Bool.val(false)))));
    }
    if (fact.type === "multipleChoice") {
      const own = new Set(fact.options.map((o) => o.id));
      q.options.forEach((o, i) => {
        if (!own.has(o)) parts.push(z3.Not(q.selected![i]));
      });
    }
    return parts.length === 0 ? z3.Bool.val(true) : z3.And(...parts);
  }

  /** Answered, with an answer this version accepts, for the version's fact with this id (if any). */
  given(versionIndex: number, factId: string): { given: Bool; q: QuestionVars } | null {
    for (const q of this.questions.get(factId) ?? []) {
      if (this.factIn(versionIndex, q)) return { given: this.z3.And(q.answered, this.acceptsRaw(versionIndex, q)), q };
    }
    return null;
  }

  /** One "answered?" per id, to count (and minimise) how many questions a counterexample answers. */
  answeredVars(): Bool[] {
    return [...this.questions.values()].map((list) => list[0].answered);
  }

  /** The answer set a model describes: only answered questions. */
  answersFrom(model: { eval(e: Bool | Arith, completion?: boolean): unknown }): FoundAnswers {
    const z3 = this.z3;
    const truth = (e: Bool) => z3.isTrue(model.eval(e, true));
    const answers: FoundAnswers = {};
    for (const [id, list] of this.questions) {
      if (!truth(list[0].answered)) continue;
      const q = list.find((candidate) => !candidate.selector || truth(candidate.selector))!;
      switch (q.type) {
        case "boolean":
          answers[id] = truth(q.bool!);
          break;
        case "number":
          answers[id] = rationalToNumber(model.eval(q.num!, true));
          break;
        case "singleChoice":
          answers[id] = q.options[Number(rationalToNumber(model.eval(q.num!, true)))];
          break;
        case "multipleChoice":
          answers[id] = q.options.filter((_, i) => truth(q.selected![i]));
          break;
      }
    }
    return answers;
  }
}

function rationalToNumber(value: unknown): number {
  const v = value as { value(): bigint | { numerator: bigint; denominator: bigint } };
  const raw = v.value();
  if (typeof raw === "bigint") return Number(raw);
  if (raw.denominator === 1n) return Number(raw.numerator);
  return Number(raw.numerator) / Number(raw.denominator);
}
