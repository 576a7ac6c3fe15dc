/**
 * The published back-pain rule set (content/back-pain/) checked against its
 * shared vocabulary, its five source articles and its own test cases.
 *
 * Under-triage is the failure that matters most: these tests must never be
 * made to pass by weakening a red-flag rule.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compile,
  evaluate,
  isComparison,
  lintRuleSet,
  RuleSetSchema,
  type AnswerValue,
  type Citation,
  type Condition,
  type RuleSet,
} from "../../lib/engine";
import { coverage, parseTestCasesJson, runTestCases, TestCaseListSchema, type TestCase } from "../../lib/testcases";
import { renderContentReviewFromFiles } from "../../scripts/content-review";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CONTENT_DIR = path.join(ROOT, "content/back-pain");
// CI runs with shared/ beside the clone; a bare clone falls back to the ids below.
const SHARED_DIR = path.join(ROOT, "../shared");
const VOCABULARY_FILE = path.join(SHARED_DIR, "content/back-pain-vocabulary.md");
const SEEDS_DIR = path.join(SHARED_DIR, "seeds");

const SEED_FILES: readonly string[] = [
  "000_fdb231116db528c1.txt",
  "001_4aea14bfb8ed2abd.txt",
  "002_622a55816914dad2.txt",
  "003_fa768351d16980c2.txt",
  "004_9895e3f78e04ba73.txt",
];

const FALLBACK_VOCABULARY = {
  dispositions: ["emergency", "urgent", "see_doctor", "self_care"],
  facts: [
    "pain_present",
    "heard_pop_under_load",
    "clicking_during_exercise",
    "bowel_bladder_change",
    "saddle_numbness",
    "leg_weakness",
    "leg_numbness_tingling",
    "pain_radiates_leg",
    "pain_below_knee",
    "severe_unrelenting_pain",
    "fever_chills",
    "unexplained_weight_loss",
    "recent_trauma",
    "morning_stiffness",
    "everyday_movement_trigger",
    "disrupts_sleep_or_daily_life",
    "worsening_despite_self_care",
    "stiffness_or_limited_motion",
    "symptom_duration_hours",
  ],
};

/** Ids in the first column of the Markdown table under a "## <heading>" section. */
function idsInSection(markdown: string, heading: string): string[] {
  const start = markdown.search(new RegExp(`^## ${heading}`, "m"));
  if (start < 0) return [];
  const rest = markdown.slice(start + 3);
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^\|\s*`([a-z][a-z0-9_]*)`\s*\|/gm)].map((m) => m[1]);
}

function loadVocabulary(): { dispositions: string[]; facts: string[]; source: string } {
  if (!existsSync(VOCABULARY_FILE)) return { ...FALLBACK_VOCABULARY, source: "fallback" };
  const markdown = readFileSync(VOCABULARY_FILE, "utf8");
  return { dispositions: idsInSection(markdown, "Dispositions"), facts: idsInSection(markdown, "Facts"), source: VOCABULARY_FILE };
}

/** Case, curly quotes, dashes and whitespace differ between an article and a quote of it. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[‐‑‒–—−]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

const documentJson: unknown = JSON.parse(readFileSync(path.join(CONTENT_DIR, "back-pain.ruleset.json"), "utf8"));
const testCasesJson: unknown = JSON.parse(readFileSync(path.join(CONTENT_DIR, "back-pain.test-cases.json"), "utf8"));
const ruleSet: RuleSet = RuleSetSchema.parse(documentJson);
const testCases: TestCase[] = TestCaseListSchema.parse(testCasesJson);
const compiled = compile(ruleSet);
const rankOf = new Map(ruleSet.dispositions.map((d, i) => [d.id, i]));
const rank = (id: string | null | undefined): number => (id == null ? Infinity : (rankOf.get(id) ?? Infinity));
const redFlagRules = ruleSet.rules.filter((r) => r.enabled && r.tags.includes("red-flag"));

/** Answers by fact id; null means unanswered. */
type AnswerMap = Record<string, AnswerValue | null>;

/**
 * The answers that make a red-flag rule fire: its one question answered yes,
 * plus "yes" to the question it is a follow-up of (so it is not "not applicable").
 */
function redFlagTrigger(when: Condition): AnswerMap {
  if (!isComparison(when) || when.op !== "eq" || when.value !== true) {
    throw new Error("A red-flag rule must stand on one question answered yes.");
  }
  const answers: AnswerMap = { [when.fact]: true };
  const askWhen = ruleSet.facts.find((f) => f.id === when.fact)?.askWhen;
  if (askWhen) Object.assign(answers, redFlagTrigger(askWhen));
  return answers;
}

describe("back-pain rule set: document", () => {
  it("parses with RuleSetSchema and has the expected metadata", () => {
    expect(RuleSetSchema.safeParse(documentJson).success).toBe(true);
    expect(ruleSet.schemaVersion).toBe(1);
    expect(ruleSet.metadata).toMatchObject({ slug: "back-pain", title: "Back pain and back spasms", locales: ["en"] });
    expect(ruleSet.metadata.description.length).toBeGreaterThan(0);
    expect(ruleSet.metadata.audience).toMatch(/18/);
  });

  it("is stored pretty-printed with a 2-space indent", () => {
    for (const file of ["back-pain.ruleset.json", "back-pain.test-cases.json"]) {
      const text = readFileSync(path.join(CONTENT_DIR, file), "utf8");
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    }
  });

  it("uses every fact id and disposition id of the shared vocabulary exactly", () => {
    const vocabulary = loadVocabulary();
    expect(vocabulary.facts.length, `fact ids read from ${vocabulary.source}`).toBe(19);
    expect(vocabulary.dispositions, `disposition ids read from ${vocabulary.source}`).toHaveLength(4);
    const factIds = ruleSet.facts.map((f) => f.id);
    for (const id of vocabulary.facts) expect(factIds, `fact ${id}`).toContain(id);
    expect(ruleSet.dispositions.map((d) => d.id)).toEqual(vocabulary.dispositions);
    // All booleans except the duration, a number of hours (0 or more).
    for (const fact of ruleSet.facts.filter((f) => vocabulary.facts.includes(f.id))) {
      if (fact.id === "symptom_duration_hours") expect(fact).toMatchObject({ type: "number", unit: "hours", min: 0 });
      else expect(fact.type, fact.id).toBe("boolean");
    }
  });

  it("orders dispositions emergency, urgent, see_doctor, self_care and defaults to see_doctor", () => {
    expect(ruleSet.dispositions.map((d) => d.id)).toEqual(["emergency", "urgent", "see_doctor", "self_care"]);
    expect(ruleSet.defaultDisposition).toBe("see_doctor");
  });

  it("asks about pain below the knee only when the pain spreads into the leg", () => {
    expect(ruleSet.facts.find((f) => f.id === "pain_below_knee")?.askWhen).toEqual({ fact: "pain_radiates_leg", op: "eq", value: true });
  });

  it("has no lint findings at all (no errors, and no accepted warnings)", () => {
    const issues = lintRuleSet(documentJson);
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    // The review document lists accepted warnings; there are none. A new one must be looked at.
    expect(issues).toEqual([]);
  });

  it("shows 'This is not a diagnosis' with every disposition", () => {
    for (const d of ruleSet.dispositions) expect(d.guidance, d.id).toContain("not_a_diagnosis");
  });
});

describe("back-pain rule set: citations", () => {
  const cited: Array<{ owner: string; citations: Citation[] }> = [
    ...ruleSet.rules.map((r) => ({ owner: `rule ${r.id}`, citations: r.citations })),
    ...ruleSet.guidance.map((g) => ({ owner: `guidance ${g.id}`, citations: g.citations })),
  ];

  it("every rule and every guidance block cites a seed article with a non-empty statement", () => {
    for (const { owner, citations } of cited) {
      expect(citations.length, owner).toBeGreaterThan(0);
      for (const c of citations) {
        expect(SEED_FILES, owner).toContain(c.source);
        expect(c.statement.trim().length, owner).toBeGreaterThan(0);
      }
    }
  });

  it.skipIf(!existsSync(SEEDS_DIR))("every citation statement appears in the cited article", () => {
    const seeds = new Map(SEED_FILES.map((file) => [file, normalise(readFileSync(path.join(SEEDS_DIR, file), "utf8"))]));
    const missing: string[] = [];
    for (const { owner, citations } of cited) {
      for (const c of citations) {
        if (!seeds.get(c.source)?.includes(normalise(c.statement))) missing.push(`${owner}: ${c.source}: “${c.statement}”`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("back-pain rule set: red flags", () => {
  it("every red-flag rule stands on one question and leads to emergency or urgent", () => {
    expect(redFlagRules.length).toBeGreaterThanOrEqual(9);
    for (const rule of redFlagRules) {
      expect(["emergency", "urgent"], rule.id).toContain(rule.disposition);
      expect(() => redFlagTrigger(rule.when), rule.id).not.toThrow();
    }
  });

  it("names the cauda equina signs and neurological deficits as emergencies", () => {
    const emergencyFacts = redFlagRules
      .filter((r) => r.disposition === "emergency")
      .map((r) => (isComparison(r.when) ? r.when.fact : ""));
    expect(emergencyFacts).toEqual(
      expect.arrayContaining(["bowel_bladder_change", "saddle_numbness", "leg_weakness", "leg_numbness_tingling", "severe_unrelenting_pain"]),
    );
  });

  it("self-care rules require every red flag (or the question it follows up) answered no", () => {
    const selfCareRules = ruleSet.rules.filter((r) => r.disposition === "self_care");
    expect(selfCareRules.length).toBeGreaterThan(0);
    for (const rule of selfCareRules) {
      const conjuncts = "all" in rule.when ? rule.when.all : [rule.when];
      const answeredNo = new Set(conjuncts.filter(isComparison).flatMap((c) => (c.op === "eq" && c.value === false ? [c.fact] : [])));
      for (const flag of redFlagRules) {
        const trigger = Object.keys(redFlagTrigger(flag.when));
        expect(trigger.some((fact) => answeredNo.has(fact)), `${rule.id} must rule out ${flag.id}`).toBe(true);
      }
    }
  });

  it("a red flag alone, with every other question unanswered, gives at least its disposition", () => {
    for (const rule of redFlagRules) {
      const result = evaluate(compiled, redFlagTrigger(rule.when));
      expect(result.firedRules, rule.id).toContain(rule.id);
      expect(rank(result.disposition?.id), rule.id).toBeLessThanOrEqual(rank(rule.disposition));
    }
  });
});

describe("back-pain rule set: test cases", () => {
  const report = runTestCases(compiled, testCases);

  it("has at least 40 valid cases that import like an uploaded file", () => {
    expect(testCases.length).toBeGreaterThanOrEqual(40);
    const imported = parseTestCasesJson(compiled, testCasesJson);
    expect(imported).toMatchObject({ ok: true });
  });

  it("all pass, with no under-triage", () => {
    const failures = report.results
      .filter((r) => r.status !== "pass")
      .map((r) => ({ id: r.id, status: r.status, failures: r.failures.map((f) => f.message), issues: r.issues }));
    expect(failures).toEqual([]);
    expect(report).toMatchObject({ failed: 0, invalid: 0, underTriage: 0, passed: testCases.length });
  });

  it("fire every enabled rule, end in every disposition and show every guidance block", () => {
    const cov = coverage(compiled, report);
    expect(cov.rules.uncovered).toEqual([]);
    expect(cov.dispositions.uncovered).toEqual([]);
    expect(cov.guidance.uncovered).toEqual([]);
  });

  it("every red-flag rule has a case tagged red-flag that pins it with expected.firedRules", () => {
    for (const rule of redFlagRules) {
      const pinned = testCases.filter((t) => t.tags.includes("red-flag") && (t.expected.firedRules ?? []).includes(rule.id));
      expect(pinned.length, rule.id).toBeGreaterThan(0);
    }
    // …and every case expecting emergency or urgent is tagged red-flag.
    for (const t of testCases.filter((c) => ["emergency", "urgent"].includes(c.expected.disposition))) {
      expect(t.tags, t.id).toContain("red-flag");
    }
  });

  it("covers the 48-hour boundary on both sides and the 72/73-hour marks", () => {
    const byHours = (hours: number) =>
      testCases.filter((t) => t.tags.includes("boundary") && t.answers.symptom_duration_hours === hours).map((t) => t.expected.disposition);
    expect(byHours(47)).toEqual(["self_care"]);
    expect(byHours(48)).toEqual(["self_care"]);
    expect(byHours(49)).toEqual(["see_doctor"]);
    expect(byHours(72)).toEqual(["see_doctor"]);
    expect(byHours(73)).toEqual(["see_doctor"]);
  });

  it("property: in every self-care or see-a-doctor case, any single red flag escalates to urgent or emergency", () => {
    const benign = testCases.filter((t) => t.expected.disposition === "self_care" || t.expected.disposition === "see_doctor");
    expect(benign.length).toBeGreaterThan(20);
    for (const testCase of benign) {
      for (const rule of redFlagRules) {
        const result = evaluate(compiled, { ...testCase.answers, ...redFlagTrigger(rule.when) }, { trace: false });
        expect(result.firedRules, `${testCase.id} + ${rule.id}`).toContain(rule.id);
        expect(rank(result.disposition?.id), `${testCase.id} + ${rule.id}`).toBeLessThanOrEqual(rank(rule.disposition));
        expect(rank(result.disposition?.id), `${testCase.id} + ${rule.id}`).toBeLessThanOrEqual(rank("urgent"));
      }
    }
  });

  it("incomplete answers: no self-care while red flags are unanswered; the default applies and red flags are asked first", () => {
    const incomplete = testCases.find((t) => t.id === "incomplete-red-flags-unanswered");
    expect(incomplete).toBeDefined();
    const result = evaluate(compiled, incomplete!.answers);
    expect(result).toMatchObject({ decidedBy: "default", complete: false, firedRules: [] });
    expect(result.disposition?.id).toBe("see_doctor");
    expect(result.missingFacts.slice(0, 5)).toEqual([
      "bowel_bladder_change",
      "saddle_numbness",
      "leg_weakness",
      "leg_numbness_tingling",
      "severe_unrelenting_pain",
    ]);

    const oneMissing = testCases.find((t) => t.id === "incomplete-one-red-flag-unanswered");
    const withheld = evaluate(compiled, oneMissing!.answers);
    expect(withheld).toMatchObject({ decidedBy: "default", complete: false, missingFacts: ["fever_chills"] });
    expect(evaluate(compiled, { ...oneMissing!.answers, fever_chills: false }).disposition?.id).toBe("self_care");
    expect(evaluate(compiled, { ...oneMissing!.answers, fever_chills: true }).disposition?.id).toBe("urgent");
  });

  it("a stale answer to a not-applicable follow-up is ignored", () => {
    const stale = testCases.find((t) => t.id === "follow-up-stale-below-knee-ignored");
    const result = evaluate(compiled, stale!.answers);
    expect(result.ignoredAnswers).toEqual(["pain_below_knee"]);
    expect(result.disposition?.id).toBe("self_care");
  });
});

describe("back-pain rule set: random answers (fast-check)", () => {
  const RED_FLAG_QUESTIONS = [
    "bowel_bladder_change",
    "saddle_numbness",
    "leg_weakness",
    "leg_numbness_tingling",
    "severe_unrelenting_pain",
    "fever_chills",
    "unexplained_weight_loss",
    "recent_trauma",
    "pain_radiates_leg",
  ];
  const booleanFacts = ruleSet.facts.filter((f) => f.type === "boolean").map((f) => f.id);
  // Red flags are mostly answered "no" so that self-care rules (which need many
  // "no" answers) are reached often enough for the property to mean something.
  const redFlagAnswer: fc.Arbitrary<AnswerValue | null> = fc.oneof(
    { weight: 10, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  const answerArbitraries: Record<string, fc.Arbitrary<AnswerValue | null>> = {
    ...Object.fromEntries(
      booleanFacts.map((id) => [id, RED_FLAG_QUESTIONS.includes(id) ? redFlagAnswer : fc.constantFrom<AnswerValue | null>(true, false, null)]),
    ),
    symptom_duration_hours: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 2000 })),
  };
  const answersArbitrary: fc.Arbitrary<AnswerMap> = fc.record(answerArbitraries);

  it("self-care is only ever given when every red flag is answered no", () => {
    fc.assert(
      fc.property(answersArbitrary, (answers) => {
        const result = evaluate(compiled, answers, { trace: false });
        if (result.disposition?.id !== "self_care") return;
        for (const fact of RED_FLAG_QUESTIONS) expect(answers[fact], fact).toBe(false);
      }),
      { numRuns: 5000, seed: 20240611 },
    );
  });

  it("any red flag, whatever else is answered, gives at least its own disposition", () => {
    fc.assert(
      fc.property(answersArbitrary, fc.constantFrom(...redFlagRules), (answers, rule) => {
        const result = evaluate(compiled, { ...answers, ...redFlagTrigger(rule.when) }, { trace: false });
        expect(rank(result.disposition?.id)).toBeLessThanOrEqual(rank(rule.disposition));
      }),
      { numRuns: 1000, seed: 20240612 },
    );
  });
});

describe("back-pain content review document", () => {
  it("docs/content-review-back-pain.md is regenerated from the content (npx tsx scripts/content-review.ts --write)", () => {
    const committed = readFileSync(path.join(ROOT, "docs/content-review-back-pain.md"), "utf8");
    expect(committed).toBe(renderContentReviewFromFiles());
  });
});
