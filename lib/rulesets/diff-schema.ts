/**
 * The shape of a difference between two versions of a rule set.
 *
 * It travels through server actions, the admin API and the audit log, so it is
 * plain JSON: no undefined values (absent things are null or left out), no
 * Dates, no Maps. The TypeScript types are inferred from these schemas so the
 * OpenAPI description cannot drift from what the code produces.
 *
 * Text meant for people (condition sentences, fact types, alert messages) is
 * rendered once, here in the data, so the dashboard, the API and the audit log
 * all show reviewers the same words.
 */
import { z } from "zod";

/** A value before and after; null means it was not set. */
export const TextChangeSchema = z.object({
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type TextChange = z.infer<typeof TextChangeSchema>;

export const NumberChangeSchema = z.object({
  before: z.number().nullable(),
  after: z.number().nullable(),
});
export type NumberChange = z.infer<typeof NumberChangeSchema>;

export const SwitchChangeSchema = z.object({
  before: z.boolean(),
  after: z.boolean(),
});
export type SwitchChange = z.infer<typeof SwitchChangeSchema>;

/** Something referred to by id, with the name people know it by (the id itself when it cannot be found). */
export const NamedRefSchema = z.object({
  id: z.string(),
  name: z.string(),
});
export type NamedRef = z.infer<typeof NamedRefSchema>;

export const TagsChangeSchema = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  /** Same entries, different order. */
  reordered: z.boolean(),
});
export type TagsChange = z.infer<typeof TagsChangeSchema>;

/** Guidance linked to a rule or disposition. Order matters: it is the order people read it in. */
export const GuidanceLinksChangeSchema = z.object({
  added: z.array(NamedRefSchema),
  removed: z.array(NamedRefSchema),
  reordered: z.boolean(),
});
export type GuidanceLinksChange = z.infer<typeof GuidanceLinksChangeSchema>;

export const DiffCitationSchema = z.object({
  source: z.string(),
  statement: z.string(),
});

/** An edited quotation shows as one removed and one added, so the reviewer sees both wordings. */
export const CitationsChangeSchema = z.object({
  added: z.array(DiffCitationSchema),
  removed: z.array(DiffCitationSchema),
  reordered: z.boolean(),
});
export type CitationsChange = z.infer<typeof CitationsChangeSchema>;

/**
 * A condition as plain-language sentences. `structureChanged: false` means the
 * condition itself is untouched but a question it uses was edited (relabelled,
 * options renamed, or a unit changed, which changes what "42" means), so the
 * sentence reads differently. null: no condition (follow-up questions: always asked).
 */
export const ConditionChangeSchema = z.object({
  before: z.string().nullable(),
  after: z.string().nullable(),
  structureChanged: z.boolean(),
});
export type ConditionChange = z.infer<typeof ConditionChangeSchema>;

export const WordSegmentSchema = z.object({
  kind: z.enum(["same", "added", "removed"]),
  text: z.string(),
});
export type WordSegment = z.infer<typeof WordSegmentSchema>;

/**
 * Prose with a word-level comparison. Joining the "same" and "removed" segments
 * gives `before`; joining "same" and "added" gives `after`.
 */
export const ProseChangeSchema = z.object({
  before: z.string(),
  after: z.string(),
  segments: z.array(WordSegmentSchema),
});
export type ProseChange = z.infer<typeof ProseChangeSchema>;

/** Positions count from 1, as people number a list. */
export const MoveSchema = z.object({
  fromPosition: z.number().int().positive(),
  toPosition: z.number().int().positive(),
});
export type Move = z.infer<typeof MoveSchema>;

const urgencyFlags = {
  /** The result is now less urgent. The single most important thing for a reviewer. */
  urgencyReduced: z.boolean(),
  urgencyIncreased: z.boolean(),
};

// ---------------------------------------------------------------------------
// Rules

export const RuleEntrySchema = z.object({
  id: z.string(),
  title: z.string(),
  condition: z.string(),
  disposition: NamedRefSchema,
  enabled: z.boolean(),
  position: z.number().int().positive(),
});
export type RuleEntry = z.infer<typeof RuleEntrySchema>;

export const RuleDispositionChangeSchema = z.object({
  before: NamedRefSchema,
  after: NamedRefSchema,
  ...urgencyFlags,
});
export type RuleDispositionChange = z.infer<typeof RuleDispositionChangeSchema>;

export const RuleChangesSchema = z.object({
  title: TextChangeSchema.optional(),
  condition: ConditionChangeSchema.optional(),
  disposition: RuleDispositionChangeSchema.optional(),
  guidance: GuidanceLinksChangeSchema.optional(),
  rationale: ProseChangeSchema.optional(),
  citations: CitationsChangeSchema.optional(),
  enabled: SwitchChangeSchema.optional(),
  tags: TagsChangeSchema.optional(),
});
export type RuleChanges = z.infer<typeof RuleChangesSchema>;

export const RuleChangeSchema = z.object({
  id: z.string(),
  /** The title in the newer version. */
  title: z.string(),
  /** The disposition in the newer version. */
  disposition: NamedRefSchema,
  /** Set when the rule moved relative to the rules present in both versions. */
  moved: MoveSchema.optional(),
  changes: RuleChangesSchema,
});
export type RuleChange = z.infer<typeof RuleChangeSchema>;

// ---------------------------------------------------------------------------
// Facts (questions)

export const FactEntrySchema = z.object({
  id: z.string(),
  /** The short label, or the question when there is none. */
  name: z.string(),
  question: z.string(),
  /** In words: "yes/no", "number", "one choice", "several choices". */
  type: z.string(),
  /** e.g. "Options: suddenly, gradually" or "In hours, from 0 to 2000". null when there is nothing to add. */
  details: z.string().nullable(),
  /** When this follow-up question is asked; null: always. */
  askWhen: z.string().nullable(),
  position: z.number().int().positive(),
});
export type FactEntry = z.infer<typeof FactEntrySchema>;

export const DiffOptionSchema = z.object({ id: z.string(), label: z.string() });

export const OptionsChangeSchema = z.object({
  added: z.array(DiffOptionSchema),
  removed: z.array(DiffOptionSchema),
  relabelled: z.array(z.object({ id: z.string(), before: z.string(), after: z.string() })),
  reordered: z.boolean(),
});
export type OptionsChange = z.infer<typeof OptionsChangeSchema>;

export const FactChangesSchema = z.object({
  question: TextChangeSchema.optional(),
  label: TextChangeSchema.optional(),
  help: TextChangeSchema.optional(),
  type: TextChangeSchema.optional(),
  unit: TextChangeSchema.optional(),
  min: NumberChangeSchema.optional(),
  max: NumberChangeSchema.optional(),
  options: OptionsChangeSchema.optional(),
  askWhen: ConditionChangeSchema.optional(),
});
export type FactChanges = z.infer<typeof FactChangesSchema>;

export const FactChangeSchema = z.object({
  id: z.string(),
  /** The name in the newer version. */
  name: z.string(),
  moved: MoveSchema.optional(),
  changes: FactChangesSchema,
});
export type FactChange = z.infer<typeof FactChangeSchema>;

// ---------------------------------------------------------------------------
// Dispositions

export const DispositionEntrySchema = z.object({
  id: z.string(),
  label: z.string(),
  action: z.string(),
  /** 1 is the most urgent. */
  position: z.number().int().positive(),
});
export type DispositionEntry = z.infer<typeof DispositionEntrySchema>;

/**
 * The urgency order changed for this disposition. Positions alone mislead (adding
 * one at the top shifts every other), so the reviewer also gets which dispositions
 * it swapped places with.
 */
export const DispositionOrderChangeSchema = MoveSchema.extend({
  nowLessUrgentThan: z.array(NamedRefSchema),
  nowMoreUrgentThan: z.array(NamedRefSchema),
  urgencyReduced: z.boolean(),
});
export type DispositionOrderChange = z.infer<typeof DispositionOrderChangeSchema>;

export const DispositionChangesSchema = z.object({
  label: TextChangeSchema.optional(),
  action: TextChangeSchema.optional(),
  guidance: GuidanceLinksChangeSchema.optional(),
});
export type DispositionChanges = z.infer<typeof DispositionChangesSchema>;

export const DispositionChangeSchema = z.object({
  id: z.string(),
  label: z.string(),
  moved: DispositionOrderChangeSchema.optional(),
  changes: DispositionChangesSchema,
});
export type DispositionChange = z.infer<typeof DispositionChangeSchema>;

// ---------------------------------------------------------------------------
// Guidance

export const GuidanceEntrySchema = z.object({
  id: z.string(),
  title: z.string(),
  locale: z.string().nullable(),
  body: z.string(),
});
export type GuidanceEntry = z.infer<typeof GuidanceEntrySchema>;

export const GuidanceChangesSchema = z.object({
  title: TextChangeSchema.optional(),
  locale: TextChangeSchema.optional(),
  citations: CitationsChangeSchema.optional(),
  body: ProseChangeSchema.optional(),
});
export type GuidanceChanges = z.infer<typeof GuidanceChangesSchema>;

export const GuidanceChangeSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Only the order within the document; people never see it, so it matters least. */
  moved: MoveSchema.optional(),
  changes: GuidanceChangesSchema,
});
export type GuidanceChange = z.infer<typeof GuidanceChangeSchema>;

// ---------------------------------------------------------------------------
// Invariants (the safety statements the solver proves)

export const InvariantEntrySchema = z.object({
  id: z.string(),
  /** The sentence as a reviewer reads it, e.g. "Whenever saddle numbness is yes, the disposition is “Emergency”." */
  statement: z.string(),
  position: z.number().int().positive(),
});
export type InvariantEntry = z.infer<typeof InvariantEntrySchema>;

export const InvariantChangesSchema = z.object({
  /** The whole statement (kind, condition and disposition), before and after. */
  statement: TextChangeSchema.optional(),
  /** The disposition it holds the rule set to moved; urgencyReduced = it now asks for less. */
  disposition: RuleDispositionChangeSchema.optional(),
  rationale: ProseChangeSchema.optional(),
  citations: CitationsChangeSchema.optional(),
});
export type InvariantChanges = z.infer<typeof InvariantChangesSchema>;

export const InvariantChangeSchema = z.object({
  id: z.string(),
  statement: z.string(),
  moved: MoveSchema.optional(),
  changes: InvariantChangesSchema,
});
export type InvariantChange = z.infer<typeof InvariantChangeSchema>;

// ---------------------------------------------------------------------------
// Metadata, default disposition, urgency alerts

export const MetadataChangesSchema = z.object({
  slug: TextChangeSchema.optional(),
  title: TextChangeSchema.optional(),
  description: TextChangeSchema.optional(),
  summary: TextChangeSchema.optional(),
  audience: TextChangeSchema.optional(),
  locales: TagsChangeSchema.optional(),
});
export type MetadataChanges = z.infer<typeof MetadataChangesSchema>;

/** null before/after: no default, so apps show their own safe fallback when no rule applies. */
export const DefaultDispositionChangeSchema = z.object({
  before: NamedRefSchema.nullable(),
  after: NamedRefSchema.nullable(),
  ...urgencyFlags,
});
export type DefaultDispositionChange = z.infer<typeof DefaultDispositionChangeSchema>;

export const URGENCY_REDUCTION_KINDS = [
  /** A rule now leads to a less urgent disposition. */
  "ruleDisposition",
  /** A rule that could lead to something more urgent than the least urgent disposition was removed. */
  "ruleRemoved",
  /** The same, switched off. */
  "ruleDisabled",
  /** A disposition now ranks below one it used to outrank. */
  "dispositionOrder",
  /** When no rule applies, people now get a less urgent result. */
  "defaultDisposition",
  /** A safety invariant was removed: the rule set is no longer held to it. */
  "invariantRemoved",
  /** A safety invariant now asks for less urgency, or its condition changed. */
  "invariantWeakened",
] as const;

export const UrgencyReductionSchema = z.object({
  kind: z.enum(URGENCY_REDUCTION_KINDS),
  /** The rule or disposition concerned. */
  id: z.string(),
  /** One sentence for the reviewer. */
  message: z.string(),
});
export type UrgencyReduction = z.infer<typeof UrgencyReductionSchema>;

// ---------------------------------------------------------------------------

function sectionSchema<E extends z.ZodType, C extends z.ZodType>(entry: E, change: C) {
  return z.object({
    added: z.array(entry),
    removed: z.array(entry),
    /** Present in both versions and different in content, order, or both. */
    changed: z.array(change),
  });
}

export const RuleSetDiffSchema = z
  .object({
    /** There was no earlier version: everything is added. */
    firstVersion: z.boolean(),
    /** Everything that could give people a less urgent result. Show these first. */
    urgencyReductions: z.array(UrgencyReductionSchema),
    metadata: MetadataChangesSchema,
    defaultDisposition: DefaultDispositionChangeSchema.nullable(),
    rules: sectionSchema(RuleEntrySchema, RuleChangeSchema),
    facts: sectionSchema(FactEntrySchema, FactChangeSchema),
    dispositions: sectionSchema(DispositionEntrySchema, DispositionChangeSchema),
    guidance: sectionSchema(GuidanceEntrySchema, GuidanceChangeSchema),
    invariants: sectionSchema(InvariantEntrySchema, InvariantChangeSchema),
  })
  .meta({ id: "RuleSetDiff", title: "Differences between two versions of a rule set" });

export type RuleSetDiff = z.infer<typeof RuleSetDiffSchema>;
