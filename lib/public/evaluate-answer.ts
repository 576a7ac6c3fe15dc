import type { CompiledRuleSet, Disposition, EvaluationResult, Guidance } from "@/lib/engine";
import type { PublishedVersionEntry } from "./catalog";
import type { EvaluateResponse } from "./schemas";

/**
 * The public answer to one evaluation, as an object and as JSON text. The text is what the
 * fast path sends: most of an answer (dispositions, questions, rule titles, guidance markdown)
 * is the same for every request on a version, so its JSON is made once per version and an
 * answer is assembled from those pieces instead of serialising ~6 KB afresh each time
 * (bench/README.md). `answerJson(...)` is exactly `JSON.stringify(answerObject(...))`, key order
 * included (tests/public/evaluate-answer.test.ts proves it over generated answers).
 */

type DispositionRef = NonNullable<EvaluateResponse["disposition"]>;
type QuestionRef = EvaluateResponse["missingFacts"][number];
type RuleRef = EvaluateResponse["firedRules"][number];
type GuidanceBlock = EvaluateResponse["guidance"][number];

interface Pieces<T> {
  value: T;
  json: string;
}

function piece<T>(value: T): Pieces<T> {
  return { value: Object.freeze(value), json: JSON.stringify(value) };
}

/** What every answer on one version shares, made on the version's first evaluation. */
interface VersionParts {
  ruleSet: Pieces<EvaluateResponse["ruleSet"]>;
  dispositions: Map<Disposition, Pieces<DispositionRef>>;
  questions: Map<string, Pieces<QuestionRef>>;
  rules: Map<string, Pieces<RuleRef>>;
  blocks: Map<Guidance, Pieces<GuidanceBlock>>;
  /** The guidance of each disposition (what escalationGuidance shows), as one JSON array. */
  dispositionGuidance: Map<Disposition, Pieces<GuidanceBlock[]>>;
}

const partsByVersion = new WeakMap<PublishedVersionEntry, VersionParts>();

const block = (g: Guidance): GuidanceBlock => ({ id: g.id, title: g.title, body: g.body });

/** urgencyRank: the disposition's position in the document's list, 0 = most urgent. */
const dispositionRef = (document: PublishedVersionEntry["document"], d: Disposition): DispositionRef => ({
  id: d.id,
  label: d.label,
  action: d.action,
  urgencyRank: document.dispositions.findIndex((other) => other.id === d.id),
});

function partsOf(slug: string, version: PublishedVersionEntry, compiled: CompiledRuleSet): VersionParts {
  let parts = partsByVersion.get(version);
  if (parts) return parts;
  const { document } = version;
  const dispositions = new Map<Disposition, Pieces<DispositionRef>>();
  const dispositionGuidance = new Map<Disposition, Pieces<GuidanceBlock[]>>();
  compiled.dispositions.forEach((disposition, index) => {
    dispositions.set(disposition, piece(dispositionRef(document, disposition)));
    dispositionGuidance.set(disposition, piece(compiled.dispositionGuidance[index].map(block)));
  });
  const questions = new Map<string, Pieces<QuestionRef>>();
  for (const fact of document.facts) questions.set(fact.id, piece({ id: fact.id, question: fact.question ?? fact.id }));
  const rules = new Map<string, Pieces<RuleRef>>();
  for (const rule of document.rules) rules.set(rule.id, piece({ id: rule.id, title: rule.title ?? rule.id }));
  parts = {
    ruleSet: piece({ slug, version: version.number, contentHash: version.contentHash }),
    dispositions,
    questions,
    rules,
    blocks: new Map(),
    dispositionGuidance,
  };
  partsByVersion.set(version, parts);
  return parts;
}

function lookup<K, T>(map: Map<K, Pieces<T>>, key: K, make: () => T): Pieces<T> {
  let found = map.get(key);
  if (!found) map.set(key, (found = piece(make())));
  return found;
}

/** The pieces of one answer, each with its value and its JSON. */
function answerPieces(slug: string, version: PublishedVersionEntry, compiled: CompiledRuleSet, result: EvaluationResult) {
  const parts = partsOf(slug, version, compiled);
  const disposition = (d: Disposition | null) => (d ? lookup(parts.dispositions, d, () => dispositionRef(version.document, d)) : null);
  // An id the document does not know is shown as itself (as before: facts.get(id)?.question ?? id).
  const question = (id: string) => lookup(parts.questions, id, () => ({ id, question: id }));
  const rule = (id: string) => lookup(parts.rules, id, () => ({ id, title: id }));
  const guidanceBlock = (g: Guidance) => lookup(parts.blocks, g, () => block(g));
  const escalating = !result.final && result.couldEscalateTo ? result.couldEscalateTo : null;
  return {
    ruleSet: parts.ruleSet,
    disposition: disposition(result.disposition),
    couldEscalateTo: result.final ? null : disposition(result.couldEscalateTo),
    escalationFacts: result.final ? [] : result.escalationFacts.map(question),
    guidance: result.guidance.map(guidanceBlock),
    escalationGuidance: escalating ? lookup(parts.dispositionGuidance, escalating, () => compiled.dispositionGuidance[compiled.dispositions.indexOf(escalating)].map(block)) : null,
    firedRules: result.firedRules.map(rule),
    missingFacts: result.missingFacts.map(question),
  };
}

const values = <T>(list: Pieces<T>[]): T[] => list.map((p) => p.value);
const array = <T>(list: Pieces<T>[]): string => `[${list.map((p) => p.json).join(",")}]`;

/** The answer as an object (EvaluateResponse). Its parts are shared and frozen: copy before changing. */
export function answerObject(slug: string, version: PublishedVersionEntry, compiled: CompiledRuleSet, result: EvaluationResult): EvaluateResponse {
  const p = answerPieces(slug, version, compiled, result);
  return {
    ruleSet: p.ruleSet.value,
    disposition: p.disposition?.value ?? null,
    decidedBy: result.decidedBy,
    final: result.final,
    couldEscalateTo: p.couldEscalateTo?.value ?? null,
    escalationFacts: values(p.escalationFacts),
    complete: result.complete,
    guidance: values(p.guidance),
    // The advice to show while provisional comes with its own guidance, so remote clients need not fetch the document.
    escalationGuidance: p.escalationGuidance ? [...p.escalationGuidance.value] : [],
    firedRules: values(p.firedRules),
    missingFacts: values(p.missingFacts),
  };
}

/** The same answer as JSON text: JSON.stringify(answerObject(...)), assembled from JSON made once per version. */
export function answerJson(slug: string, version: PublishedVersionEntry, compiled: CompiledRuleSet, result: EvaluationResult): string {
  const p = answerPieces(slug, version, compiled, result);
  return (
    `{"ruleSet":${p.ruleSet.json}` +
    `,"disposition":${p.disposition?.json ?? "null"}` +
    `,"decidedBy":${JSON.stringify(result.decidedBy)}` +
    `,"final":${result.final}` +
    `,"couldEscalateTo":${p.couldEscalateTo?.json ?? "null"}` +
    `,"escalationFacts":${array(p.escalationFacts)}` +
    `,"complete":${result.complete}` +
    `,"guidance":${array(p.guidance)}` +
    `,"escalationGuidance":${p.escalationGuidance?.json ?? "[]"}` +
    `,"firedRules":${array(p.firedRules)}` +
    `,"missingFacts":${array(p.missingFacts)}}`
  );
}
