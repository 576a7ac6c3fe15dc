/**
 * Explores answers nobody wrote a test case for: tries combinations of answers
 * to the questions that matter in either version and counts where the draft's
 * disposition differs from the published one, reductions in urgency first.
 *
 * Small spaces (≤ maxExhaustive combinations) are enumerated completely, so
 * "no reductions found" is then a proof over the representative values (see
 * domains.ts). Larger ones are sampled with a seeded PRNG: the same seed
 * gives the same report, unless timeBudgetMs cuts the run short.
 */
import type { CompiledRuleSet, Fact } from "@/lib/engine";
import { toCompiled, type RuleSetLike } from "@/lib/testcases/validate";
import { answerDomains, type FactDomain } from "./domains";
import { CandidatePool, describeAnswers, minimize, type Candidate, type ExploredExample } from "./examples";
import { dispositionOnly, type SlotValues } from "./fast-outcome";
import type { AnswerRecord } from "./pair";
import { mulberry32 } from "./prng";
import { urgencyComparator, type UrgencyComparator } from "./urgency";

export interface ExploreOptions {
  /** Enumerate every combination when there are at most this many (default 4096). */
  maxExhaustive?: number;
  /** Answer sets to try otherwise (default 20,000). */
  samples?: number;
  /** PRNG seed for sampling (default 1). */
  seed?: number;
  /** Stop early after this long; the report then says `truncated` and is no longer reproducible. */
  timeBudgetMs?: number;
  /** Examples to return (default 20). */
  maxExamples?: number;
}

export type ExploreReport =
  | {
      comparable: true;
      mode: "exhaustive" | "sampled";
      /** Answer sets evaluated. Exhaustive: distinct ones (answers to questions that do not apply are not counted twice). */
      total: number;
      /** Size of the whole space (product of the value counts, unanswered included); may be astronomically large. */
      combinations: number;
      changedDisposition: number;
      reducedUrgency: number;
      increasedUrgency: number;
      /** Facts that were varied, in question order. */
      factsConsidered: string[];
      truncated: boolean;
      /** Reductions first, then fewest answers. */
      examples: ExploredExample[];
    }
  | { comparable: false; message: string };

const DEFAULTS = { maxExhaustive: 4096, samples: 20_000, seed: 1, maxExamples: 20 };
const UNANSWERED = -1;

interface Counts {
  total: number;
  changedDisposition: number;
  reducedUrgency: number;
  increasedUrgency: number;
}

/**
 * Evaluates one combination (value index per domain, -1 = unanswered); false
 * when it duplicates a smaller one. In sampled mode it clears, in `choice`,
 * answers that had no effect.
 */
type Probe = (choice: Int32Array) => boolean;

export function exploreAnswerSpace(published: RuleSetLike | null, draft: RuleSetLike, options: ExploreOptions = {}): ExploreReport {
  if (published === null) {
    return { comparable: false, message: "Nothing is published yet, so there is no previous version to compare the draft with." };
  }
  const opts = { ...DEFAULTS, ...options };
  const p = toCompiled(published);
  const d = toCompiled(draft);
  const domains = answerDomains(p, d);
  const compare = urgencyComparator(p, d);
  const pool = new CandidatePool(Math.max(opts.maxExamples * 4, 40));
  const counts: Counts = { total: 0, changedDisposition: 0, reducedUrgency: 0, increasedUrgency: 0 };

  let combinations = 1;
  for (const domain of domains) combinations *= domain.values.length + 1;
  const exhaustive = combinations <= opts.maxExhaustive;
  const probe = makeProbe(p, d, domains, compare, counts, pool, exhaustive);
  const started = performance.now();
  const outOfTime = opts.timeBudgetMs === undefined ? () => false : () => performance.now() - started > opts.timeBudgetMs!;

  const truncated = exhaustive ? enumerate(domains, probe, outOfTime) : sample(domains, probe, outOfTime, opts.samples, opts.seed);

  const factOrder = domains.map((x) => x.id);
  const facts = new Map<string, Fact>(domains.map((x) => [x.id, x.fact]));
  return {
    comparable: true,
    mode: exhaustive ? "exhaustive" : "sampled",
    ...counts,
    combinations,
    factsConsidered: factOrder,
    truncated,
    examples: examplesFrom(p, d, pool, factOrder, facts, opts.maxExamples),
  };
}

function makeProbe(
  p: CompiledRuleSet,
  d: CompiledRuleSet,
  domains: readonly FactDomain[],
  compare: UrgencyComparator,
  counts: Counts,
  pool: CandidatePool,
  exhaustive: boolean,
): Probe {
  const publishedOutcome = dispositionOnly(p);
  const draftOutcome = dispositionOnly(d);
  const slotP = domains.map((x) => p.slotOf.get(x.id) ?? -1);
  const slotD = domains.map((x) => d.slotOf.get(x.id) ?? -1);
  const valuesP: SlotValues = new Array(p.facts.length);
  const valuesD: SlotValues = new Array(d.facts.length);
  const ignoredP = new Uint8Array(p.facts.length);
  const ignoredD = new Uint8Array(d.facts.length);
  return (choice) => {
    valuesP.fill(undefined);
    valuesD.fill(undefined);
    ignoredP.fill(0);
    ignoredD.fill(0);
    for (let k = 0; k < domains.length; k++) {
      const v = choice[k];
      if (v === UNANSWERED) continue;
      const domain = domains[k];
      if (domain.acceptedByPublished[v]) valuesP[slotP[k]] = domain.values[v];
      if (domain.acceptedByDraft[v]) valuesD[slotD[k]] = domain.values[v];
    }
    const before = publishedOutcome(valuesP, ignoredP);
    const after = draftOutcome(valuesD, ignoredD);
    // An answer neither version uses (a follow-up that does not apply) makes
    // this the same case as without it, which is enumerated separately.
    for (let k = 0; k < domains.length; k++) {
      const v = choice[k];
      if (v === UNANSWERED) continue;
      const usedByP = domains[k].acceptedByPublished[v] && ignoredP[slotP[k]] === 0;
      const usedByD = domains[k].acceptedByDraft[v] && ignoredD[slotD[k]] === 0;
      if (!usedByP && !usedByD) {
        if (exhaustive) return false;
        choice[k] = UNANSWERED;
      }
    }
    counts.total++;
    if (before === after) return true;
    counts.changedDisposition++;
    const urgency = compare(before, after);
    if (urgency === "reduced") counts.reducedUrgency++;
    else if (urgency === "increased") counts.increasedUrgency++;
    let answered = 0;
    for (let k = 0; k < domains.length; k++) if (choice[k] !== UNANSWERED) answered++;
    if (pool.wants(urgency, answered)) {
      const answers: AnswerRecord = {};
      for (let k = 0; k < domains.length; k++) if (choice[k] !== UNANSWERED) answers[domains[k].id] = domains[k].values[choice[k]];
      const candidate: Candidate = { answers, published: before, draft: after, urgency, order: counts.total };
      pool.add(candidate);
    }
    return true;
  };
}

/** Mixed-radix counter over every domain (unanswered first). Returns whether time ran out. */
function enumerate(domains: readonly FactDomain[], probe: Probe, outOfTime: () => boolean): boolean {
  const choice = new Int32Array(domains.length).fill(UNANSWERED);
  for (let n = 0; ; n++) {
    if ((n & 127) === 0 && n > 0 && outOfTime()) return true;
    probe(choice);
    let k = 0;
    while (k < domains.length) {
      choice[k]++;
      if (choice[k] < domains[k].values.length) break;
      choice[k] = UNANSWERED;
      k++;
    }
    if (k === domains.length) return false;
  }
}

/**
 * Random answer sets of varying density: each sample answers each question
 * with its own probability (10–70%), so sparse sets (which make small, readable
 * examples) and dense ones (where rules interact) are both tried.
 */
function sample(domains: readonly FactDomain[], probe: Probe, outOfTime: () => boolean, samples: number, seed: number): boolean {
  const random = mulberry32(seed);
  const choice = new Int32Array(domains.length);
  for (let n = 0; n < samples; n++) {
    if ((n & 127) === 0 && n > 0 && outOfTime()) return true;
    const density = 0.1 + random() * 0.6;
    for (let k = 0; k < domains.length; k++) {
      const size = domains[k].values.length;
      choice[k] = size > 0 && random() < density ? Math.floor(random() * size) : UNANSWERED;
    }
    probe(choice);
  }
  return false;
}

function examplesFrom(
  p: CompiledRuleSet,
  d: CompiledRuleSet,
  pool: CandidatePool,
  factOrder: readonly string[],
  facts: ReadonlyMap<string, Fact>,
  max: number,
): ExploredExample[] {
  const labelIn = (version: CompiledRuleSet, id: string | null) => (id === null ? null : (version.dispositions.find((x) => x.id === id)?.label ?? id));
  const seen = new Set<string>();
  const examples: ExploredExample[] = [];
  for (const candidate of pool.best()) {
    if (examples.length >= max) break;
    const answers = minimize(p, d, candidate, factOrder);
    const key = `${candidate.published}>${candidate.draft}:${JSON.stringify(factOrder.filter((id) => id in answers).map((id) => [id, answers[id]]))}`;
    if (seen.has(key)) continue;
    seen.add(key);
    examples.push({
      answers,
      published: { disposition: candidate.published, label: labelIn(p, candidate.published) },
      draft: { disposition: candidate.draft, label: labelIn(d, candidate.draft) },
      urgency: candidate.urgency,
      description: describeAnswers(answers, facts, factOrder),
    });
  }
  // Minimising can shrink a later candidate below an earlier one.
  const rank = { reduced: 0, increased: 1, same: 2 } as const;
  return examples.sort((a, b) => rank[a.urgency] - rank[b.urgency] || Object.keys(a.answers).length - Object.keys(b.answers).length);
}
