/**
 * A clinically readable comparison of two versions of a rule set.
 *
 * Pure and synchronous: used by server actions (save conflicts), the admin API,
 * the audit log and version history. Entities are matched by id; when a
 * half-edited document repeats an id, the first definition wins, as in
 * describeCondition and lint (which reports the duplicate).
 */
import { describeCondition, factLookup, type FactLookup } from "@/lib/engine/describe";
import { invariantStatement } from "@/lib/engine/invariants";
import type { Condition, RuleSet, RuleSetInput } from "@/lib/engine/schema";
import type {
  CitationsChange,
  ConditionChange,
  DefaultDispositionChange,
  DispositionChanges,
  DispositionOrderChange,
  FactChanges,
  FactEntry,
  GuidanceChanges,
  GuidanceLinksChange,
  InvariantChanges,
  InvariantEntry,
  MetadataChanges,
  Move,
  NamedRef,
  NumberChange,
  OptionsChange,
  ProseChange,
  RuleChanges,
  RuleDispositionChange,
  RuleEntry,
  RuleSetDiff,
  TagsChange,
  TextChange,
  UrgencyReduction,
} from "./diff-schema";
import { diffProse } from "./word-diff";

export * from "./diff-schema";
export { diffProse } from "./word-diff";

/**
 * Parsed documents (RuleSet) are the usual input; stored drafts whose defaults
 * were never filled in (RuleSetInput) are accepted too.
 */
type Doc = RuleSet | RuleSetInput;
type DocRule = RuleSetInput["rules"][number];
type DocFact = RuleSetInput["facts"][number];
type DocDisposition = RuleSetInput["dispositions"][number];
type DocGuidance = NonNullable<RuleSetInput["guidance"]>[number];
type DocCitation = NonNullable<DocRule["citations"]>[number];
type DocInvariant = NonNullable<RuleSetInput["invariants"]>[number];

// ---------------------------------------------------------------------------
// Public API

/** Compares `from` (null: there was no earlier version) with `to`. */
export function diffRuleSets(from: Doc | null, to: Doc): RuleSetDiff {
  const ctx = new Context(from, to);

  const rules = diffSection(from?.rules ?? [], to.rules ?? [], {
    entry: (rule, position, side) => ctx.ruleEntry(rule, position, side),
    changes: (a, b) => ctx.ruleChanges(a, b),
    change: (a, b, changes, moved) => ({
      id: b.id,
      title: b.title,
      disposition: ctx.dispositionRef(b.disposition, "after"),
      ...(moved ? { moved } : {}),
      changes,
    }),
    trackMoves: true,
  });
  const facts = diffSection(from?.facts ?? [], to.facts ?? [], {
    entry: (fact, position, side) => ctx.factEntry(fact, position, side),
    changes: (a, b) => ctx.factChanges(a, b),
    change: (_a, b, changes, moved) => ({ id: b.id, name: factName(b), ...(moved ? { moved } : {}), changes }),
    trackMoves: true,
  });
  const dispositionOrder = urgencyOrderChanges(from?.dispositions ?? [], to.dispositions ?? []);
  const dispositions = diffSection(from?.dispositions ?? [], to.dispositions ?? [], {
    entry: (d, position) => ({ id: d.id, label: d.label, action: d.action, position }),
    changes: (a, b) => ctx.dispositionChanges(a, b),
    change: (_a, b, changes, _moved, key) => {
      const moved = dispositionOrder.get(key);
      return { id: b.id, label: b.label, ...(moved ? { moved } : {}), changes };
    },
    extraChange: (_a, _b, key) => dispositionOrder.has(key),
    trackMoves: false,
  });
  const guidance = diffSection(from?.guidance ?? [], to.guidance ?? [], {
    entry: (g) => ({ id: g.id, title: g.title, locale: g.locale ?? null, body: g.body }),
    changes: (a, b) => ctx.guidanceChanges(a, b),
    change: (_a, b, changes, moved) => ({ id: b.id, title: b.title, ...(moved ? { moved } : {}), changes }),
    // People never see the order of guidance blocks in the document, but a draft
    // that differs only by it must still count as changed, or its save is skipped.
    trackMoves: true,
  });

  const invariants = diffSection(from?.invariants ?? [], to.invariants ?? [], {
    entry: (invariant, position, side) => ctx.invariantEntry(invariant, position, side),
    changes: (a, b) => ctx.invariantChanges(a, b),
    change: (_a, b, changes, moved) => ({ id: b.id, statement: ctx.invariantEntry(b, 1, "after").statement, ...(moved ? { moved } : {}), changes }),
    trackMoves: true,
  });

  const metadata = metadataChanges(from, to);
  const defaultDisposition = ctx.defaultDispositionChange();

  const diff: RuleSetDiff = {
    firstVersion: from === null,
    urgencyReductions: [],
    metadata,
    defaultDisposition,
    rules,
    facts,
    dispositions,
    guidance,
    invariants,
  };
  diff.urgencyReductions = from === null ? [] : ctx.urgencyReductions(diff);
  return diff;
}

export interface SectionCounts {
  added: number;
  removed: number;
  /** Entries whose content changed (a pure move is not counted here). */
  changed: number;
  moved: number;
}

export interface DiffCounts {
  rules: SectionCounts;
  facts: SectionCounts;
  dispositions: SectionCounts;
  guidance: SectionCounts;
  invariants: SectionCounts;
  /** Number of metadata fields changed. */
  metadata: number;
  /** 1 when the default disposition changed. */
  defaultDisposition: number;
  urgencyReductions: number;
  /** Entities or fields that differ in any way; 0 exactly when the diff is empty. */
  total: number;
}

export function diffCounts(diff: RuleSetDiff): DiffCounts {
  const section = (s: { added: unknown[]; removed: unknown[]; changed: { changes: object; moved?: unknown }[] }): SectionCounts => ({
    added: s.added.length,
    removed: s.removed.length,
    changed: s.changed.filter((c) => Object.keys(c.changes).length > 0).length,
    moved: s.changed.filter((c) => c.moved !== undefined).length,
  });
  const rules = section(diff.rules);
  const facts = section(diff.facts);
  const dispositions = section(diff.dispositions);
  const guidance = section(diff.guidance);
  const invariants = section(diff.invariants);
  const metadata = Object.keys(diff.metadata).length;
  const defaultDisposition = diff.defaultDisposition ? 1 : 0;
  const entries = [diff.rules, diff.facts, diff.dispositions, diff.guidance, diff.invariants].reduce(
    (sum, s) => sum + s.added.length + s.removed.length + s.changed.length,
    0,
  );
  return {
    rules,
    facts,
    dispositions,
    guidance,
    invariants,
    metadata,
    defaultDisposition,
    urgencyReductions: diff.urgencyReductions.length,
    total: entries + metadata + defaultDisposition,
  };
}

export function isEmptyDiff(diff: RuleSetDiff): boolean {
  return diffCounts(diff).total === 0;
}

/** Audit-log and version-history lines are kept short enough to scan. */
export const SUMMARY_MAX_LENGTH = 200;
const NAME_MAX_LENGTH = 40;

/**
 * One short plain-language line, e.g. "2 rules changed (1 with lower urgency),
 * 1 fact added, guidance “Heat and cold” edited". Anything that lowers urgency
 * comes first so it survives truncation.
 */
export function summarizeDiff(diff: RuleSetDiff): string {
  const counts = diffCounts(diff);
  if (counts.total === 0) return "No changes";
  if (diff.firstVersion) {
    const sizes = [
      plural(diff.rules.added.length, "rule"),
      plural(diff.facts.added.length, "fact"),
      plural(diff.dispositions.added.length, "disposition"),
      plural(diff.guidance.added.length, "guidance text"),
    ];
    return fitSummary([{ text: `New rule set: ${sizes.join(", ")}`, urgent: false }]);
  }

  const reductionIds = (kinds: UrgencyReduction["kind"][]) =>
    new Set(diff.urgencyReductions.filter((r) => kinds.includes(r.kind)).map((r) => r.id));
  const parts: SummaryPart[] = [];
  const add = (text: string, urgent = false) => parts.push({ text, urgent });

  const lowered = reductionIds(["ruleDisposition", "ruleDisabled"]);
  if (counts.rules.changed > 0) {
    const n = diff.rules.changed.filter((c) => Object.keys(c.changes).length > 0 && lowered.has(c.id)).length;
    add(`${plural(counts.rules.changed, "rule")} changed${n > 0 ? ` (${n} with lower urgency)` : ""}`, n > 0);
  }
  if (counts.rules.added > 0) add(`${plural(counts.rules.added, "rule")} added`);
  if (counts.rules.removed > 0) {
    const n = reductionIds(["ruleRemoved"]).size;
    add(`${plural(counts.rules.removed, "rule")} removed${n > 0 ? ` (${n} could lower urgency)` : ""}`, n > 0);
  }
  if (counts.rules.moved > 0) add(`${plural(counts.rules.moved, "rule")} moved`);

  if (counts.facts.changed > 0) add(`${plural(counts.facts.changed, "fact")} changed`);
  if (counts.facts.added > 0) add(`${plural(counts.facts.added, "fact")} added`);
  if (counts.facts.removed > 0) add(`${plural(counts.facts.removed, "fact")} removed`);
  if (counts.facts.moved > 0) add(`${plural(counts.facts.moved, "fact")} moved`);

  if (counts.dispositions.changed > 0) add(`${plural(counts.dispositions.changed, "disposition")} changed`);
  if (counts.dispositions.added > 0) add(`${plural(counts.dispositions.added, "disposition")} added`);
  if (counts.dispositions.removed > 0) add(`${plural(counts.dispositions.removed, "disposition")} removed`);
  if (counts.dispositions.moved > 0) {
    const lowerNames = diff.dispositions.changed.filter((c) => c.moved?.urgencyReduced).map((c) => quote(c.label));
    add(
      lowerNames.length > 0
        ? `urgency order changed (${listOf(lowerNames)} now less urgent)`
        : "urgency order changed",
      lowerNames.length > 0,
    );
  }

  const named = (n: number, titles: string[], verb: string) =>
    n === 1 ? `guidance ${quote(titles[0])} ${verb}` : `${n} guidance texts ${verb}`;
  if (counts.guidance.changed > 0) {
    const titles = diff.guidance.changed.filter((c) => Object.keys(c.changes).length > 0).map((c) => c.title);
    add(named(counts.guidance.changed, titles, "edited"));
  }
  if (counts.guidance.added > 0) add(named(counts.guidance.added, diff.guidance.added.map((g) => g.title), "added"));
  if (counts.guidance.removed > 0) add(named(counts.guidance.removed, diff.guidance.removed.map((g) => g.title), "removed"));
  if (counts.guidance.moved > 0) add("guidance reordered");

  const weakened = reductionIds(["invariantRemoved", "invariantWeakened"]);
  if (counts.invariants.changed > 0) {
    const n = diff.invariants.changed.filter((c) => weakened.has(c.id)).length;
    add(`${plural(counts.invariants.changed, "invariant")} changed${n > 0 ? ` (${n} to check)` : ""}`, n > 0);
  }
  if (counts.invariants.added > 0) add(`${plural(counts.invariants.added, "invariant")} added`);
  if (counts.invariants.removed > 0) add(`${plural(counts.invariants.removed, "invariant")} removed`, true);
  if (counts.invariants.moved > 0) add("invariants reordered");

  const dd = diff.defaultDisposition;
  if (dd) {
    if (dd.after === null) add("default disposition removed");
    else if (dd.before === null) add(`default disposition set to ${quote(dd.after.name)}`);
    else add(`default disposition now ${quote(dd.after.name)}${dd.urgencyReduced ? " (lower urgency)" : ""}`, dd.urgencyReduced);
  }

  const metadataFields = Object.keys(diff.metadata) as (keyof MetadataChanges)[];
  if (metadataFields.length > 0) add(`details edited (${metadataFields.map((f) => METADATA_WORDS[f]).join(", ")})`);

  return fitSummary(parts);
}

// ---------------------------------------------------------------------------
// Sections

interface SectionSpec<T extends { id: string }, E, C, X> {
  entry: (item: T, position: number, side: "before" | "after") => E;
  changes: (a: T, b: T) => X;
  change: (a: T, b: T, changes: X, moved: Move | undefined, key: string) => C;
  /** Something besides field changes that makes an entry worth listing. */
  extraChange?: (a: T, b: T, key: string) => boolean;
  trackMoves: boolean;
}

function diffSection<T extends { id: string }, E, C, X extends object>(
  before: readonly T[],
  after: readonly T[],
  spec: SectionSpec<T, E, C, X>,
): { added: E[]; removed: E[]; changed: C[] } {
  const a = indexById(before);
  const b = indexById(after);
  const moves = spec.trackMoves ? movedEntries(a, b) : new Map<string, Move>();
  const added: E[] = [];
  const removed: E[] = [];
  const changed: C[] = [];
  for (const { key, item, position } of b.entries) {
    const old = a.byKey.get(key);
    if (!old) {
      added.push(spec.entry(item, position, "after"));
      continue;
    }
    const changes = spec.changes(old.item, item);
    const moved = moves.get(key);
    if (Object.keys(changes).length > 0 || moved || spec.extraChange?.(old.item, item, key)) {
      changed.push(spec.change(old.item, item, changes, moved, key));
    }
  }
  for (const { key, item, position } of a.entries) {
    if (!b.byKey.has(key)) removed.push(spec.entry(item, position, "before"));
  }
  return { added, removed, changed };
}

interface Indexed<T> {
  /** The id; a repeated id gets its occurrence number too. */
  key: string;
  item: T;
  /** 1-based position in the document's own list. */
  position: number;
}

interface Index<T> {
  entries: Indexed<T>[];
  /** The first definition of an id is found under the id itself, as describeCondition and lint see it. */
  byKey: Map<string, Indexed<T>>;
}

/**
 * A half-edited draft may repeat an id (a copied rule not yet renamed). Matching
 * the second copy with the second copy keeps an edit to it visible: otherwise
 * the diff would be empty and the save would be skipped as "No changes".
 */
function indexById<T extends { id: string }>(items: readonly T[]): Index<T> {
  const byKey = new Map<string, Indexed<T>>();
  const seen = new Map<string, number>();
  const entries = items.map((item, i) => {
    const occurrence = (seen.get(item.id) ?? 0) + 1;
    seen.set(item.id, occurrence);
    const entry = { key: occurrence === 1 ? item.id : `${item.id}\u0000${occurrence}`, item, position: i + 1 };
    byKey.set(entry.key, entry);
    return entry;
  });
  return { entries, byKey };
}

/**
 * Entries present in both versions that changed place. Insertions and removals
 * shift positions without anyone moving anything, so only entries outside the
 * longest run kept in the same relative order count as moved: one rule dragged
 * from first to last is one move, not a shift of every other rule.
 */
function movedEntries<T>(a: Index<T>, b: Index<T>): Map<string, Move> {
  const common = a.entries.filter((e) => b.byKey.has(e.key));
  const targets = common.map((e) => b.byKey.get(e.key)!.position);
  const kept = longestIncreasingRun(targets);
  const moves = new Map<string, Move>();
  common.forEach((e, i) => {
    if (!kept.has(i)) moves.set(e.key, { fromPosition: e.position, toPosition: targets[i] });
  });
  return moves;
}

/** Indexes of one longest strictly increasing subsequence, O(n log n). */
function longestIncreasingRun(values: number[]): Set<number> {
  const tailIndex: number[] = [];
  const previous: number[] = new Array(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tailIndex.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tailIndex[mid]] < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tailIndex[lo - 1];
    tailIndex[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tailIndex.length > 0 ? tailIndex[tailIndex.length - 1] : -1; i >= 0; i = previous[i]) kept.add(i);
  return kept;
}

/**
 * Dispositions whose urgency relative to another disposition flipped. The order
 * decides which result wins when several rules apply, so a swap is reported on
 * both sides, and as an urgency reduction on the one that went down.
 */
function urgencyOrderChanges(before: readonly DocDisposition[], after: readonly DocDisposition[]): Map<string, DispositionOrderChange> {
  const a = indexById(before);
  const b = indexById(after);
  const common = b.entries.filter((e) => a.byKey.has(e.key));
  const result = new Map<string, DispositionOrderChange>();
  for (const d of common) {
    const was = a.byKey.get(d.key)!.position;
    const nowLessUrgentThan: NamedRef[] = [];
    const nowMoreUrgentThan: NamedRef[] = [];
    for (const other of common) {
      const otherWas = a.byKey.get(other.key)!.position;
      const ref = { id: other.item.id, name: other.item.label };
      if (was < otherWas && d.position > other.position) nowLessUrgentThan.push(ref);
      if (was > otherWas && d.position < other.position) nowMoreUrgentThan.push(ref);
    }
    if (nowLessUrgentThan.length > 0 || nowMoreUrgentThan.length > 0) {
      result.set(d.key, {
        fromPosition: was,
        toPosition: d.position,
        nowLessUrgentThan,
        nowMoreUrgentThan,
        urgencyReduced: nowLessUrgentThan.length > 0,
      });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------
// Field-level comparison, with both documents at hand for names and sentences

type Urgency = "lower" | "higher" | "same" | "unknown";

class Context {
  private readonly fromFacts: FactLookup;
  private readonly toFacts: FactLookup;
  private readonly fromDispositions: Map<string, Indexed<DocDisposition>>;
  private readonly toDispositions: Map<string, Indexed<DocDisposition>>;
  private readonly fromGuidance: Map<string, Indexed<DocGuidance>>;
  private readonly toGuidance: Map<string, Indexed<DocGuidance>>;

  constructor(
    private readonly from: Doc | null,
    private readonly to: Doc,
  ) {
    this.fromFacts = factLookup({ facts: from?.facts ?? [] });
    this.toFacts = factLookup({ facts: to.facts ?? [] });
    this.fromDispositions = indexById(from?.dispositions ?? []).byKey;
    this.toDispositions = indexById(to.dispositions ?? []).byKey;
    this.fromGuidance = indexById(from?.guidance ?? []).byKey;
    this.toGuidance = indexById(to.guidance ?? []).byKey;
  }

  /** Names come from the version the reference belongs to, then the other one, then the bare id. */
  dispositionRef(id: string, side: "before" | "after"): NamedRef {
    const [first, second] = side === "before" ? [this.fromDispositions, this.toDispositions] : [this.toDispositions, this.fromDispositions];
    return { id, name: first.get(id)?.item.label ?? second.get(id)?.item.label ?? id };
  }

  guidanceRef(id: string, side: "before" | "after"): NamedRef {
    const [first, second] = side === "before" ? [this.fromGuidance, this.toGuidance] : [this.toGuidance, this.fromGuidance];
    return { id, name: first.get(id)?.item.title ?? second.get(id)?.item.title ?? id };
  }

  describe(condition: Condition, side: "before" | "after"): string {
    return describeCondition(condition, side === "before" ? this.fromFacts : this.toFacts);
  }

  /**
   * Urgency is judged on the newer version's order, which is the one people will
   * get; the older order is the fallback when a disposition exists only there.
   */
  compareUrgency(beforeId: string, afterId: string): Urgency {
    if (beforeId === afterId) return "same";
    for (const order of [this.toDispositions, this.fromDispositions]) {
      const was = order.get(beforeId);
      const now = order.get(afterId);
      if (was && now) return now.position > was.position ? "lower" : "higher";
    }
    return "unknown";
  }

  /**
   * Whether taking away a path to this disposition could leave people with a less
   * urgent result. Only the least urgent disposition is safe to lose; an unknown
   * one is treated as unsafe.
   */
  couldLowerUrgency(dispositionId: string): boolean {
    const orders: [Map<string, Indexed<DocDisposition>>, number][] = [
      [this.toDispositions, this.to.dispositions?.length ?? 0],
      [this.fromDispositions, this.from?.dispositions?.length ?? 0],
    ];
    for (const [order, length] of orders) {
      const found = order.get(dispositionId);
      if (found) return found.position < length;
    }
    return true;
  }

  ruleEntry(rule: DocRule, position: number, side: "before" | "after"): RuleEntry {
    return {
      id: rule.id,
      title: rule.title,
      condition: this.describe(rule.when, side),
      disposition: this.dispositionRef(rule.disposition, side),
      enabled: rule.enabled ?? true,
      position,
    };
  }

  /** A rule's or an invariant's disposition, with whether it is now less (or more) urgent. */
  dispositionChange(before: string, after: string): RuleDispositionChange | null {
    if (before === after) return null;
    const urgency = this.compareUrgency(before, after);
    return {
      before: this.dispositionRef(before, "before"),
      after: this.dispositionRef(after, "after"),
      urgencyReduced: urgency === "lower",
      urgencyIncreased: urgency === "higher",
    };
  }

  ruleChanges(a: DocRule, b: DocRule): RuleChanges {
    const changes: RuleChanges = {};
    if (a.title !== b.title) changes.title = { before: a.title, after: b.title };
    const condition = this.conditionChange(a.when, b.when);
    if (condition) changes.condition = condition;
    const disposition = this.dispositionChange(a.disposition, b.disposition);
    if (disposition) changes.disposition = disposition;
    const guidance = this.guidanceLinksChange(a.guidance ?? [], b.guidance ?? []);
    if (guidance) changes.guidance = guidance;
    const rationale = proseChange(a.rationale ?? "", b.rationale ?? "");
    if (rationale) changes.rationale = rationale;
    const citations = citationsChange(a.citations ?? [], b.citations ?? []);
    if (citations) changes.citations = citations;
    const enabled = [a.enabled ?? true, b.enabled ?? true] as const;
    if (enabled[0] !== enabled[1]) changes.enabled = { before: enabled[0], after: enabled[1] };
    const tags = tagsChange(a.tags ?? [], b.tags ?? []);
    if (tags) changes.tags = tags;
    return changes;
  }

  /**
   * Reported when the logic changed, and also when only the sentence changed
   * (a question relabelled): the reviewer reads the sentence, not the tree.
   */
  conditionChange(a: Condition | undefined, b: Condition | undefined): ConditionChange | null {
    const before = a === undefined ? null : this.describe(a, "before");
    const after = b === undefined ? null : this.describe(b, "after");
    const structureChanged = !sameValue(a, b);
    if (!structureChanged && before === after) return null;
    return { before, after, structureChanged };
  }

  guidanceLinksChange(a: readonly string[], b: readonly string[]): GuidanceLinksChange | null {
    const list = listChange(a, b);
    if (!list) return null;
    return {
      added: list.added.map((id) => this.guidanceRef(id, "after")),
      removed: list.removed.map((id) => this.guidanceRef(id, "before")),
      reordered: list.reordered,
    };
  }

  invariantEntry(invariant: DocInvariant, position: number, side: "before" | "after"): InvariantEntry {
    const doc = side === "before" ? this.from : this.to;
    const statement = invariantStatement(invariant, { facts: (doc?.facts ?? []) as RuleSet["facts"], dispositions: (doc?.dispositions ?? []) as RuleSet["dispositions"] });
    return { id: invariant.id, statement, position };
  }

  invariantChanges(a: DocInvariant, b: DocInvariant): InvariantChanges {
    const changes: InvariantChanges = {};
    const before = this.invariantEntry(a, 1, "before").statement;
    const after = this.invariantEntry(b, 1, "after").statement;
    // The logic can change without the sentence changing (and the reverse: a relabelled question); both are shown.
    if (before !== after || a.kind !== b.kind || !sameValue(a.when, b.when)) changes.statement = { before, after };
    const disposition = this.dispositionChange(a.disposition, b.disposition);
    if (disposition) changes.disposition = disposition;
    const rationale = proseChange(a.rationale ?? "", b.rationale ?? "");
    if (rationale) changes.rationale = rationale;
    const citations = citationsChange(a.citations ?? [], b.citations ?? []);
    if (citations) changes.citations = citations;
    return changes;
  }

  factEntry(fact: DocFact, position: number, side: "before" | "after"): FactEntry {
    return {
      id: fact.id,
      name: factName(fact),
      question: fact.question,
      type: FACT_TYPE_WORDS[fact.type] ?? fact.type,
      details: factDetails(fact),
      askWhen: fact.askWhen ? this.describe(fact.askWhen, side) : null,
      position,
    };
  }

  factChanges(a: DocFact, b: DocFact): FactChanges {
    const changes: FactChanges = {};
    const text = (x: string | undefined, y: string | undefined): TextChange | null => {
      const before = blankToNull(x);
      const after = blankToNull(y);
      return before === after ? null : { before, after };
    };
    const num = (x: number | undefined, y: number | undefined): NumberChange | null =>
      (x ?? null) === (y ?? null) ? null : { before: x ?? null, after: y ?? null };

    const question = text(a.question, b.question);
    if (question) changes.question = question;
    const label = text(a.label, b.label);
    if (label) changes.label = label;
    const help = text(a.help, b.help);
    if (help) changes.help = help;
    if (a.type !== b.type) {
      changes.type = { before: FACT_TYPE_WORDS[a.type] ?? a.type, after: FACT_TYPE_WORDS[b.type] ?? b.type };
    }
    const unit = text(numberField(a, "unit"), numberField(b, "unit"));
    if (unit) changes.unit = unit;
    const min = num(numberField(a, "min"), numberField(b, "min"));
    if (min) changes.min = min;
    const max = num(numberField(a, "max"), numberField(b, "max"));
    if (max) changes.max = max;
    const options = optionsChange(choiceOptions(a), choiceOptions(b));
    if (options) changes.options = options;
    const askWhen = this.conditionChange(a.askWhen, b.askWhen);
    if (askWhen) changes.askWhen = askWhen;
    return changes;
  }

  dispositionChanges(a: DocDisposition, b: DocDisposition): DispositionChanges {
    const changes: DispositionChanges = {};
    if (a.label !== b.label) changes.label = { before: a.label, after: b.label };
    if (a.action !== b.action) changes.action = { before: a.action, after: b.action };
    const guidance = this.guidanceLinksChange(a.guidance ?? [], b.guidance ?? []);
    if (guidance) changes.guidance = guidance;
    return changes;
  }

  guidanceChanges(a: DocGuidance, b: DocGuidance): GuidanceChanges {
    const changes: GuidanceChanges = {};
    if (a.title !== b.title) changes.title = { before: a.title, after: b.title };
    const locale = [blankToNull(a.locale), blankToNull(b.locale)] as const;
    if (locale[0] !== locale[1]) changes.locale = { before: locale[0], after: locale[1] };
    const citations = citationsChange(a.citations ?? [], b.citations ?? []);
    if (citations) changes.citations = citations;
    const body = proseChange(a.body, b.body);
    if (body) changes.body = body;
    return changes;
  }

  defaultDispositionChange(): DefaultDispositionChange | null {
    const before = this.from?.defaultDisposition ?? null;
    const after = this.to.defaultDisposition ?? null;
    if (before === after) return null;
    const urgency = before !== null && after !== null ? this.compareUrgency(before, after) : "unknown";
    return {
      before: before === null ? null : this.dispositionRef(before, "before"),
      after: after === null ? null : this.dispositionRef(after, "after"),
      urgencyReduced: urgency === "lower",
      urgencyIncreased: urgency === "higher",
    };
  }

  /**
   * Whole-set effects first (they touch every case), then rule by rule in the
   * newer version's order.
   */
  urgencyReductions(diff: RuleSetDiff): UrgencyReduction[] {
    const out: UrgencyReduction[] = [];
    for (const d of diff.dispositions.changed) {
      if (!d.moved?.urgencyReduced) continue;
      out.push({
        kind: "dispositionOrder",
        id: d.id,
        message: `${fullQuote(d.label)} now ranks as less urgent than ${listOf(d.moved.nowLessUrgentThan.map((r) => fullQuote(r.name)), "and")}.`,
      });
    }
    const dd = diff.defaultDisposition;
    if (dd?.urgencyReduced && dd.before && dd.after) {
      out.push({
        kind: "defaultDisposition",
        id: dd.after.id,
        message: `When no rule applies, people now get ${fullQuote(dd.after.name)} instead of ${fullQuote(dd.before.name)}.`,
      });
    }
    for (const rule of diff.rules.changed) {
      const { disposition, enabled } = rule.changes;
      if (disposition?.urgencyReduced) {
        out.push({
          kind: "ruleDisposition",
          id: rule.id,
          message: `Rule ${fullQuote(rule.title)} now leads to ${fullQuote(disposition.after.name)} instead of ${fullQuote(disposition.before.name)}.`,
        });
      }
      const before = disposition?.before ?? rule.disposition;
      if (enabled && enabled.before && !enabled.after && this.couldLowerUrgency(before.id)) {
        out.push({
          kind: "ruleDisabled",
          id: rule.id,
          message: `Rule ${fullQuote(rule.title)} (leading to ${fullQuote(before.name)}) was switched off: people it caught may now get a less urgent result.`,
        });
      }
    }
    // A weaker safety invariant lets less urgent results through the publication gate.
    for (const invariant of diff.invariants.removed) {
      out.push({ kind: "invariantRemoved", id: invariant.id, message: `Invariant ${fullQuote(invariant.id)} was removed: “${invariant.statement}” no longer holds the rule set.` });
    }
    for (const invariant of diff.invariants.changed) {
      const { disposition, statement } = invariant.changes;
      if (disposition?.urgencyReduced) {
        out.push({
          kind: "invariantWeakened",
          id: invariant.id,
          message: `Invariant ${fullQuote(invariant.id)} now asks for ${fullQuote(disposition.after.name)} instead of ${fullQuote(disposition.before.name)}.`,
        });
      } else if (statement) {
        out.push({ kind: "invariantWeakened", id: invariant.id, message: `Invariant ${fullQuote(invariant.id)} changed: check it still covers what it did (“${statement.before}”).` });
      }
    }
    for (const rule of diff.rules.removed) {
      if (!rule.enabled || !this.couldLowerUrgency(rule.disposition.id)) continue;
      out.push({
        kind: "ruleRemoved",
        id: rule.id,
        message: `Rule ${fullQuote(rule.title)} (leading to ${fullQuote(rule.disposition.name)}) was removed: people it caught may now get a less urgent result.`,
      });
    }
    return out;
  }
}

function metadataChanges(from: Doc | null, to: Doc): MetadataChanges {
  const changes: MetadataChanges = {};
  const a = from?.metadata;
  const b = to.metadata;
  for (const field of ["slug", "title", "description", "summary", "audience"] as const) {
    const before = blankToNull(a?.[field]);
    const after = blankToNull(b?.[field]);
    if (before !== after) changes[field] = { before, after };
  }
  // A document without locales means English (the schema default); an earlier version that did not exist has none.
  const locales = tagsChange(from ? (a?.locales ?? ["en"]) : [], b?.locales ?? ["en"]);
  if (locales) changes.locales = locales;
  return changes;
}

// ---------------------------------------------------------------------------
// Small comparisons

function proseChange(before: string, after: string): ProseChange | null {
  if (before === after) return null;
  return { before, after, segments: diffProse(before, after) };
}

function listChange(a: readonly string[], b: readonly string[]): { added: string[]; removed: string[]; reordered: boolean } | null {
  const inA = new Set(a);
  const inB = new Set(b);
  const added = [...inB].filter((x) => !inA.has(x));
  const removed = [...inA].filter((x) => !inB.has(x));
  if (added.length === 0 && removed.length === 0) {
    return sameValue(a, b) ? null : { added, removed, reordered: true };
  }
  return { added, removed, reordered: false };
}

function tagsChange(a: readonly string[], b: readonly string[]): TagsChange | null {
  return listChange(a, b);
}

function citationsChange(a: readonly DocCitation[], b: readonly DocCitation[]): CitationsChange | null {
  const key = (c: DocCitation) => JSON.stringify([c.source, c.statement]);
  const inA = new Set(a.map(key));
  const inB = new Set(b.map(key));
  const plain = (c: DocCitation) => ({ source: c.source, statement: c.statement });
  const added = b.filter((c) => !inA.has(key(c))).map(plain);
  const removed = a.filter((c) => !inB.has(key(c))).map(plain);
  if (added.length > 0 || removed.length > 0) return { added, removed, reordered: false };
  return sameValue(a.map(key), b.map(key)) ? null : { added, removed, reordered: true };
}

type DocOption = { id: string; label: string };

function optionsChange(a: readonly DocOption[], b: readonly DocOption[]): OptionsChange | null {
  const before = new Map(a.map((o) => [o.id, o] as const));
  const after = new Map(b.map((o) => [o.id, o] as const));
  const plain = (o: DocOption) => ({ id: o.id, label: o.label });
  const added = b.filter((o) => !before.has(o.id)).map(plain);
  const removed = a.filter((o) => !after.has(o.id)).map(plain);
  const relabelled = b.flatMap((o) => {
    const old = before.get(o.id);
    return old && old.label !== o.label ? [{ id: o.id, before: old.label, after: o.label }] : [];
  });
  const commonBefore = a.filter((o) => after.has(o.id)).map((o) => o.id);
  const commonAfter = b.filter((o) => before.has(o.id)).map((o) => o.id);
  const reordered = !sameValue(commonBefore, commonAfter);
  if (added.length === 0 && removed.length === 0 && relabelled.length === 0 && !reordered) return null;
  return { added, removed, relabelled, reordered };
}

function choiceOptions(fact: DocFact): readonly DocOption[] {
  return fact.type === "singleChoice" || fact.type === "multipleChoice" ? fact.options : [];
}

function numberField<K extends "unit" | "min" | "max">(fact: DocFact, key: K): Extract<DocFact, { type: "number" }>[K] | undefined {
  return fact.type === "number" ? fact[key] : undefined;
}

const FACT_TYPE_WORDS: Record<string, string> = {
  boolean: "yes/no",
  number: "number",
  singleChoice: "one choice",
  multipleChoice: "several choices",
};

const METADATA_WORDS: Record<keyof MetadataChanges, string> = {
  slug: "web address",
  title: "title",
  description: "description",
  summary: "patient summary",
  audience: "audience",
  locales: "languages",
};

function factName(fact: DocFact): string {
  return fact.label ?? fact.question;
}

function factDetails(fact: DocFact): string | null {
  if (fact.type === "singleChoice" || fact.type === "multipleChoice") {
    return `Options: ${fact.options.map((o) => o.label).join(", ")}`;
  }
  if (fact.type !== "number") return null;
  const parts: string[] = [];
  if (fact.unit) parts.push(`in ${fact.unit}`);
  if (fact.min !== undefined && fact.max !== undefined) parts.push(`from ${fact.min} to ${fact.max}`);
  else if (fact.min !== undefined) parts.push(`at least ${fact.min}`);
  else if (fact.max !== undefined) parts.push(`at most ${fact.max}`);
  if (parts.length === 0) return null;
  const text = parts.join(", ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function blankToNull(value: string | undefined): string | null {
  return value === undefined || value === "" ? null : value;
}

/** Structural equality for JSON-like values; key order and undefined-valued keys do not matter. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keysA = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const keysB = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return keysA.length === keysB.length && keysA.every((k) => Object.hasOwn(rb, k) && sameValue(ra[k], rb[k]));
}

// ---------------------------------------------------------------------------
// Summary wording

interface SummaryPart {
  text: string;
  urgent: boolean;
}

function fitSummary(parts: SummaryPart[]): string {
  const ordered = [...parts.filter((p) => p.urgent), ...parts.filter((p) => !p.urgent)].map((p) => p.text);
  for (let keep = ordered.length; keep >= 1; keep--) {
    const rest = ordered.length - keep;
    const text = ordered.slice(0, keep).join(", ") + (rest > 0 ? ` and ${rest} more` : "");
    if (text.length <= SUMMARY_MAX_LENGTH) return capitalizeFirst(text);
  }
  return capitalizeFirst(`${ordered[0].slice(0, SUMMARY_MAX_LENGTH - 1)}…`);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function quote(name: string): string {
  const short = name.length > NAME_MAX_LENGTH ? `${name.slice(0, NAME_MAX_LENGTH - 1).trimEnd()}…` : name;
  return `“${short}”`;
}

/** Alerts are read one at a time, so names are kept whole there. */
function fullQuote(name: string): string {
  return `“${name}”`;
}

function listOf(items: string[], conjunction = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}

function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
