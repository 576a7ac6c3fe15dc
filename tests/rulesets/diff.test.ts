import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { parseRuleSet, type Condition, type RuleSet, type RuleSetInput } from "@/lib/engine/schema";
import {
  RuleSetDiffSchema,
  SUMMARY_MAX_LENGTH,
  diffCounts,
  diffProse,
  diffRuleSets,
  isEmptyDiff,
  summarizeDiff,
  type RuleSetDiff,
} from "@/lib/rulesets/diff";
import { RulesetDiffView } from "@/components/ruleset-diff/ruleset-diff-view";

const yes = (fact: string): Condition => ({ fact, op: "eq", value: true });

/** A small back-pain set: three dispositions (most urgent first), facts of every type, two rules. */
function baseInput(): RuleSetInput {
  return {
    schemaVersion: 1,
    metadata: { slug: "back-pain", title: "Back pain", description: "Adult back pain", audience: "Adults" },
    facts: [
      { id: "bladder", type: "boolean", label: "loss of bladder control", question: "Any loss of bladder control?" },
      { id: "saddle", type: "boolean", label: "saddle numbness", question: "Numbness in the saddle area?" },
      { id: "fever", type: "boolean", label: "fever", question: "Do you have a fever?", help: "38 °C or more" },
      { id: "duration", type: "number", unit: "days", min: 0, max: 365, label: "pain duration", question: "How many days?" },
      {
        id: "onset",
        type: "singleChoice",
        label: "onset",
        question: "How did it start?",
        options: [
          { id: "sudden", label: "suddenly" },
          { id: "gradual", label: "gradually" },
        ],
      },
    ],
    dispositions: [
      { id: "emergency", label: "Emergency", action: "Go to the emergency department now", guidance: ["g_emergency"] },
      { id: "see_doctor", label: "See a doctor", action: "Book an appointment within a week" },
      { id: "self_care", label: "Self-care", action: "Manage at home", guidance: ["g_heat"] },
    ],
    defaultDisposition: "self_care",
    rules: [
      {
        id: "cauda_equina",
        title: "Cauda equina warning signs",
        when: { any: [yes("bladder"), yes("saddle")] },
        disposition: "emergency",
        guidance: ["g_emergency"],
        rationale: "Compression of the cauda equina needs surgery within hours.",
        citations: [{ source: "nice_ng59.txt", statement: "Refer immediately if cauda equina syndrome is suspected." }],
        tags: ["red-flag"],
      },
      {
        id: "long_pain",
        title: "Pain for more than six weeks",
        when: { fact: "duration", op: "gt", value: 42 },
        disposition: "see_doctor",
      },
    ],
    guidance: [
      { id: "g_emergency", title: "Emergency", body: "Call the emergency number now." },
      { id: "g_heat", title: "Heat and cold", body: "Use a warm pack for 20 minutes at a time.", locale: "en" },
    ],
  };
}

function edit(change: (doc: RuleSetInput) => void): { before: RuleSet; after: RuleSet } {
  const input = baseInput();
  const before = parseRuleSet(input);
  const copy = structuredClone(input);
  change(copy);
  return { before, after: parseRuleSet(copy) };
}

function diffOf(change: (doc: RuleSetInput) => void): RuleSetDiff {
  const { before, after } = edit(change);
  return diffRuleSets(before, after);
}

function rule(doc: RuleSetInput, id: string) {
  const found = doc.rules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

function fact(doc: RuleSetInput, id: string) {
  const found = doc.facts.find((f) => f.id === id);
  if (!found) throw new Error(`no fact ${id}`);
  return found;
}

describe("diffRuleSets: no changes and first versions", () => {
  it("finds nothing between a document and itself", () => {
    const doc = parseRuleSet(baseInput());
    const diff = diffRuleSets(doc, structuredClone(doc));
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diffCounts(diff).total).toBe(0);
    expect(summarizeDiff(diff)).toBe("No changes");
    expect(diff.urgencyReductions).toEqual([]);
  });

  it("treats a missing default as the default (stored drafts may lack them)", () => {
    const input = baseInput();
    const parsed = parseRuleSet(input);
    delete rule(input, "long_pain").guidance;
    delete input.guidance![0].citations;
    expect(isEmptyDiff(diffRuleSets(parsed, input))).toBe(true);
  });

  it("lists everything as added when there is no earlier version", () => {
    const doc = parseRuleSet(baseInput());
    const diff = diffRuleSets(null, doc);
    expect(diff.firstVersion).toBe(true);
    expect(diff.rules.added.map((r) => r.id)).toEqual(["cauda_equina", "long_pain"]);
    expect(diff.facts.added).toHaveLength(5);
    expect(diff.dispositions.added.map((d) => d.position)).toEqual([1, 2, 3]);
    expect(diff.guidance.added).toHaveLength(2);
    expect(diff.rules.removed).toEqual([]);
    expect(diff.urgencyReductions).toEqual([]);
    expect(diff.metadata.title).toEqual({ before: null, after: "Back pain" });
    expect(diff.defaultDisposition).toMatchObject({ before: null, after: { id: "self_care", name: "Self-care" } });
    expect(diff.rules.added[0]).toEqual({
      id: "cauda_equina",
      title: "Cauda equina warning signs",
      condition: "Loss of bladder control is yes OR saddle numbness is yes",
      disposition: { id: "emergency", name: "Emergency" },
      enabled: true,
      position: 1,
    });
    expect(summarizeDiff(diff)).toBe("New rule set: 2 rules, 5 facts, 3 dispositions, 2 guidance texts");
  });
});

describe("diffRuleSets: rules", () => {
  it("reports an added rule with its condition as a sentence", () => {
    const diff = diffOf((doc) => {
      doc.rules.push({ id: "fever_pain", title: "Back pain with fever", when: { all: [yes("fever"), { fact: "onset", op: "eq", value: "sudden" }] }, disposition: "see_doctor" });
    });
    expect(diff.rules.added).toEqual([
      {
        id: "fever_pain",
        title: "Back pain with fever",
        condition: "Fever is yes AND onset is suddenly",
        disposition: { id: "see_doctor", name: "See a doctor" },
        enabled: true,
        position: 3,
      },
    ]);
    expect(diff.urgencyReductions).toEqual([]);
    expect(summarizeDiff(diff)).toBe("1 rule added");
  });

  it("reports a removed rule, and warns when it could lead somewhere urgent", () => {
    const diff = diffOf((doc) => {
      doc.rules = doc.rules.filter((r) => r.id !== "cauda_equina");
    });
    expect(diff.rules.removed.map((r) => r.id)).toEqual(["cauda_equina"]);
    expect(diff.urgencyReductions).toEqual([
      {
        kind: "ruleRemoved",
        id: "cauda_equina",
        message: "Rule “Cauda equina warning signs” (leading to “Emergency”) was removed: people it caught may now get a less urgent result.",
      },
    ]);
    expect(summarizeDiff(diff)).toBe("1 rule removed (1 could lower urgency)");
  });

  it("does not warn about removing a rule that leads to the least urgent disposition", () => {
    const input = baseInput();
    rule(input, "long_pain").disposition = "self_care";
    const before = parseRuleSet(input);
    const after = structuredClone(before);
    after.rules = after.rules.filter((r) => r.id !== "long_pain");
    const diff = diffRuleSets(before, after);
    expect(diff.rules.removed.map((r) => r.id)).toEqual(["long_pain"]);
    expect(diff.urgencyReductions).toEqual([]);
    expect(summarizeDiff(diff)).toBe("1 rule removed");
  });

  it("shows a condition change as before and after sentences", () => {
    const diff = diffOf((doc) => {
      rule(doc, "long_pain").when = { fact: "duration", op: "gte", value: 28 };
    });
    expect(diff.rules.changed).toHaveLength(1);
    expect(diff.rules.changed[0].changes).toEqual({
      condition: { before: "Pain duration is more than 42 days", after: "Pain duration is at least 28 days", structureChanged: true },
    });
  });

  it("marks a wording-only condition change when a question is relabelled", () => {
    const diff = diffOf((doc) => {
      fact(doc, "saddle").label = "numbness between the legs";
    });
    const cauda = diff.rules.changed.find((r) => r.id === "cauda_equina");
    expect(cauda?.changes.condition).toEqual({
      before: "Loss of bladder control is yes OR saddle numbness is yes",
      after: "Loss of bladder control is yes OR numbness between the legs is yes",
      structureChanged: false,
    });
    expect(diff.facts.changed[0].changes.label).toEqual({ before: "saddle numbness", after: "numbness between the legs" });
  });

  it("reports title, guidance, rationale, citations, switch and tags", () => {
    const diff = diffOf((doc) => {
      const r = rule(doc, "cauda_equina");
      r.title = "Cauda equina syndrome";
      r.guidance = ["g_heat"];
      r.rationale = "Compression of the cauda equina needs surgery within 48 hours.";
      r.citations = [{ source: "nice_ng59.txt", statement: "Refer immediately." }];
      r.tags = ["red-flag", "neuro"];
      const other = rule(doc, "long_pain");
      other.enabled = false;
    });
    const cauda = diff.rules.changed.find((r) => r.id === "cauda_equina")!;
    expect(cauda.title).toBe("Cauda equina syndrome");
    expect(cauda.changes.title).toEqual({ before: "Cauda equina warning signs", after: "Cauda equina syndrome" });
    expect(cauda.changes.guidance).toEqual({
      added: [{ id: "g_heat", name: "Heat and cold" }],
      removed: [{ id: "g_emergency", name: "Emergency" }],
      reordered: false,
    });
    expect(cauda.changes.rationale?.segments).toEqual([
      { kind: "same", text: "Compression of the cauda equina needs surgery within " },
      { kind: "added", text: "48 " },
      { kind: "same", text: "hours." },
    ]);
    expect(cauda.changes.citations).toEqual({
      added: [{ source: "nice_ng59.txt", statement: "Refer immediately." }],
      removed: [{ source: "nice_ng59.txt", statement: "Refer immediately if cauda equina syndrome is suspected." }],
      reordered: false,
    });
    expect(cauda.changes.tags).toEqual({ added: ["neuro"], removed: [], reordered: false });
    const long = diff.rules.changed.find((r) => r.id === "long_pain")!;
    expect(long.changes).toEqual({ enabled: { before: true, after: false } });
    expect(diff.urgencyReductions.map((u) => [u.kind, u.id])).toEqual([["ruleDisabled", "long_pain"]]);
  });

  it("flags a rule whose disposition became less urgent", () => {
    const diff = diffOf((doc) => {
      rule(doc, "cauda_equina").disposition = "see_doctor";
    });
    const change = diff.rules.changed[0];
    expect(change.changes.disposition).toEqual({
      before: { id: "emergency", name: "Emergency" },
      after: { id: "see_doctor", name: "See a doctor" },
      urgencyReduced: true,
      urgencyIncreased: false,
    });
    expect(diff.urgencyReductions).toEqual([
      { kind: "ruleDisposition", id: "cauda_equina", message: "Rule “Cauda equina warning signs” now leads to “See a doctor” instead of “Emergency”." },
    ]);
    expect(summarizeDiff(diff)).toBe("1 rule changed (1 with lower urgency)");
  });

  it("does not flag a rule whose disposition became more urgent", () => {
    const diff = diffOf((doc) => {
      rule(doc, "long_pain").disposition = "emergency";
    });
    expect(diff.rules.changed[0].changes.disposition).toMatchObject({ urgencyReduced: false, urgencyIncreased: true });
    expect(diff.urgencyReductions).toEqual([]);
    expect(summarizeDiff(diff)).toBe("1 rule changed");
  });

  it("judges urgency by the newer version's order", () => {
    // The rule keeps "see_doctor", but see_doctor and emergency swapped: the rule
    // is unchanged, the reorder itself is the reduction.
    const diff = diffOf((doc) => {
      rule(doc, "long_pain").disposition = "emergency";
      doc.dispositions = [doc.dispositions[1], doc.dispositions[0], doc.dispositions[2]];
    });
    // emergency is now ranked 2nd, below see_doctor: see_doctor → emergency is a reduction.
    expect(diff.rules.changed[0].changes.disposition).toMatchObject({ urgencyReduced: true });
  });

  it("reports a moved rule once, not every rule shifted by it", () => {
    const diff = diffOf((doc) => {
      doc.rules.push({ id: "r3", title: "Third", when: yes("fever"), disposition: "see_doctor" });
      doc.rules.push({ id: "r4", title: "Fourth", when: yes("fever"), disposition: "see_doctor" });
      const [first] = doc.rules.splice(0, 1);
      doc.rules.push(first);
    });
    // Before: cauda, long, (r3, r4 are new). After: long, r3, r4, cauda.
    expect(diff.rules.changed).toEqual([
      {
        id: "cauda_equina",
        title: "Cauda equina warning signs",
        disposition: { id: "emergency", name: "Emergency" },
        moved: { fromPosition: 1, toPosition: 4 },
        changes: {},
      },
    ]);
    expect(diffCounts(diff).rules).toEqual({ added: 2, removed: 0, changed: 0, moved: 1 });
    expect(summarizeDiff(diff)).toBe("2 rules added, 1 rule moved");
  });

  it("keeps an edit to a second copy of a repeated id visible", () => {
    const input = baseInput();
    input.rules.push({ ...structuredClone(input.rules[0]) });
    const before = parseRuleSet(input);
    const after = structuredClone(before);
    after.rules[2].title = "Copy, being edited";
    const diff = diffRuleSets(before, after);
    expect(isEmptyDiff(diff)).toBe(false);
    expect(diff.rules.changed[0].changes.title).toEqual({ before: "Cauda equina warning signs", after: "Copy, being edited" });
  });
});

describe("diffRuleSets: facts", () => {
  it("reports added and removed questions", () => {
    const diff = diffOf((doc) => {
      doc.facts = doc.facts.filter((f) => f.id !== "fever");
      doc.facts.push({
        id: "night_pain",
        type: "boolean",
        label: "pain at night",
        question: "Is the pain worse at night?",
        askWhen: { fact: "duration", op: "gt", value: 7 },
      });
    });
    expect(diff.facts.removed.map((f) => f.id)).toEqual(["fever"]);
    expect(diff.facts.added).toEqual([
      {
        id: "night_pain",
        name: "pain at night",
        question: "Is the pain worse at night?",
        type: "yes/no",
        details: null,
        askWhen: "Pain duration is more than 7 days",
        position: 5,
      },
    ]);
  });

  it("reports question, help, unit, limits, options and follow-up changes", () => {
    const diff = diffOf((doc) => {
      const duration = fact(doc, "duration");
      if (duration.type !== "number") throw new Error("type");
      duration.question = "How many weeks?";
      duration.unit = "weeks";
      duration.max = 52;
      delete duration.min;
      const fever = fact(doc, "fever");
      delete fever.help;
      fever.askWhen = { fact: "onset", op: "eq", value: "sudden" };
      const onset = fact(doc, "onset");
      if (onset.type !== "singleChoice") throw new Error("type");
      onset.options = [
        { id: "gradual", label: "slowly" },
        { id: "sudden", label: "suddenly" },
        { id: "injury", label: "after an injury" },
      ];
    });
    const byId = new Map(diff.facts.changed.map((f) => [f.id, f]));
    expect(byId.get("duration")?.changes).toEqual({
      question: { before: "How many days?", after: "How many weeks?" },
      unit: { before: "days", after: "weeks" },
      min: { before: 0, after: null },
      max: { before: 365, after: 52 },
    });
    expect(byId.get("fever")?.changes).toEqual({
      help: { before: "38 °C or more", after: null },
      askWhen: { before: null, after: "Onset is suddenly", structureChanged: true },
    });
    expect(byId.get("onset")?.changes.options).toEqual({
      added: [{ id: "injury", label: "after an injury" }],
      removed: [],
      relabelled: [{ id: "gradual", before: "gradually", after: "slowly" }],
      reordered: true,
    });
    // The rule did not change, but its sentence did: "42" now means weeks.
    expect(diff.rules.changed.map((r) => [r.id, r.changes])).toEqual([
      [
        "long_pain",
        { condition: { before: "Pain duration is more than 42 days", after: "Pain duration is more than 42 weeks", structureChanged: false } },
      ],
    ]);
    expect(summarizeDiff(diff)).toBe("1 rule changed, 3 facts changed");
  });

  it("reports a change of answer type in words", () => {
    const diff = diffOf((doc) => {
      doc.facts[2] = { id: "fever", type: "number", unit: "°C", label: "fever", question: "Do you have a fever?", help: "38 °C or more" };
    });
    expect(diff.facts.changed[0].changes).toEqual({
      type: { before: "yes/no", after: "number" },
      unit: { before: null, after: "°C" },
    });
  });
});

describe("diffRuleSets: dispositions", () => {
  it("reports added, removed and edited dispositions", () => {
    const diff = diffOf((doc) => {
      doc.dispositions.splice(1, 0, { id: "urgent_care", label: "Urgent care", action: "Go to urgent care today" });
      doc.dispositions = doc.dispositions.filter((d) => d.id !== "see_doctor");
      doc.dispositions[2].action = "Rest and keep moving";
      doc.dispositions[2].guidance = [];
    });
    expect(diff.dispositions.added).toEqual([{ id: "urgent_care", label: "Urgent care", action: "Go to urgent care today", position: 2 }]);
    expect(diff.dispositions.removed).toEqual([{ id: "see_doctor", label: "See a doctor", action: "Book an appointment within a week", position: 2 }]);
    expect(diff.dispositions.changed).toEqual([
      {
        id: "self_care",
        label: "Self-care",
        changes: {
          action: { before: "Manage at home", after: "Rest and keep moving" },
          guidance: { added: [], removed: [{ id: "g_heat", name: "Heat and cold" }], reordered: false },
        },
      },
    ]);
    // Adding one at the top shifts positions but changes nobody's relative urgency.
    expect(diff.dispositions.changed.every((d) => d.moved === undefined)).toBe(true);
  });

  it("reports a reorder and flags the disposition that lost urgency", () => {
    const diff = diffOf((doc) => {
      doc.dispositions = [doc.dispositions[1], doc.dispositions[0], doc.dispositions[2]];
    });
    const byId = new Map(diff.dispositions.changed.map((d) => [d.id, d]));
    expect(byId.get("emergency")?.moved).toEqual({
      fromPosition: 1,
      toPosition: 2,
      nowLessUrgentThan: [{ id: "see_doctor", name: "See a doctor" }],
      nowMoreUrgentThan: [],
      urgencyReduced: true,
    });
    expect(byId.get("see_doctor")?.moved).toMatchObject({ fromPosition: 2, toPosition: 1, urgencyReduced: false });
    expect(byId.has("self_care")).toBe(false);
    expect(diff.urgencyReductions).toEqual([
      { kind: "dispositionOrder", id: "emergency", message: "“Emergency” now ranks as less urgent than “See a doctor”." },
    ]);
    expect(summarizeDiff(diff)).toBe("Urgency order changed (“Emergency” now less urgent)");
  });

  it("flags a less urgent default disposition", () => {
    const lower = diffOf((doc) => {
      doc.defaultDisposition = "see_doctor";
      doc.dispositions = [doc.dispositions[0], doc.dispositions[2], doc.dispositions[1]];
    });
    expect(lower.defaultDisposition).toEqual({
      before: { id: "self_care", name: "Self-care" },
      after: { id: "see_doctor", name: "See a doctor" },
      urgencyReduced: true,
      urgencyIncreased: false,
    });
    expect(lower.urgencyReductions.map((u) => u.kind)).toContain("defaultDisposition");

    const higher = diffOf((doc) => {
      doc.defaultDisposition = "see_doctor";
    });
    expect(higher.defaultDisposition).toMatchObject({ urgencyReduced: false, urgencyIncreased: true });
    expect(higher.urgencyReductions).toEqual([]);
    expect(summarizeDiff(higher)).toBe("Default disposition now “See a doctor”");

    const none = diffOf((doc) => {
      delete doc.defaultDisposition;
    });
    expect(none.defaultDisposition).toMatchObject({ after: null, urgencyReduced: false });
  });
});

describe("diffRuleSets: guidance and metadata", () => {
  it("diffs a guidance body word by word", () => {
    const diff = diffOf((doc) => {
      doc.guidance![1].body = "Use a warm pack or a cold pack for 20 minutes at a time.";
    });
    expect(diff.guidance.changed).toHaveLength(1);
    const body = diff.guidance.changed[0].changes.body!;
    expect(body.segments).toEqual([
      { kind: "same", text: "Use a warm pack " },
      { kind: "added", text: "or a cold pack " },
      { kind: "same", text: "for 20 minutes at a time." },
    ]);
    expect(summarizeDiff(diff)).toBe("Guidance “Heat and cold” edited");
  });

  it("reports added and removed guidance, titles, locales and citations", () => {
    const diff = diffOf((doc) => {
      doc.guidance = [
        { ...doc.guidance![0], title: "Emergency help", locale: "en-GB", citations: [{ source: "nhs.txt", statement: "Call now." }] },
        { id: "g_exercise", title: "Keep moving", body: "Gentle walking helps." },
      ];
    });
    expect(diff.guidance.added).toEqual([{ id: "g_exercise", title: "Keep moving", locale: null, body: "Gentle walking helps." }]);
    expect(diff.guidance.removed.map((g) => g.id)).toEqual(["g_heat"]);
    expect(diff.guidance.changed[0].changes).toEqual({
      title: { before: "Emergency", after: "Emergency help" },
      locale: { before: null, after: "en-GB" },
      citations: { added: [{ source: "nhs.txt", statement: "Call now." }], removed: [], reordered: false },
    });
    expect(summarizeDiff(diff)).toBe("Guidance “Emergency help” edited, guidance “Keep moving” added, guidance “Heat and cold” removed");
  });

  it("reports metadata changes", () => {
    const diff = diffOf((doc) => {
      doc.metadata.title = "Low back pain";
      doc.metadata.audience = "";
      doc.metadata.locales = ["en", "fr"];
    });
    expect(diff.metadata).toEqual({
      title: { before: "Back pain", after: "Low back pain" },
      audience: { before: "Adults", after: null },
      locales: { added: ["fr"], removed: [], reordered: false },
    });
    expect(summarizeDiff(diff)).toBe("Details edited (title, audience, languages)");
  });

  it("reports the patient summary, so a summary-only edit is saved", () => {
    const diff = diffOf((doc) => {
      doc.metadata.summary = "For adults with back pain.";
    });
    expect(diff.metadata).toEqual({ summary: { before: null, after: "For adults with back pain." } });
    expect(isEmptyDiff(diff)).toBe(false);
  });
});

describe("diffRuleSets: invariants", () => {
  const saddle = { id: "saddle_emergency", kind: "atLeast" as const, when: yes("saddle"), disposition: "emergency", rationale: "Cauda equina", citations: [] };

  it("an invariant-only edit is a change (so saving it is not skipped), with its statement", () => {
    const diff = diffOf((doc) => {
      doc.invariants = [saddle];
    });
    expect(isEmptyDiff(diff)).toBe(false);
    expect(diff.invariants.added).toEqual([{ id: "saddle_emergency", statement: "Whenever saddle numbness is yes, the disposition is “Emergency”.", position: 1 }]);
    expect(summarizeDiff(diff)).toBe("1 invariant added");
    expect(diff.urgencyReductions).toEqual([]);
  });

  it("flags a removed or weakened invariant for the reviewer", () => {
    const start = { ...baseInput(), invariants: [saddle] };
    const removed = diffRuleSets(parseRuleSet(start), parseRuleSet({ ...start, invariants: [] }));
    expect(removed.urgencyReductions.map((r) => r.kind)).toEqual(["invariantRemoved"]);
    expect(summarizeDiff(removed)).toBe("1 invariant removed");

    const weaker = diffRuleSets(parseRuleSet(start), parseRuleSet({ ...start, invariants: [{ ...saddle, disposition: "see_doctor" }] }));
    expect(weaker.invariants.changed[0].changes.disposition).toMatchObject({ urgencyReduced: true });
    expect(weaker.urgencyReductions[0]).toMatchObject({ kind: "invariantWeakened", id: "saddle_emergency" });
    expect(summarizeDiff(weaker)).toBe("1 invariant changed (1 to check)");

    const reworded = diffRuleSets(parseRuleSet(start), parseRuleSet({ ...start, invariants: [{ ...saddle, when: { any: [yes("saddle"), yes("bladder")] } }] }));
    expect(reworded.invariants.changed[0].changes.statement?.after).toContain("OR");
    expect(reworded.urgencyReductions.map((r) => r.kind)).toEqual(["invariantWeakened"]);

    const view = renderToStaticMarkup(createElement(RulesetDiffView, { diff: weaker, fromLabel: "v1", toLabel: "draft" }));
    expect(view).toContain("Safety invariants");
    expect(view).toContain("It now asks for less urgency.");
  });
});

describe("diffProse", () => {
  it("loses no text: joined segments give both versions back", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), (a, b) => {
        const segments = diffProse(a, b);
        expect(segments.filter((s) => s.kind !== "added").map((s) => s.text).join("")).toBe(a);
        expect(segments.filter((s) => s.kind !== "removed").map((s) => s.text).join("")).toBe(b);
      }),
    );
  });

  it("reads a rewritten phrase as one removal and one addition", () => {
    expect(diffProse("Rest the cat today.", "Rest a dog today.")).toEqual([
      { kind: "same", text: "Rest " },
      { kind: "removed", text: "the cat" },
      { kind: "added", text: "a dog" },
      { kind: "same", text: " today." },
    ]);
  });
});

describe("summarizeDiff", () => {
  it("puts urgency reductions first and stays short", () => {
    const diff = diffOf((doc) => {
      for (let i = 0; i < 30; i++) doc.rules.push({ id: `extra_${i}`, title: `Extra ${i}`, when: yes("fever"), disposition: "see_doctor" });
      for (let i = 0; i < 5; i++) doc.facts.push({ id: `extra_fact_${i}`, type: "boolean", question: `Extra question ${i}?` });
      doc.guidance![0].body = "Changed.";
      doc.guidance![1].body = "Changed too.";
      doc.metadata.title = "A new title";
      doc.metadata.description = "A new description";
      doc.defaultDisposition = "see_doctor";
      doc.dispositions[0].label = "Emergency department";
      rule(doc, "cauda_equina").disposition = "self_care";
    });
    const summary = summarizeDiff(diff);
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_LENGTH);
    expect(summary.startsWith("1 rule changed (1 with lower urgency)")).toBe(true);
    expect(summary).toBe(
      "1 rule changed (1 with lower urgency), 30 rules added, 5 facts added, 1 disposition changed, 2 guidance texts edited, default disposition now “See a doctor”, details edited (title, description)",
    );
  });

  it("truncates with a count of what was left out", () => {
    const diff = diffOf((doc) => {
      const long = "A very long guidance title that goes on and on and on";
      doc.guidance = [
        { id: "g_emergency", title: long, body: "x" },
        { id: "g_heat", title: long, body: "y" },
        { id: "g_a", title: long, body: "z" },
      ];
      doc.rules.push({ id: "extra", title: "Extra", when: yes("fever"), disposition: "see_doctor" });
      doc.facts.push({ id: "extra_fact", type: "boolean", question: "Extra?" });
      doc.dispositions.push({ id: "other", label: "Other", action: "Other" });
      doc.metadata.title = "New";
      doc.defaultDisposition = "emergency";
      doc.rules = doc.rules.filter((r) => r.id !== "long_pain");
      doc.facts = doc.facts.filter((f) => f.id !== "fever");
    });
    const summary = summarizeDiff(diff);
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_LENGTH);
    expect(summary).toMatch(/^1 rule added, 1 rule removed \(1 could lower urgency\)|^1 rule removed \(1 could lower urgency\)/);
    expect(summary).toMatch(/ and \d+ more$/);
  });
});

describe("RuleSetDiff as data", () => {
  function bigDiff(): RuleSetDiff {
    return diffOf((doc) => {
      rule(doc, "cauda_equina").disposition = "see_doctor";
      rule(doc, "long_pain").when = { not: yes("fever") };
      doc.facts.push({ id: "night_pain", type: "boolean", question: "Worse at night?" });
      doc.dispositions = [doc.dispositions[1], doc.dispositions[0], doc.dispositions[2]];
      doc.guidance![1].body = "Use a cold pack.";
      doc.metadata.description = "";
      delete doc.defaultDisposition;
    });
  }

  it("survives a JSON round trip unchanged", () => {
    for (const diff of [bigDiff(), diffRuleSets(null, parseRuleSet(baseInput()))]) {
      expect(JSON.parse(JSON.stringify(diff))).toStrictEqual(diff);
    }
  });

  it("matches RuleSetDiffSchema exactly", () => {
    for (const diff of [bigDiff(), diffRuleSets(null, parseRuleSet(baseInput()))]) {
      expect(RuleSetDiffSchema.parse(diff)).toStrictEqual(diff);
    }
  });

  it("is fast for a 200-rule set", () => {
    const input = baseInput();
    for (let i = 0; i < 200; i++) {
      input.rules.push({
        id: `rule_${i}`,
        title: `Rule ${i}`,
        when: { all: [yes("fever"), { any: [yes("bladder"), { fact: "duration", op: "gt", value: i }] }] },
        disposition: i % 2 ? "see_doctor" : "self_care",
        rationale: `Because of reason number ${i} in the guideline.`,
      });
    }
    const before = parseRuleSet(input);
    const after = structuredClone(before);
    for (let i = 0; i < after.rules.length; i += 3) {
      after.rules[i].title += " (edited)";
      after.rules[i].rationale += " Reviewed.";
    }
    after.rules.reverse();
    diffRuleSets(before, after); // warm-up
    const start = performance.now();
    const diff = diffRuleSets(before, after);
    const elapsed = performance.now() - start;
    expect(diff.rules.changed.length).toBeGreaterThan(100);
    // Generous for loaded CI machines; typically a few milliseconds.
    expect(elapsed).toBeLessThan(200);
  });
});

describe("properties", () => {
  const FACT_IDS = ["f_a", "f_b", "f_c", "f_d"];
  const DISPOSITION_IDS = ["emergency", "see_doctor", "self_care"];

  const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ condition: Condition }>((tie) => ({
    condition: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.record({ fact: fc.constantFrom(...FACT_IDS), op: fc.constant("eq" as const), value: fc.boolean() }),
      fc.record({ all: fc.array(tie("condition"), { maxLength: 3 }) }),
      fc.record({ any: fc.array(tie("condition"), { maxLength: 3 }) }),
      fc.record({ not: tie("condition") }),
    ),
  })).condition;

  const documentArb: fc.Arbitrary<RuleSet> = fc
    .record({
      rules: fc.uniqueArray(
        fc.record({
          id: fc.integer({ min: 0, max: 999 }).map((n) => `rule_${n}`),
          title: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0),
          when: conditionArb,
          disposition: fc.constantFrom(...DISPOSITION_IDS),
          enabled: fc.boolean(),
        }),
        { selector: (r) => r.id, maxLength: 12 },
      ),
      bodies: fc.array(fc.lorem({ maxCount: 12 }), { minLength: 2, maxLength: 2 }),
    })
    .map(({ rules, bodies }) =>
      parseRuleSet({
        schemaVersion: 1,
        metadata: { slug: "generated", title: "Generated" },
        facts: FACT_IDS.map((id) => ({ id, type: "boolean", question: `Question ${id}?` })),
        dispositions: DISPOSITION_IDS.map((id) => ({ id, label: id, action: `Do ${id}` })),
        rules,
        guidance: bodies.map((body, i) => ({ id: `g_${i}`, title: `Guidance ${i}`, body })),
      }),
    );

  it("finds no difference between a document and a copy of it", () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        const diff = diffRuleSets(doc, structuredClone(doc));
        expect(isEmptyDiff(diff)).toBe(true);
        expect(summarizeDiff(diff)).toBe("No changes");
      }),
    );
  });

  it("counts changed rules, and those with lower urgency, correctly in the summary", () => {
    const editArb = fc.constantFrom("title", "condition", "disposition");
    fc.assert(
      fc.property(documentArb, fc.array(fc.tuple(fc.nat(), editArb)), (doc, edits) => {
        const after = structuredClone(doc);
        const edited = new Set<number>();
        let lowered = 0;
        for (const [n, kind] of edits) {
          if (after.rules.length === 0) break;
          const i = n % after.rules.length;
          if (edited.has(i)) continue;
          edited.add(i);
          const r = after.rules[i];
          if (kind === "title") r.title += " (edited)";
          else if (kind === "condition") r.when = { not: r.when };
          else {
            const was = DISPOSITION_IDS.indexOf(r.disposition);
            const now = (was + 1 + (n % 2)) % DISPOSITION_IDS.length;
            r.disposition = DISPOSITION_IDS[now];
            if (now > was) lowered++;
          }
        }
        const diff = diffRuleSets(doc, after);
        const summary = summarizeDiff(diff);
        expect(diffCounts(diff).rules.changed).toBe(edited.size);
        if (edited.size === 0) {
          expect(summary).toBe("No changes");
          return;
        }
        const noun = edited.size === 1 ? "rule" : "rules";
        const suffix = lowered > 0 ? ` (${lowered} with lower urgency)` : "";
        expect(summary).toBe(`${edited.size} ${noun} changed${suffix}`);
      }),
    );
  });
});

describe("RulesetDiffView", () => {
  const render = (diff: RuleSetDiff) => renderToStaticMarkup(createElement(RulesetDiffView, { diff, fromLabel: "v3 (published)", toLabel: "v4 (draft)" }));

  it("says so when there are no differences", () => {
    const doc = parseRuleSet(baseInput());
    expect(render(diffRuleSets(doc, doc))).toContain("No differences.");
  });

  it("puts urgency reductions first and shows changes with ins/del", () => {
    const html = render(
      diffOf((doc) => {
        rule(doc, "cauda_equina").disposition = "self_care";
        rule(doc, "long_pain").when = { fact: "duration", op: "gt", value: 28 };
        doc.facts.push({ id: "night_pain", type: "boolean", question: "Worse at night?" });
        doc.dispositions[1].action = "Book within two weeks";
        doc.guidance![1].body = "Use a cold pack for 20 minutes at a time.";
      }),
    );
    const alertAt = html.indexOf('data-testid="diff-urgency-reduction"');
    expect(alertAt).toBeGreaterThanOrEqual(0);
    expect(alertAt).toBeLessThan(html.indexOf('data-testid="diff-rule-cauda_equina"'));
    expect(html).toContain("Rule “Cauda equina warning signs” now leads to “Self-care” instead of “Emergency”.");
    for (const id of ["diff-rule-long_pain", "diff-fact-night_pain", "diff-disposition-see_doctor", "diff-guidance-g_heat"]) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    expect(html).toContain("Pain duration is more than 42 days");
    expect(html).toContain("Pain duration is more than 28 days");
    expect(html).toMatch(/<del[^>]*><span class="sr-only">\[removed: <\/span>warm<span/);
    expect(html).toMatch(/<ins[^>]*><span class="sr-only">\[added: <\/span>cold<span/);
    expect(html).toContain("v3 (published)");
  });
});
