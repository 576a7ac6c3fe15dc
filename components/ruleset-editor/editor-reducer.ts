/**
 * The draft editor's state: the whole rule-set document plus which item of each
 * list is selected. Pure and framework-free so it can be unit-tested and
 * benchmarked without React.
 *
 * Updates are structurally shared: an edit to one rule creates a new object for
 * that rule and the `rules` array only, so memoised list rows for the other
 * rules keep their props and skip re-rendering.
 */
import type { Citation, Comparison, Condition, FactType, InvariantKind, RuleSetInput } from "@/lib/engine/schema";
import { isAll, isAny, isNot } from "@/lib/engine/schema";

export type DocFact = RuleSetInput["facts"][number];
export type DocRule = RuleSetInput["rules"][number];
export type DocDisposition = RuleSetInput["dispositions"][number];
export type DocGuidance = NonNullable<RuleSetInput["guidance"]>[number];
export type DocOption = Extract<DocFact, { options: unknown }>["options"][number];
export type DocInvariant = NonNullable<RuleSetInput["invariants"]>[number];
export type CitationInput = Citation;

export type Collection = "facts" | "dispositions" | "rules" | "guidance" | "invariants";

export interface EditorState {
  doc: RuleSetInput;
  /** The document as last saved (or loaded); `doc !== savedDoc` means there are unsaved changes. */
  savedDoc: RuleSetInput;
  revision: number;
  selected: Record<Collection, number>;
}

export type EditorAction =
  | { type: "metadata/set"; field: "title" | "description" | "audience"; value: string }
  | { type: "metadata/setLocales"; locales: string[] }
  | { type: "defaultDisposition/set"; id: string | undefined }
  | { type: "select"; collection: Collection; index: number }
  | { type: "item/move"; collection: Collection; index: number; to: number }
  | { type: "item/remove"; collection: Collection; index: number }
  | { type: "fact/add"; factType?: FactType }
  | { type: "fact/set"; index: number; field: "id" | "question" | "label" | "help" | "unit"; value: string }
  | { type: "fact/setBound"; index: number; bound: "min" | "max"; value: number | undefined }
  | { type: "fact/setType"; index: number; factType: FactType }
  | { type: "fact/setAskWhen"; index: number; condition: Condition | undefined }
  | { type: "option/add"; factIndex: number }
  | { type: "option/set"; factIndex: number; optionIndex: number; field: "id" | "label"; value: string }
  | { type: "option/remove"; factIndex: number; optionIndex: number }
  | { type: "option/move"; factIndex: number; optionIndex: number; to: number }
  | { type: "disposition/add" }
  | { type: "disposition/set"; index: number; field: "id" | "label" | "action"; value: string }
  | { type: "disposition/setGuidance"; index: number; guidance: string[] }
  | { type: "rule/add" }
  | { type: "rule/set"; index: number; field: "id" | "title" | "rationale" | "disposition"; value: string }
  | { type: "rule/setWhen"; index: number; when: Condition }
  | { type: "rule/setGuidance"; index: number; guidance: string[] }
  | { type: "rule/setCitations"; index: number; citations: CitationInput[] }
  | { type: "rule/setEnabled"; index: number; enabled: boolean }
  | { type: "rule/setTags"; index: number; tags: string[] }
  | { type: "rule/duplicate"; index: number }
  | { type: "guidance/add" }
  | { type: "guidance/set"; index: number; field: "id" | "title" | "body" | "locale"; value: string }
  | { type: "guidance/setCitations"; index: number; citations: CitationInput[] }
  | { type: "invariant/add" }
  | { type: "invariant/set"; index: number; field: "id" | "rationale" | "disposition"; value: string }
  | { type: "invariant/setKind"; index: number; kind: InvariantKind }
  | { type: "invariant/setWhen"; index: number; when: Condition }
  | { type: "invariant/setCitations"; index: number; citations: CitationInput[] }
  /** Replaces the whole document, e.g. with the version someone else saved. */
  | { type: "document/replace"; document: RuleSetInput; revision: number }
  /** `savedDocument` is the document that was sent: edits made while saving stay unsaved. */
  | { type: "document/saved"; revision: number; savedDocument: RuleSetInput }
  /**
   * Someone (this author, e.g. adding a test case from the editor) saved the
   * draft's test cases only, moving it from revision `from` to `revision` with
   * the document unchanged. The editor adopts the new revision as its base, so
   * its next save is not refused as stale; ignored unless the editor is still at `from`.
   */
  | { type: "document/rebased"; from: number; revision: number };

export function initEditorState(input: { initialDocument: RuleSetInput; initialRevision: number }): EditorState {
  return {
    doc: input.initialDocument,
    savedDoc: input.initialDocument,
    revision: input.initialRevision,
    selected: { ...NOTHING_SELECTED },
  };
}

const NOTHING_SELECTED: Readonly<Record<Collection, number>> = { facts: 0, dispositions: 0, rules: 0, guidance: 0, invariants: 0 };

export function isDirty(state: EditorState): boolean {
  return state.doc !== state.savedDoc;
}

// ---------------------------------------------------------------------------
// Small immutable helpers

function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  if (index < 0 || index >= items.length || items[index] === item) return items as T[];
  const next = items.slice();
  next[index] = item;
  return next;
}

function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= items.length || to < 0 || to >= items.length || from === to) return items as T[];
  const next = items.slice();
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

function removeAt<T>(items: readonly T[], index: number): T[] {
  if (index < 0 || index >= items.length) return items as T[];
  return [...items.slice(0, index), ...items.slice(index + 1)];
}

/** Sets an optional string property, dropping it when empty (the schema rejects empty labels). */
function withOptional<T extends object, K extends string>(object: T, key: K, value: string): T {
  const copy = { ...object } as Record<string, unknown>;
  if (value === "") delete copy[key];
  else copy[key] = value;
  return copy as T;
}

/** `base`, then `base_2`, `base_3`… — the first id not in `taken`. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** `question_1`, `question_2`… — numbered from 1 so new items read naturally. */
function numberedId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}_${n}`)) return `${prefix}_${n}`;
}

// ---------------------------------------------------------------------------
// Keeping references in step with renames

/** Maps every comparison of a tree; returns the same object when nothing changed. */
export function mapComparisons(condition: Condition, map: (c: Comparison) => Comparison): Condition {
  if (isAll(condition)) {
    const all = mapList(condition.all, map);
    return all === condition.all ? condition : { all };
  }
  if (isAny(condition)) {
    const any = mapList(condition.any, map);
    return any === condition.any ? condition : { any };
  }
  if (isNot(condition)) {
    const not = mapComparisons(condition.not, map);
    return not === condition.not ? condition : { not };
  }
  return map(condition);
}

function mapList(children: Condition[], map: (c: Comparison) => Comparison): Condition[] {
  let changed = false;
  const next = children.map((child) => {
    const mapped = mapComparisons(child, map);
    if (mapped !== child) changed = true;
    return mapped;
  });
  return changed ? next : children;
}

function mapAllConditions(doc: RuleSetInput, map: (c: Comparison) => Comparison): RuleSetInput {
  let rulesChanged = false;
  const rules = doc.rules.map((rule) => {
    const when = mapComparisons(rule.when, map);
    if (when === rule.when) return rule;
    rulesChanged = true;
    return { ...rule, when };
  });
  let factsChanged = false;
  const facts = doc.facts.map((fact) => {
    if (!fact.askWhen) return fact;
    const askWhen = mapComparisons(fact.askWhen, map);
    if (askWhen === fact.askWhen) return fact;
    factsChanged = true;
    return { ...fact, askWhen };
  });
  let invariantsChanged = false;
  const invariants = doc.invariants?.map((invariant) => {
    const when = mapComparisons(invariant.when, map);
    if (when === invariant.when) return invariant;
    invariantsChanged = true;
    return { ...invariant, when };
  });
  if (!rulesChanged && !factsChanged && !invariantsChanged) return doc;
  return {
    ...doc,
    rules: rulesChanged ? rules : doc.rules,
    facts: factsChanged ? facts : doc.facts,
    ...(invariantsChanged ? { invariants } : {}),
  };
}

/**
 * Renames follow an id edit only when it is unambiguous: the old id belonged to
 * this item alone and the new one is not someone else's. Otherwise typing an
 * id that briefly equals another item's id would merge their references.
 */
function safeToCascade(ids: readonly string[], index: number, oldId: string, newId: string): boolean {
  if (oldId === newId || oldId === "") return false;
  return ids.every((id, i) => i === index || (id !== oldId && id !== newId));
}

function renameFact(doc: RuleSetInput, oldId: string, newId: string): RuleSetInput {
  return mapAllConditions(doc, (c) => (c.fact === oldId ? { ...c, fact: newId } : c));
}

function renameOption(doc: RuleSetInput, factId: string, oldId: string, newId: string): RuleSetInput {
  return mapAllConditions(doc, (c) => {
    if (c.fact !== factId) return c;
    if ((c.op === "eq" || c.op === "neq" || c.op === "includes") && c.value === oldId) return { ...c, value: newId };
    if (c.op === "in" && c.values.includes(oldId)) return { ...c, values: c.values.map((v) => (v === oldId ? newId : v)) };
    return c;
  });
}

function renameDisposition(doc: RuleSetInput, oldId: string, newId: string): RuleSetInput {
  const rules = doc.rules.some((r) => r.disposition === oldId)
    ? doc.rules.map((r) => (r.disposition === oldId ? { ...r, disposition: newId } : r))
    : doc.rules;
  const defaultDisposition = doc.defaultDisposition === oldId ? newId : doc.defaultDisposition;
  const invariants = doc.invariants?.some((inv) => inv.disposition === oldId)
    ? doc.invariants.map((inv) => (inv.disposition === oldId ? { ...inv, disposition: newId } : inv))
    : doc.invariants;
  if (rules === doc.rules && defaultDisposition === doc.defaultDisposition && invariants === doc.invariants) return doc;
  return { ...doc, rules, defaultDisposition, ...(invariants !== doc.invariants ? { invariants } : {}) };
}

function renameGuidance(doc: RuleSetInput, oldId: string, newId: string): RuleSetInput {
  const swap = (ids: string[] | undefined) => (ids?.includes(oldId) ? ids.map((id) => (id === oldId ? newId : id)) : ids);
  const rules = doc.rules.some((r) => r.guidance?.includes(oldId))
    ? doc.rules.map((r) => (r.guidance?.includes(oldId) ? { ...r, guidance: swap(r.guidance) } : r))
    : doc.rules;
  const dispositions = doc.dispositions.some((d) => d.guidance?.includes(oldId))
    ? doc.dispositions.map((d) => (d.guidance?.includes(oldId) ? { ...d, guidance: swap(d.guidance) } : d))
    : doc.dispositions;
  if (rules === doc.rules && dispositions === doc.dispositions) return doc;
  return { ...doc, rules, dispositions };
}

/** How many rules, follow-up conditions and invariants mention a fact; used to warn before deleting it. */
export function countFactUses(doc: RuleSetInput, factId: string): number {
  let uses = 0;
  const visit = (condition: Condition | undefined) => {
    if (!condition) return;
    let found = false;
    mapComparisons(condition, (c) => {
      if (c.fact === factId) found = true;
      return c;
    });
    if (found) uses++;
  };
  for (const rule of doc.rules) visit(rule.when);
  for (const fact of doc.facts) if (fact.id !== factId) visit(fact.askWhen);
  for (const invariant of doc.invariants ?? []) visit(invariant.when);
  return uses;
}

// ---------------------------------------------------------------------------
// New items

const DEFAULT_OPTIONS = (): DocOption[] => [
  { id: "option_1", label: "Option 1" },
  { id: "option_2", label: "Option 2" },
];

export function newFact(id: string, type: FactType = "boolean"): DocFact {
  const base = { id, question: "New question" };
  switch (type) {
    case "boolean":
      return { ...base, type };
    case "number":
      return { ...base, type };
    case "singleChoice":
    case "multipleChoice":
      return { ...base, type, options: DEFAULT_OPTIONS() };
  }
}

/** Keeps what all question types share and resets what is specific to the old type. */
export function changeFactType(fact: DocFact, type: FactType): DocFact {
  if (fact.type === type) return fact;
  const base = {
    id: fact.id,
    question: fact.question,
    ...(fact.label !== undefined ? { label: fact.label } : {}),
    ...(fact.help !== undefined ? { help: fact.help } : {}),
    ...(fact.askWhen !== undefined ? { askWhen: fact.askWhen } : {}),
  };
  switch (type) {
    case "boolean":
    case "number":
      return { ...base, type };
    case "singleChoice":
    case "multipleChoice":
      // Single ↔ multiple choice keeps the options: only the way they are answered changes.
      return { ...base, type, options: "options" in fact ? fact.options : DEFAULT_OPTIONS() };
  }
}

// ---------------------------------------------------------------------------
// The reducer

const clampIndex = (index: number, length: number) => Math.max(0, Math.min(index, length - 1));

const EMPTY: readonly never[] = [];

function listOf(doc: RuleSetInput, collection: Collection): readonly unknown[] {
  if (collection === "guidance") return doc.guidance ?? EMPTY;
  if (collection === "invariants") return doc.invariants ?? EMPTY;
  return doc[collection];
}

function withList(doc: RuleSetInput, collection: Collection, items: unknown[]): RuleSetInput {
  if (items === listOf(doc, collection)) return doc;
  if (collection === "invariants" && items.length === 0) {
    // Documents without invariants leave the key out (it has no default), so
    // adding and removing one gives back the same document and content hash.
    const next = { ...doc };
    delete next.invariants;
    return next;
  }
  return { ...doc, [collection]: items } as RuleSetInput;
}

function updateFact(doc: RuleSetInput, index: number, update: (fact: DocFact) => DocFact): RuleSetInput {
  const fact = doc.facts[index];
  if (!fact) return doc;
  const facts = replaceAt(doc.facts, index, update(fact));
  return facts === doc.facts ? doc : { ...doc, facts };
}

function updateRule(doc: RuleSetInput, index: number, update: (rule: DocRule) => DocRule): RuleSetInput {
  const rule = doc.rules[index];
  if (!rule) return doc;
  const rules = replaceAt(doc.rules, index, update(rule));
  return rules === doc.rules ? doc : { ...doc, rules };
}

function updateDisposition(doc: RuleSetInput, index: number, update: (d: DocDisposition) => DocDisposition): RuleSetInput {
  const disposition = doc.dispositions[index];
  if (!disposition) return doc;
  const dispositions = replaceAt(doc.dispositions, index, update(disposition));
  return dispositions === doc.dispositions ? doc : { ...doc, dispositions };
}

function updateGuidance(doc: RuleSetInput, index: number, update: (g: DocGuidance) => DocGuidance): RuleSetInput {
  const list = doc.guidance ?? [];
  const block = list[index];
  if (!block) return doc;
  const guidance = replaceAt(list, index, update(block));
  return guidance === list ? doc : { ...doc, guidance };
}

function updateInvariant(doc: RuleSetInput, index: number, update: (invariant: DocInvariant) => DocInvariant): RuleSetInput {
  const list = doc.invariants ?? [];
  const invariant = list[index];
  if (!invariant) return doc;
  const invariants = replaceAt(list, index, update(invariant));
  return invariants === list ? doc : { ...doc, invariants };
}

function updateOptions(doc: RuleSetInput, factIndex: number, update: (options: DocOption[], fact: DocFact) => DocOption[]): RuleSetInput {
  return updateFact(doc, factIndex, (fact) => {
    if (!("options" in fact)) return fact;
    const options = update(fact.options, fact);
    return options === fact.options ? fact : { ...fact, options };
  });
}

/** Applies an edit to the document only; selection is handled by the reducer. */
function editDocument(doc: RuleSetInput, action: EditorAction): RuleSetInput {
  switch (action.type) {
    case "metadata/set":
      if (doc.metadata[action.field] === action.value) return doc;
      return { ...doc, metadata: { ...doc.metadata, [action.field]: action.value } };
    case "metadata/setLocales":
      return { ...doc, metadata: { ...doc.metadata, locales: action.locales } };
    case "defaultDisposition/set": {
      if (doc.defaultDisposition === action.id) return doc;
      const next = { ...doc };
      if (action.id === undefined) delete next.defaultDisposition;
      else next.defaultDisposition = action.id;
      return next;
    }
    case "item/move":
      return withList(doc, action.collection, moveItem(listOf(doc, action.collection), action.index, action.to));
    case "item/remove":
      return withList(doc, action.collection, removeAt(listOf(doc, action.collection), action.index));

    case "fact/add":
      return { ...doc, facts: [...doc.facts, newFact(numberedId("question", doc.facts.map((f) => f.id)), action.factType)] };
    case "fact/set": {
      const fact = doc.facts[action.index];
      if (!fact) return doc;
      const { field, value } = action;
      if (field === "id" || field === "question") {
        const next = updateFact(doc, action.index, (f) => ({ ...f, [field]: value }));
        const ids = doc.facts.map((f) => f.id);
        return field === "id" && safeToCascade(ids, action.index, fact.id, value) ? renameFact(next, fact.id, value) : next;
      }
      if (field === "unit" && fact.type !== "number") return doc;
      return updateFact(doc, action.index, (f) => withOptional(f, field, value));
    }
    case "fact/setBound":
      return updateFact(doc, action.index, (fact) => {
        if (fact.type !== "number") return fact;
        const next = { ...fact };
        if (action.value === undefined) delete next[action.bound];
        else next[action.bound] = action.value;
        return next;
      });
    case "fact/setType":
      return updateFact(doc, action.index, (fact) => changeFactType(fact, action.factType));
    case "fact/setAskWhen":
      return updateFact(doc, action.index, (fact) => {
        const next = { ...fact };
        if (action.condition === undefined) delete next.askWhen;
        else next.askWhen = action.condition;
        return next;
      });

    case "option/add":
      return updateOptions(doc, action.factIndex, (options) => {
        const id = numberedId("option", options.map((o) => o.id));
        return [...options, { id, label: `Option ${id.slice("option_".length)}` }];
      });
    case "option/set": {
      const fact = doc.facts[action.factIndex];
      if (!fact || !("options" in fact)) return doc;
      const option = fact.options[action.optionIndex];
      if (!option) return doc;
      const next = updateOptions(doc, action.factIndex, (options) =>
        replaceAt(options, action.optionIndex, { ...option, [action.field]: action.value }),
      );
      const ids = fact.options.map((o) => o.id);
      if (action.field === "id" && safeToCascade(ids, action.optionIndex, option.id, action.value)) {
        return renameOption(next, fact.id, option.id, action.value);
      }
      return next;
    }
    case "option/remove":
      return updateOptions(doc, action.factIndex, (options) => removeAt(options, action.optionIndex));
    case "option/move":
      return updateOptions(doc, action.factIndex, (options) => moveItem(options, action.optionIndex, action.to));

    case "disposition/add": {
      const id = numberedId("disposition", doc.dispositions.map((d) => d.id));
      return { ...doc, dispositions: [...doc.dispositions, { id, label: "New disposition", action: "Describe what to do", guidance: [] }] };
    }
    case "disposition/set": {
      const disposition = doc.dispositions[action.index];
      if (!disposition) return doc;
      const next = updateDisposition(doc, action.index, (d) => ({ ...d, [action.field]: action.value }));
      const ids = doc.dispositions.map((d) => d.id);
      if (action.field === "id" && safeToCascade(ids, action.index, disposition.id, action.value)) {
        return renameDisposition(next, disposition.id, action.value);
      }
      return next;
    }
    case "disposition/setGuidance":
      return updateDisposition(doc, action.index, (d) => ({ ...d, guidance: action.guidance }));

    case "rule/add": {
      const id = numberedId("rule", doc.rules.map((r) => r.id));
      const rule: DocRule = {
        id,
        title: "New rule",
        when: { all: [] },
        disposition: doc.dispositions[0]?.id ?? "",
        guidance: [],
        rationale: "",
        citations: [],
        enabled: true,
        tags: [],
      };
      return { ...doc, rules: [...doc.rules, rule] };
    }
    case "rule/set":
      return updateRule(doc, action.index, (rule) => (rule[action.field] === action.value ? rule : { ...rule, [action.field]: action.value }));
    case "rule/setWhen":
      return updateRule(doc, action.index, (rule) => ({ ...rule, when: action.when }));
    case "rule/setGuidance":
      return updateRule(doc, action.index, (rule) => ({ ...rule, guidance: action.guidance }));
    case "rule/setCitations":
      return updateRule(doc, action.index, (rule) => ({ ...rule, citations: action.citations }));
    case "rule/setEnabled":
      return updateRule(doc, action.index, (rule) => ((rule.enabled ?? true) === action.enabled ? rule : { ...rule, enabled: action.enabled }));
    case "rule/setTags":
      return updateRule(doc, action.index, (rule) => ({ ...rule, tags: action.tags }));
    case "rule/duplicate": {
      const rule = doc.rules[action.index];
      if (!rule) return doc;
      const copy: DocRule = {
        ...rule,
        id: uniqueId(`${rule.id}_copy`, doc.rules.map((r) => r.id)),
        title: `${rule.title} (copy)`,
      };
      const rules = [...doc.rules.slice(0, action.index + 1), copy, ...doc.rules.slice(action.index + 1)];
      return { ...doc, rules };
    }

    case "guidance/add": {
      const list = doc.guidance ?? [];
      const id = numberedId("guidance", list.map((g) => g.id));
      return { ...doc, guidance: [...list, { id, title: "New guidance", body: "", citations: [] }] };
    }
    case "guidance/set": {
      const block = (doc.guidance ?? [])[action.index];
      if (!block) return doc;
      const next = updateGuidance(doc, action.index, (g) =>
        action.field === "locale" ? withOptional(g, "locale", action.value) : { ...g, [action.field]: action.value },
      );
      const ids = (doc.guidance ?? []).map((g) => g.id);
      if (action.field === "id" && safeToCascade(ids, action.index, block.id, action.value)) {
        return renameGuidance(next, block.id, action.value);
      }
      return next;
    }
    case "guidance/setCitations":
      return updateGuidance(doc, action.index, (g) => ({ ...g, citations: action.citations }));

    case "invariant/add": {
      const list = doc.invariants ?? [];
      const invariant: DocInvariant = {
        id: numberedId("invariant", list.map((inv) => inv.id)),
        kind: "atLeast",
        when: { all: [] },
        disposition: doc.dispositions[0]?.id ?? "",
        rationale: "",
        citations: [],
      };
      return { ...doc, invariants: [...list, invariant] };
    }
    case "invariant/set":
      return updateInvariant(doc, action.index, (inv) => (inv[action.field] === action.value ? inv : { ...inv, [action.field]: action.value }));
    case "invariant/setKind":
      return updateInvariant(doc, action.index, (inv) => (inv.kind === action.kind ? inv : { ...inv, kind: action.kind }));
    case "invariant/setWhen":
      return updateInvariant(doc, action.index, (inv) => ({ ...inv, when: action.when }));
    case "invariant/setCitations":
      return updateInvariant(doc, action.index, (inv) => ({ ...inv, citations: action.citations }));

    case "select":
    case "document/replace":
    case "document/saved":
    case "document/rebased":
      return doc;
  }
}

/** Which list an action adds to, so the new item can be selected. */
const ADDS_TO: Partial<Record<EditorAction["type"], Collection>> = {
  "fact/add": "facts",
  "disposition/add": "dispositions",
  "rule/add": "rules",
  "guidance/add": "guidance",
  "invariant/add": "invariants",
};

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case "select":
      if (state.selected[action.collection] === action.index) return state;
      return { ...state, selected: { ...state.selected, [action.collection]: action.index } };
    case "document/replace":
      return {
        doc: action.document,
        savedDoc: action.document,
        revision: action.revision,
        selected: { ...NOTHING_SELECTED },
      };
    case "document/saved":
      return { ...state, savedDoc: action.savedDocument, revision: action.revision };
    case "document/rebased":
      return state.revision === action.from && action.revision > state.revision ? { ...state, revision: action.revision } : state;
  }

  const doc = editDocument(state.doc, action);
  if (doc === state.doc) return state;

  let selected = state.selected;
  const added = ADDS_TO[action.type];
  if (added) {
    selected = { ...selected, [added]: listOf(doc, added).length - 1 };
  } else if (action.type === "item/move") {
    // The moved item stays selected so repeated Move up/down presses keep working on it.
    selected = { ...selected, [action.collection]: action.to };
  } else if (action.type === "item/remove") {
    selected = { ...selected, [action.collection]: clampIndex(action.index, listOf(doc, action.collection).length) };
  } else if (action.type === "rule/duplicate") {
    selected = { ...selected, rules: action.index + 1 };
  }
  return { ...state, doc, selected };
}
