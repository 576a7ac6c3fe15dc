/**
 * Turning lint findings and validation errors (which point at JSON paths) into
 * things a clinician can act on: which tab and item they concern, a path in
 * plain words, and per-item counts for the list badges.
 */
import type { LintIssue } from "@/lib/engine/lint-types";
import type { RuleSetInput } from "@/lib/engine/schema";
import type { Collection } from "./editor-reducer";

export type TabId = "details" | Collection;

export interface JumpTarget {
  tab: TabId;
  /** Index into the tab's list, when the finding concerns one item. */
  index?: number;
  /** JSONPath of the exact spot; the editor focuses the closest element marked with it. */
  path: string;
}

const COLLECTION_PATH = /^\$\.(facts|dispositions|rules|guidance|invariants)(?:\[(\d+)\])?/;

export function targetOf(path: string): JumpTarget {
  const match = COLLECTION_PATH.exec(path);
  if (!match) return { tab: "details", path };
  const tab = match[1] as Collection;
  return match[2] === undefined ? { tab, path } : { tab, index: Number(match[2]), path };
}

/**
 * Where a finding points. Findings about an explicit invariant carry its id:
 * when their path does not say which invariant (e.g. `$.invariants`), the id does.
 */
export function issuePath(issue: Pick<LintIssue, "path" | "invariantId">, doc: Pick<RuleSetInput, "invariants">): string {
  if (!issue.invariantId || /^\$\.invariants\[\d+\]/.test(issue.path)) return issue.path;
  const index = (doc.invariants ?? []).findIndex((invariant) => invariant.id === issue.invariantId);
  return index < 0 ? issue.path : `$.invariants[${index}]`;
}

/** `$.rules[3].when.all[0]` → `$.rules[3].when` → … → `$`, most specific first. */
export function pathAncestors(path: string): string[] {
  const out = [path];
  let current = path;
  const last = /(\.[A-Za-z_$][\w$]*|\[[^\]]*\])$/;
  while (last.test(current)) {
    current = current.replace(last, "");
    out.push(current);
  }
  return out;
}

/** Server field paths look like `rules.3.title` (optionally under `document.`). */
export function jsonPathFromDotted(dotted: string): string {
  const segments = dotted.split(".").filter(Boolean);
  if (segments[0] === "document") segments.shift();
  let path = "$";
  for (const segment of segments) path += /^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`;
  return path;
}

export function jsonPathFromSegments(segments: readonly PropertyKey[]): string {
  return jsonPathFromDotted(segments.map(String).join("."));
}

const WORDS: Readonly<Record<string, string>> = {
  metadata: "Details",
  slug: "slug",
  title: "title",
  description: "description",
  audience: "audience",
  locales: "locale",
  locale: "locale",
  defaultDisposition: "Default disposition",
  schemaVersion: "Format version",
  citations: "citation",
  options: "option",
  when: "condition",
  askWhen: "follow-up condition",
  all: "condition",
  any: "condition",
  not: "“none of” group",
  fact: "question",
  op: "comparison",
  value: "value",
  values: "values",
  min: "minimum",
  max: "maximum",
  id: "id",
  label: "label",
  question: "question text",
  help: "help text",
  unit: "unit",
  action: "action",
  body: "text",
  source: "source",
  statement: "statement",
  disposition: "disposition",
  guidance: "guidance",
  rationale: "rationale",
  tags: "tag",
  enabled: "enabled",
  type: "question type",
  kind: "kind",
  invariants: "Invariants",
};

const ITEM_NAMES: Readonly<Record<Collection, string>> = {
  facts: "Question",
  dispositions: "Disposition",
  rules: "Rule",
  guidance: "Guidance",
  invariants: "Invariant",
};

function itemTitle(doc: RuleSetInput, collection: Collection, index: number): string | undefined {
  switch (collection) {
    case "facts":
      return doc.facts[index]?.label ?? doc.facts[index]?.question;
    case "dispositions":
      return doc.dispositions[index]?.label;
    case "rules":
      return doc.rules[index]?.title;
    case "guidance":
      return doc.guidance?.[index]?.title;
    case "invariants":
      return doc.invariants?.[index]?.id;
  }
}

/** `$.rules[3].citations[0].source` → `Rule 4 “Title” › citation 1 › source`. */
export function describePath(path: string, doc: RuleSetInput): string {
  const tokens = [...path.matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)].map((m) =>
    m[2] !== undefined ? Number(m[2]) : (m[1] ?? m[3]),
  );
  if (tokens.length === 0) return "The whole rule set";
  const parts: string[] = [];
  let i = 0;
  const head = tokens[0];
  if (typeof head === "string" && head in ITEM_NAMES && typeof tokens[1] === "number") {
    const collection = head as Collection;
    const index = tokens[1] as number;
    const title = itemTitle(doc, collection, index);
    parts.push(`${ITEM_NAMES[collection]} ${index + 1}${title ? ` “${title}”` : ""}`);
    i = 2;
  }
  for (; i < tokens.length; i++) {
    const token = tokens[i];
    if (typeof token === "number") {
      // Arrays read as "citation 2", "condition 1": attach the number to the previous word.
      if (parts.length) parts[parts.length - 1] = `${parts[parts.length - 1]} ${token + 1}`;
      continue;
    }
    const word = WORDS[token] ?? token;
    if (token === "metadata" && parts.length === 0) {
      parts.push(word);
      continue;
    }
    // "condition › condition 2" says nothing the second part does not.
    if (word === "condition" && parts[parts.length - 1] === "condition") parts.pop();
    parts.push(word);
  }
  return parts.join(" › ");
}

/** zod's wording is for programmers; these are the few messages clinicians meet while typing. */
export function plainMessage(message: string): string {
  const stripped = message.replace(/^The document is not in the rule-set format here: /, "").replace(/\.$/, "");
  if (/expected string to have >=1 characters/i.test(stripped) || /received undefined/i.test(stripped)) return "This is required.";
  if (/expected array to have >=1 items/i.test(stripped)) return "Add at least one.";
  if (/expected number, received NaN/i.test(stripped)) return "Enter a number.";
  return stripped.endsWith(".") ? stripped : `${stripped}.`;
}

export interface ItemLint {
  errors: number;
  warnings: number;
}

export interface LintIndex {
  counts: { errors: number; warnings: number; infos: number };
  /** Per tab, per item index. */
  byItem: Record<Collection, Map<number, ItemLint>>;
  /** Errors by tab, for the tab badges. */
  errorsByTab: Record<TabId, number>;
  /** Shape errors keyed by exact JSONPath, shown under the field they concern. */
  fieldErrors: Map<string, string>;
  /** All findings per item, listed at the top of that item's editor. */
  issuesByItem: Record<Collection, Map<number, LintIssue[]>>;
}

/** `doc` (the linted document) lets findings that name an invariant by id only count for it. */
export function indexIssues(issues: readonly LintIssue[], doc?: Pick<RuleSetInput, "invariants">): LintIndex {
  const index: LintIndex = {
    counts: { errors: 0, warnings: 0, infos: 0 },
    byItem: { facts: new Map(), dispositions: new Map(), rules: new Map(), guidance: new Map(), invariants: new Map() },
    errorsByTab: { details: 0, facts: 0, dispositions: 0, rules: 0, guidance: 0, invariants: 0 },
    fieldErrors: new Map(),
    issuesByItem: { facts: new Map(), dispositions: new Map(), rules: new Map(), guidance: new Map(), invariants: new Map() },
  };
  for (const issue of issues) {
    if (issue.severity === "error") index.counts.errors++;
    else if (issue.severity === "warning") index.counts.warnings++;
    else index.counts.infos++;
    if (issue.code === "schema" && !index.fieldErrors.has(issue.path)) index.fieldErrors.set(issue.path, plainMessage(issue.message));
    const target = targetOf(doc ? issuePath(issue, doc) : issue.path);
    if (issue.severity === "error") index.errorsByTab[target.tab]++;
    if (target.tab === "details" || target.index === undefined) continue;
    const counts = index.byItem[target.tab].get(target.index) ?? { errors: 0, warnings: 0 };
    if (issue.severity === "error") counts.errors++;
    else if (issue.severity === "warning") counts.warnings++;
    index.byItem[target.tab].set(target.index, counts);
    const list = index.issuesByItem[target.tab].get(target.index) ?? [];
    list.push(issue);
    index.issuesByItem[target.tab].set(target.index, list);
  }
  return index;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function sortIssues(issues: readonly LintIssue[]): LintIssue[] {
  return issues
    .map((issue, order) => ({ issue, order }))
    .sort((a, b) => SEVERITY_ORDER[a.issue.severity] - SEVERITY_ORDER[b.issue.severity] || a.order - b.order)
    .map((entry) => entry.issue);
}
