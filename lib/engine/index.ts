/**
 * Public surface of the rule engine. Pure TypeScript with no I/O, shared by the
 * server, dashboard previews, the public API and the client SDK (browsers too).
 */
export {
  SCHEMA_VERSION,
  RuleSetSchema,
  FactSchema,
  RuleSchema,
  DispositionSchema,
  GuidanceSchema,
  ConditionSchema,
  ComparisonSchema,
  MetadataSchema,
  CitationSchema,
  InvariantSchema,
  COMPARISON_OPERATORS,
  parseRuleSet,
  safeParseRuleSet,
  factLabel,
  isAll,
  isAny,
  isNot,
  isComparison,
} from "./schema";
export { MAX_CONDITION_DEPTH, tooDeepConditionPath } from "./condition-depth";
export type {
  RuleSet,
  RuleSetInput,
  Fact,
  FactType,
  BooleanFact,
  NumberFact,
  SingleChoiceFact,
  MultipleChoiceFact,
  ChoiceFact,
  Option,
  Rule,
  Disposition,
  Guidance,
  Citation,
  Metadata,
  Invariant,
  InvariantKind,
  Condition,
  AllCondition,
  AnyCondition,
  NotCondition,
  Comparison,
  ComparisonOperator,
  Quantity,
  NumberOperand,
} from "./schema";
export { KNOWN_UNITS, canConvert, convertUnit, formatQuantity } from "./units";
export { AnswersError, answersSchema, answerIssuesFromZod } from "./answers";
export type { AnswerValue, Answers, AnswerIssue } from "./answers";
export { compile, isCompiledRuleSet, RuleSetCompileError } from "./compile";
export type { CompiledRuleSet } from "./compile";
export { evaluate, validateAnswers } from "./evaluate";
export type { EvaluateOptions, EvaluationResult } from "./evaluate";
export type { EvaluationTrace, RuleTrace, FollowUpTrace, ConditionTrace, ComparisonTrace, GroupTrace, NotTrace, FactStatus } from "./trace";
export type { TruthLabel } from "./truth";
export { lintRuleSet } from "./lint";
export type { LintIssue, LintCode, LintSeverity } from "./lint-types";
export { describeCondition, describeComparison, factLookup } from "./describe";
export { ruleSetJsonSchema } from "./json-schema";
export { effectiveInvariants, invariantStatement, isRedFlagRule, redFlagInvariantId, RED_FLAG_TAG } from "./invariants";
export type { EffectiveInvariant } from "./invariants";
