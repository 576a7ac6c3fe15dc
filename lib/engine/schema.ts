/**
 * The rule-set document: the single source of truth for its shape.
 *
 * Everything else (TypeScript types, the JSON Schema for editors and the public
 * API, the answers schema) is derived from these zod schemas. Cross-references
 * (does this rule's fact exist?) are not checked here: the document must stay
 * loadable while a clinician is half-way through an edit, and lint.ts reports
 * those problems in plain language with a path to the offending spot.
 */
import { z } from "zod";
// Before any schema is used: no eval probe in browsers (see the module).
import "./zod-without-eval";
import { refuseDeepConditions } from "./condition-depth";

/** Bump when a change to the document shape is not backwards compatible. */
export const SCHEMA_VERSION = 1 as const;

// snake_case keeps ids stable across client languages (Swift, Kotlin, JS) and URLs.
const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
export const IdSchema = z
  .string()
  .regex(SNAKE_CASE, "Use snake_case: lower-case letters, digits and single underscores, starting with a letter")
  .max(80);

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const nonEmpty = z.string().trim().min(1);

// ---------------------------------------------------------------------------
// Conditions

/** A number written together with the unit it is measured in, e.g. 3 days. */
export const QuantitySchema = z.strictObject({
  value: z.number(),
  unit: nonEmpty,
});
export type Quantity = z.infer<typeof QuantitySchema>;

/** A bare number (for unitless facts) or a quantity with a unit. */
export const NumberOperandSchema = z.union([z.number(), QuantitySchema]);
export type NumberOperand = z.infer<typeof NumberOperandSchema>;

export type EqualityOperator = "eq" | "neq";
export type OrderingOperator = "lt" | "lte" | "gt" | "gte";
export type PresenceOperator = "answered" | "notAnswered";

export interface EqualityComparison {
  fact: string;
  op: EqualityOperator;
  /** boolean for yes/no facts, an option id for single choice, a number or quantity for numbers. */
  value: boolean | number | string | Quantity;
}
export interface OrderingComparison {
  fact: string;
  op: OrderingOperator;
  value: NumberOperand;
}
export interface BetweenComparison {
  fact: string;
  op: "between";
  /** Inclusive on both ends. */
  min: NumberOperand;
  max: NumberOperand;
}
export interface InComparison {
  fact: string;
  op: "in";
  /** Option ids. Single choice: the answer is one of them. Multiple choice: any selected option is one of them. */
  values: string[];
}
export interface IncludesComparison {
  fact: string;
  op: "includes";
  /** An option id the multiple-choice answer must contain. */
  value: string;
}
export interface PresenceComparison {
  fact: string;
  op: PresenceOperator;
}

export type Comparison =
  | EqualityComparison
  | OrderingComparison
  | BetweenComparison
  | InComparison
  | IncludesComparison
  | PresenceComparison;

export type ComparisonOperator = Comparison["op"];

export interface AllCondition {
  all: Condition[];
}
export interface AnyCondition {
  any: Condition[];
}
export interface NotCondition {
  not: Condition;
}
export type Condition = AllCondition | AnyCondition | NotCondition | Comparison;

export const COMPARISON_OPERATORS = [
  "eq",
  "neq",
  "lt",
  "lte",
  "gt",
  "gte",
  "between",
  "in",
  "includes",
  "answered",
  "notAnswered",
] as const satisfies readonly ComparisonOperator[];

const factRef = IdSchema.describe("Id of the fact (question) being compared");

export const ComparisonSchema = z.discriminatedUnion("op", [
  z.strictObject({
    fact: factRef,
    op: z.enum(["eq", "neq"]),
    value: z.union([z.boolean(), z.number(), z.string(), QuantitySchema]),
  }),
  z.strictObject({ fact: factRef, op: z.enum(["lt", "lte", "gt", "gte"]), value: NumberOperandSchema }),
  z.strictObject({ fact: factRef, op: z.literal("between"), min: NumberOperandSchema, max: NumberOperandSchema }),
  z.strictObject({ fact: factRef, op: z.literal("in"), values: z.array(z.string()).min(1) }),
  z.strictObject({ fact: factRef, op: z.literal("includes"), value: z.string() }),
  z.strictObject({ fact: factRef, op: z.enum(["answered", "notAnswered"]) }),
]);

// The depth check runs before the recursive parse at every level (each check is
// bounded by the limit itself), so a stored document, a form and the API all get
// a 400 naming the path instead of a stack overflow on a tree thousands deep.
export const ConditionSchema: z.ZodType<Condition, Condition> = z
  .preprocess(
    refuseDeepConditions,
    z.lazy(() =>
      z.union([
        z.strictObject({ all: z.array(ConditionSchema) }).describe("True when every condition is true"),
        z.strictObject({ any: z.array(ConditionSchema) }).describe("True when at least one condition is true"),
        z.strictObject({ not: ConditionSchema }).describe("True when the condition is false"),
        ComparisonSchema,
      ]),
    ),
  )
  .meta({ id: "Condition" }) as unknown as z.ZodType<Condition, Condition>;

export function isAll(c: Condition): c is AllCondition {
  return "all" in c;
}
export function isAny(c: Condition): c is AnyCondition {
  return "any" in c;
}
export function isNot(c: Condition): c is NotCondition {
  return "not" in c;
}
export function isComparison(c: Condition): c is Comparison {
  return "op" in c;
}

// ---------------------------------------------------------------------------
// Facts

const factBase = {
  id: IdSchema,
  /** Short label used in plain-language sentences, e.g. "saddle numbness". */
  label: nonEmpty.optional(),
  /** The question as the person reads it. */
  question: nonEmpty,
  help: z.string().optional(),
  /** A follow-up question: only asked when this condition holds. */
  askWhen: ConditionSchema.optional(),
};

export const OptionSchema = z.strictObject({ id: IdSchema, label: nonEmpty });
export type Option = z.infer<typeof OptionSchema>;

export const BooleanFactSchema = z.strictObject({ ...factBase, type: z.literal("boolean") });
export const NumberFactSchema = z.strictObject({
  ...factBase,
  type: z.literal("number"),
  unit: nonEmpty.optional(),
  /** Inclusive bounds; answers outside them are rejected. */
  min: z.number().optional(),
  max: z.number().optional(),
});
export const SingleChoiceFactSchema = z.strictObject({
  ...factBase,
  type: z.literal("singleChoice"),
  options: z.array(OptionSchema).min(1),
});
export const MultipleChoiceFactSchema = z.strictObject({
  ...factBase,
  type: z.literal("multipleChoice"),
  options: z.array(OptionSchema).min(1),
});

export const FactSchema = z.discriminatedUnion("type", [
  BooleanFactSchema,
  NumberFactSchema,
  SingleChoiceFactSchema,
  MultipleChoiceFactSchema,
]);
export type Fact = z.infer<typeof FactSchema>;
export type FactType = Fact["type"];
export type BooleanFact = z.infer<typeof BooleanFactSchema>;
export type NumberFact = z.infer<typeof NumberFactSchema>;
export type SingleChoiceFact = z.infer<typeof SingleChoiceFactSchema>;
export type MultipleChoiceFact = z.infer<typeof MultipleChoiceFactSchema>;
export type ChoiceFact = SingleChoiceFact | MultipleChoiceFact;

// ---------------------------------------------------------------------------
// Dispositions, guidance, rules

export const DispositionSchema = z.strictObject({
  id: IdSchema,
  label: nonEmpty,
  /** What the person should do, e.g. "Go to the emergency department now". */
  action: nonEmpty,
  /** Guidance shown whenever this disposition is the result. */
  guidance: z.array(IdSchema).default([]),
});
export type Disposition = z.infer<typeof DispositionSchema>;

export const CitationSchema = z.strictObject({
  /** The source document, e.g. "000_fdb231116db528c1.txt". */
  source: nonEmpty,
  /** The quoted statement the rule rests on. */
  statement: nonEmpty,
});
export type Citation = z.infer<typeof CitationSchema>;

export const GuidanceSchema = z.strictObject({
  id: IdSchema,
  title: nonEmpty,
  /** Markdown. */
  body: z.string(),
  locale: z.string().min(2).optional(),
  /** Where the advice comes from, so a reviewer can check it against the source. */
  citations: z.array(CitationSchema).default([]),
});
export type Guidance = z.infer<typeof GuidanceSchema>;

export const RuleSchema = z.strictObject({
  id: IdSchema,
  title: nonEmpty,
  when: ConditionSchema,
  disposition: IdSchema,
  guidance: z.array(IdSchema).default([]),
  rationale: z.string().default(""),
  citations: z.array(CitationSchema).default([]),
  enabled: z.boolean().default(true),
  tags: z.array(nonEmpty).default([]),
});
export type Rule = z.infer<typeof RuleSchema>;

// ---------------------------------------------------------------------------
// Safety invariants: statements about outcomes that must hold for EVERY possible
// answer set (any answers, any unanswered), proven by lib/verify with an SMT
// solver before a version can be submitted or published.

const invariantBase = {
  id: IdSchema,
  /** The condition, in the same language as rule conditions (three-valued: it holds only when TRUE). */
  when: ConditionSchema,
  /** A disposition id. */
  disposition: IdSchema,
  /** Why this must hold, for reviewers. */
  rationale: z.string().default(""),
  citations: z.array(CitationSchema).default([]),
};

export const InvariantSchema = z.discriminatedUnion("kind", [
  z
    .strictObject({ ...invariantBase, kind: z.literal("atLeast") })
    .describe("Whenever `when` is true, the disposition is `disposition` or more urgent"),
  z
    .strictObject({ ...invariantBase, kind: z.literal("onlyWhen") })
    .describe("The disposition is `disposition` or less urgent only when `when` is true"),
]);
export type Invariant = z.infer<typeof InvariantSchema>;
export type InvariantKind = Invariant["kind"];

export const MetadataSchema = z.strictObject({
  slug: z.string().regex(SLUG, "Use lower-case words separated by hyphens, e.g. back-pain"),
  title: nonEmpty,
  /** For authors and reviewers: scope, sources, what the rule set leaves out. */
  description: z.string().default(""),
  /**
   * For the person using a symptom checker, in plain language: what it helps with.
   * Checkers show this, never the description. Optional so that documents
   * published before it existed keep their content hash.
   */
  summary: z.string().max(1000).optional(),
  /** Who the rule set is written for, e.g. "Adults 18 and over". */
  audience: z.string().default(""),
  locales: z.array(z.string().min(2)).min(1).default(["en"]),
});
export type Metadata = z.infer<typeof MetadataSchema>;

export const RuleSetSchema = z
  .strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    metadata: MetadataSchema,
    facts: z.array(FactSchema),
    /** Ordered from MOST to LEAST urgent; the most urgent fired disposition wins. */
    dispositions: z.array(DispositionSchema).min(1),
    /**
     * Returned when no rule fires. Leave it out to get `disposition: null` instead,
     * which obliges the client to show its own safe fallback (see docs/rule-format.md).
     */
    defaultDisposition: IdSchema.optional(),
    rules: z.array(RuleSchema),
    guidance: z.array(GuidanceSchema).default([]),
    /**
     * Safety statements proven over every answer set (see docs/rule-format.md).
     * Every red-flag rule adds its own as well (lib/engine/invariants.ts).
     * Optional, with no default, so that documents published before invariants
     * existed keep their content hash.
     */
    invariants: z.array(InvariantSchema).optional(),
  })
  .meta({ title: "Triage Studio rule set" });

/** A parsed rule set with defaults filled in. */
export type RuleSet = z.output<typeof RuleSetSchema>;
/** A rule set as authored or stored (defaults may be missing). */
export type RuleSetInput = z.input<typeof RuleSetSchema>;

/** Parses and fills defaults; throws a ZodError describing every shape problem. */
export function parseRuleSet(input: unknown): RuleSet {
  return RuleSetSchema.parse(input);
}

export function safeParseRuleSet(input: unknown) {
  return RuleSetSchema.safeParse(input);
}

/** The label used when a fact appears in a sentence. */
export function factLabel(fact: Pick<Fact, "label" | "question">): string {
  return fact.label ?? fact.question;
}
