/**
 * Reasoning about conditions without answers, for lint: can a rule ever fire,
 * and does one rule's condition imply another's?
 *
 * Under three-valued logic a rule fires only when its condition is TRUE, and
 * TRUE composes classically once negations are pushed down to the comparisons
 * (NOT(x > 10) is TRUE exactly when x is answered and x <= 10). So we convert to
 * negation normal form over "constraints" and reason with ordinary logic.
 *
 * Everything here is sound but deliberately incomplete: when unsure (too many
 * alternatives, units we cannot convert) it answers "might fire" / "does not
 * imply", so lint never reports a false contradiction or a false shadow.
 */
import { describeComparison, type FactLookup } from "./describe";
import { operandInFactUnit } from "./references";
import { factLabel, isAll, isAny, isNot, type Comparison, type Condition, type Fact } from "./schema";
import { formatQuantity } from "./units";

interface Base {
  fact: string;
  /** How the constraint reads, for messages. */
  text: string;
}
type Constraint = Base &
  (
    | { kind: "presence"; answered: boolean }
    | { kind: "bool"; value: boolean }
    | { kind: "range"; lo: number; loStrict: boolean; hi: number; hiStrict: boolean }
    | { kind: "notEqual"; value: number }
    | { kind: "oneOf"; options: ReadonlySet<string> }
    | { kind: "includes"; option: string }
    | { kind: "excludes"; option: string }
    | { kind: "anyOf"; options: ReadonlySet<string> }
    | { kind: "noneOf"; options: ReadonlySet<string> }
    | { kind: "opaque"; key: string }
  );

export type Nnf =
  | { kind: "and"; children: Nnf[] }
  | { kind: "or"; children: Nnf[] }
  | { kind: "literal"; constraint: Constraint };

const MAX_TERMS = 512;

/** Pushes negations down to comparisons, turning each into a constraint on one fact. */
export function toNnf(condition: Condition, facts: ReadonlyMap<string, Fact>, lookup: FactLookup, negated = false): Nnf {
  if (isAll(condition) || isAny(condition)) {
    const children = (isAll(condition) ? condition.all : condition.any).map((c) => toNnf(c, facts, lookup, negated));
    // De Morgan: NOT all = any NOT, NOT any = all NOT.
    const conjunctive = isAll(condition) !== negated;
    return { kind: conjunctive ? "and" : "or", children };
  }
  if (isNot(condition)) return toNnf(condition.not, facts, lookup, !negated);
  return comparisonToNnf(condition, facts, lookup, negated);
}

function comparisonToNnf(c: Comparison, facts: ReadonlyMap<string, Fact>, lookup: FactLookup, negated: boolean): Nnf {
  const fact = facts.get(c.fact);
  const text = (negated ? "NOT " : "") + describeComparison(c, lookup);
  const lit = (constraint: Record<string, unknown> & { kind: Constraint["kind"] }): Nnf => ({
    kind: "literal",
    constraint: { fact: c.fact, text, ...constraint } as Constraint,
  });
  const opaque = () => lit({ kind: "opaque", key: `${negated ? "!" : ""}${JSON.stringify(c)}` });
  if (c.op === "answered" || c.op === "notAnswered") return lit({ kind: "presence", answered: (c.op === "answered") !== negated });
  if (!fact) return opaque();

  switch (fact.type) {
    case "boolean": {
      if (c.op !== "eq" && c.op !== "neq") return opaque();
      if (typeof c.value !== "boolean") return opaque();
      const positive = c.op === "eq" ? c.value : !c.value;
      return lit({ kind: "bool", value: negated ? !positive : positive });
    }
    case "number": {
      const range = (lo: number, loStrict: boolean, hi: number, hiStrict: boolean) =>
        lit({ kind: "range", lo, loStrict, hi, hiStrict });
      const n = (operand: unknown): number | undefined =>
        typeof operand === "number" || (typeof operand === "object" && operand !== null)
          ? operandInFactUnit(operand as never, fact)
          : undefined;
      if (c.op === "between") {
        const lo = n(c.min);
        const hi = n(c.max);
        if (lo === undefined || hi === undefined) return opaque();
        if (!negated) return range(lo, false, hi, false);
        return { kind: "or", children: [range(-Infinity, false, lo, true), range(hi, true, Infinity, false)] };
      }
      if (!("value" in c)) return opaque();
      const t = n(c.value);
      if (t === undefined) return opaque();
      const positiveOp = c.op;
      const op = negated
        ? ({ eq: "neq", neq: "eq", lt: "gte", lte: "gt", gt: "lte", gte: "lt" } as const)[positiveOp as "eq"]
        : positiveOp;
      switch (op) {
        case "eq":
          return range(t, false, t, false);
        case "neq":
          return lit({ kind: "notEqual", value: t });
        case "lt":
          return range(-Infinity, false, t, true);
        case "lte":
          return range(-Infinity, false, t, false);
        case "gt":
          return range(t, true, Infinity, false);
        case "gte":
          return range(t, false, Infinity, false);
      }
      return opaque();
    }
    case "singleChoice": {
      const all = fact.options.map((o) => o.id);
      let chosen: string[];
      if (c.op === "in") chosen = c.values;
      else if ((c.op === "eq" || c.op === "neq") && typeof c.value === "string") {
        chosen = c.op === "eq" ? [c.value] : all.filter((o) => o !== c.value);
      } else return opaque();
      const allowed = negated ? all.filter((o) => !chosen.includes(o)) : chosen;
      return lit({ kind: "oneOf", options: new Set(allowed) });
    }
    case "multipleChoice": {
      if (c.op === "includes") return lit({ kind: negated ? "excludes" : "includes", option: c.value });
      if (c.op === "in") return lit({ kind: negated ? "noneOf" : "anyOf", options: new Set(c.values) });
      return opaque();
    }
  }
}

// ---------------------------------------------------------------------------
// Satisfiability

export type Satisfiability =
  | { satisfiable: true }
  | { satisfiable: "unknown" }
  | { satisfiable: false; factId: string | null; reason: string };

/** Expands to alternatives (disjunctive normal form); null when there would be too many. */
function terms(nnf: Nnf): Constraint[][] | null {
  if (nnf.kind === "literal") return [[nnf.constraint]];
  if (nnf.kind === "or") {
    const out: Constraint[][] = [];
    for (const child of nnf.children) {
      const t = terms(child);
      if (t === null) return null;
      out.push(...t);
      if (out.length > MAX_TERMS) return null;
    }
    return out;
  }
  let out: Constraint[][] = [[]];
  for (const child of nnf.children) {
    const t = terms(child);
    if (t === null) return null;
    const next: Constraint[][] = [];
    for (const a of out) for (const b of t) next.push([...a, ...b]);
    if (next.length > MAX_TERMS) return null;
    out = next;
  }
  return out;
}

/** Can some set of answers make the condition TRUE? */
export function checkSatisfiable(nnf: Nnf, facts: ReadonlyMap<string, Fact>): Satisfiability {
  const alternatives = terms(nnf);
  if (alternatives === null) return { satisfiable: "unknown" };
  if (alternatives.length === 0) return { satisfiable: false, factId: null, reason: "it requires one of an empty list of conditions" };
  let first: { factId: string; reason: string } | null = null;
  for (const term of alternatives) {
    const conflict = findConflict(term, facts);
    if (conflict === null) return { satisfiable: true };
    first ??= conflict;
  }
  return { satisfiable: false, ...first! };
}

function findConflict(term: readonly Constraint[], facts: ReadonlyMap<string, Fact>): { factId: string; reason: string } | null {
  const byFact = new Map<string, Constraint[]>();
  for (const c of term) {
    const list = byFact.get(c.fact);
    if (list) list.push(c);
    else byFact.set(c.fact, [c]);
  }
  for (const [factId, constraints] of byFact) {
    const fact = facts.get(factId);
    if (!fact) continue;
    if (!consistent(constraints, fact)) {
      const texts = [...new Set(constraints.map((c) => c.text))];
      const bounds =
        fact.type === "number" && (fact.min !== undefined || fact.max !== undefined)
          ? ` (answers to “${factLabel(fact)}” must be ${boundsText(fact)})`
          : "";
      const reason =
        texts.length === 1
          ? `${texts[0]} can never be true${bounds}`
          : `${texts.join(" and ")} cannot all be true at once${bounds}`;
      return { factId, reason };
    }
  }
  return null;
}

function boundsText(fact: Extract<Fact, { type: "number" }>): string {
  if (fact.min !== undefined && fact.max !== undefined) {
    return `between ${formatQuantity(fact.min, fact.unit)} and ${formatQuantity(fact.max, fact.unit)}`;
  }
  if (fact.min !== undefined) return `at least ${formatQuantity(fact.min, fact.unit)}`;
  return `at most ${formatQuantity(fact.max!, fact.unit)}`;
}

interface Interval {
  lo: number;
  loStrict: boolean;
  hi: number;
  hiStrict: boolean;
}

function factInterval(fact: Fact): Interval {
  return fact.type === "number"
    ? { lo: fact.min ?? -Infinity, loStrict: false, hi: fact.max ?? Infinity, hiStrict: false }
    : { lo: -Infinity, loStrict: false, hi: Infinity, hiStrict: false };
}

function intersect(a: Interval, b: Interval): Interval {
  const lo = a.lo > b.lo ? a : b.lo > a.lo ? b : { lo: a.lo, loStrict: a.loStrict || b.loStrict };
  const hi = a.hi < b.hi ? a : b.hi < a.hi ? b : { hi: a.hi, hiStrict: a.hiStrict || b.hiStrict };
  return { lo: lo.lo, loStrict: lo.loStrict, hi: hi.hi, hiStrict: hi.hiStrict };
}

function emptyInterval(i: Interval): boolean {
  return i.lo > i.hi || (i.lo === i.hi && (i.loStrict || i.hiStrict));
}

/** Do these constraints on one fact admit an answer (or the lack of one)? */
function consistent(constraints: readonly Constraint[], fact: Fact): boolean {
  const mustBeUnanswered = constraints.some((c) => c.kind === "presence" && !c.answered);
  const needsValue = constraints.some((c) => c.kind !== "presence");
  if (mustBeUnanswered && (needsValue || constraints.some((c) => c.kind === "presence" && c.answered))) return false;
  if (!needsValue) return true;

  let bool: boolean | null = null;
  let interval = factInterval(fact);
  const excludedPoints: number[] = [];
  let oneOf: Set<string> | null = null;
  const included = new Set<string>();
  const excluded = new Set<string>();
  const anyOfs: ReadonlySet<string>[] = [];
  for (const c of constraints) {
    switch (c.kind) {
      case "bool":
        if (bool !== null && bool !== c.value) return false;
        bool = c.value;
        break;
      case "range":
        interval = intersect(interval, c);
        break;
      case "notEqual":
        excludedPoints.push(c.value);
        break;
      case "oneOf":
        oneOf = new Set([...(oneOf ?? c.options)].filter((o) => c.options.has(o)));
        break;
      case "includes":
        included.add(c.option);
        break;
      case "excludes":
        excluded.add(c.option);
        break;
      case "anyOf":
        anyOfs.push(c.options);
        break;
      case "noneOf":
        for (const o of c.options) excluded.add(o);
        break;
      default:
        break;
    }
  }
  if (emptyInterval(interval)) return false;
  // A single-point interval that is excluded leaves nothing; wider intervals always keep a value.
  if (interval.lo === interval.hi && excludedPoints.includes(interval.lo)) return false;
  if (oneOf !== null && oneOf.size === 0) return false;
  for (const o of included) if (excluded.has(o)) return false;
  for (const options of anyOfs) if (![...options].some((o) => !excluded.has(o))) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Implication: whenever `b` is TRUE, is `a` TRUE?

export function implies(b: Nnf, a: Nnf, facts: ReadonlyMap<string, Fact>): boolean {
  if (a.kind === "and") return a.children.every((child) => implies(b, child, facts));
  if (b.kind === "or") return b.children.every((child) => implies(child, a, facts));
  if (b.kind === "and" && b.children.some((child) => implies(child, a, facts))) return true;
  if (a.kind === "or") return a.children.some((child) => implies(b, child, facts));
  if (a.kind === "literal" && b.kind === "literal") return literalImplies(b.constraint, a.constraint, facts);
  return false;
}

function literalImplies(b: Constraint, a: Constraint, facts: ReadonlyMap<string, Fact>): boolean {
  if (b.fact !== a.fact) return false;
  if (a.kind === "presence") return a.answered ? !(b.kind === "presence" && !b.answered) : b.kind === "presence" && !b.answered;
  switch (a.kind) {
    case "opaque":
      return b.kind === "opaque" && b.key === a.key;
    case "bool":
      return b.kind === "bool" && b.value === a.value;
    case "range": {
      if (b.kind !== "range") return false;
      const fact = facts.get(b.fact);
      const inner = fact ? intersect(b, factInterval(fact)) : b;
      if (emptyInterval(inner)) return true;
      const loOk = inner.lo > a.lo || (inner.lo === a.lo && (!a.loStrict || inner.loStrict));
      const hiOk = inner.hi < a.hi || (inner.hi === a.hi && (!a.hiStrict || inner.hiStrict));
      return loOk && hiOk;
    }
    case "notEqual":
      if (b.kind === "notEqual") return b.value === a.value;
      if (b.kind === "range") return !emptyInterval(b) && (a.value < b.lo || a.value > b.hi || (a.value === b.lo && b.loStrict) || (a.value === b.hi && b.hiStrict));
      return false;
    case "oneOf":
      return b.kind === "oneOf" && [...b.options].every((o) => a.options.has(o));
    case "includes":
      return b.kind === "includes" && b.option === a.option;
    case "excludes":
      return (b.kind === "excludes" && b.option === a.option) || (b.kind === "noneOf" && b.options.has(a.option));
    case "anyOf":
      return (b.kind === "includes" && a.options.has(b.option)) || (b.kind === "anyOf" && [...b.options].every((o) => a.options.has(o)));
    case "noneOf":
      return b.kind === "noneOf" && [...a.options].every((o) => b.options.has(o));
  }
}
