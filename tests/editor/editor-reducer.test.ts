import { describe, expect, it } from "vitest";
import {
  applyOperatorChoice,
  choiceOf,
  defaultComparison,
  joinOperand,
  operatorChoices,
  readGroup,
  retargetComparison,
  unitChoices,
  writeGroup,
} from "@/components/ruleset-editor/condition-utils";
import {
  countFactUses,
  editorReducer,
  initEditorState,
  isDirty,
  type DocFact,
  type EditorAction,
  type EditorState,
} from "@/components/ruleset-editor/editor-reducer";
import { describePath, indexIssues, jsonPathFromDotted, pathAncestors, targetOf } from "@/components/ruleset-editor/lint-utils";
import { lintRuleSet } from "@/lib/engine/lint";
import { RuleSetSchema, type Condition, type RuleSetInput } from "@/lib/engine/schema";
import { makeRuleSet, yes } from "../engine/fixtures";

function start(doc: RuleSetInput = sample()): EditorState {
  return initEditorState({ initialDocument: doc, initialRevision: 3 });
}

function run(state: EditorState, ...actions: EditorAction[]): EditorState {
  return actions.reduce(editorReducer, state);
}

function sample(): RuleSetInput {
  return makeRuleSet(
    [
      { id: "cauda", when: { any: [yes("bladder"), yes("saddle")] }, disposition: "emergency", guidance: ["g_cauda"] },
      { id: "long", when: { fact: "duration", op: "gt", value: { value: 3, unit: "days" } }, disposition: "see_doctor" },
      { id: "onset_sudden", when: { fact: "onset", op: "in", values: ["sudden"] }, disposition: "see_doctor" },
    ],
    {
      defaultDisposition: "self_care",
      facts: [
        ...makeRuleSet([]).facts,
        { id: "numb_leg", type: "boolean", question: "Is your leg numb?", askWhen: { fact: "areas", op: "includes", value: "leg" } },
      ],
    },
  );
}

describe("editor reducer", () => {
  it("starts clean and becomes dirty on the first edit; saving the sent document cleans it", () => {
    const state = start();
    expect(isDirty(state)).toBe(false);
    const edited = run(state, { type: "metadata/set", field: "title", value: "Back pain" });
    expect(isDirty(edited)).toBe(true);
    expect(edited.doc.metadata.title).toBe("Back pain");
    const saved = run(edited, { type: "document/saved", revision: 4, savedDocument: edited.doc });
    expect(isDirty(saved)).toBe(false);
    expect(saved.revision).toBe(4);
  });

  it("keeps edits made while a save was in flight marked as unsaved", () => {
    const sent = run(start(), { type: "metadata/set", field: "title", value: "A" });
    const typedMore = run(sent, { type: "metadata/set", field: "title", value: "AB" });
    const saved = run(typedMore, { type: "document/saved", revision: 4, savedDocument: sent.doc });
    expect(isDirty(saved)).toBe(true);
  });

  it("returns the same state for no-op edits (no spurious unsaved state)", () => {
    const state = start();
    expect(run(state, { type: "metadata/set", field: "title", value: state.doc.metadata.title })).toBe(state);
    expect(run(state, { type: "rule/set", index: 0, field: "title", value: state.doc.rules[0].title })).toBe(state);
    expect(run(state, { type: "item/move", collection: "rules", index: 0, to: -1 })).toBe(state);
  });

  it("shares structure: editing one rule leaves the other rule objects untouched", () => {
    const state = start();
    const next = run(state, { type: "rule/set", index: 1, field: "title", value: "Longer than three days" });
    expect(next.doc.rules[0]).toBe(state.doc.rules[0]);
    expect(next.doc.rules[2]).toBe(state.doc.rules[2]);
    expect(next.doc.rules[1]).not.toBe(state.doc.rules[1]);
    expect(next.doc.facts).toBe(state.doc.facts);
  });

  it("adds items with unique ids and selects them", () => {
    let state = run(start(), { type: "rule/add" }, { type: "rule/add" });
    expect(state.doc.rules.map((r) => r.id).slice(-2)).toEqual(["rule_1", "rule_2"]);
    expect(state.selected.rules).toBe(4);
    expect(state.doc.rules[4]).toMatchObject({ title: "New rule", when: { all: [] }, disposition: "emergency", enabled: true });
    state = run(state, { type: "fact/add" }, { type: "disposition/add" }, { type: "guidance/add" });
    expect(state.doc.facts.at(-1)).toMatchObject({ id: "question_1", type: "boolean" });
    expect(state.selected.facts).toBe(state.doc.facts.length - 1);
    expect(state.doc.dispositions.at(-1)?.id).toBe("disposition_1");
    expect(state.doc.guidance?.at(-1)?.id).toBe("guidance_1");
    expect(RuleSetSchema.safeParse(state.doc).success).toBe(true);
  });

  it("duplicates a rule right after itself with a unique _copy id", () => {
    const state = run(start(), { type: "rule/duplicate", index: 0 }, { type: "rule/duplicate", index: 0 });
    expect(state.doc.rules.map((r) => r.id)).toEqual(["cauda", "cauda_copy_2", "cauda_copy", "long", "onset_sudden"]);
    expect(state.doc.rules[1].title).toBe("Rule cauda (copy)");
    expect(state.doc.rules[1].when).toEqual(state.doc.rules[0].when);
    expect(state.selected.rules).toBe(1);
  });

  it("moves items and keeps the moved item selected; removing clamps the selection", () => {
    let state = run(start(), { type: "item/move", collection: "dispositions", index: 2, to: 1 });
    expect(state.doc.dispositions.map((d) => d.id)).toEqual(["emergency", "self_care", "see_doctor"]);
    expect(state.selected.dispositions).toBe(1);
    state = run(state, { type: "select", collection: "rules", index: 2 }, { type: "item/remove", collection: "rules", index: 2 });
    expect(state.doc.rules).toHaveLength(2);
    expect(state.selected.rules).toBe(1);
  });

  it("renames references when a question id changes, letter by letter", () => {
    const renamed = "bladder_control".split("").reduce<EditorState>(
      (state, _, i) => run(state, { type: "fact/set", index: 1, field: "id", value: "bladder_control".slice(0, i + 1) }),
      run(start(), { type: "fact/set", index: 1, field: "id", value: "bladder_" }),
    );
    expect(renamed.doc.facts[1].id).toBe("bladder_control");
    expect(renamed.doc.rules[0].when).toEqual({ any: [yes("bladder_control"), yes("saddle")] });
    expect(lintRuleSet(renamed.doc).filter((i) => i.code === "unknown-fact")).toEqual([]);
  });

  it("does not merge references when a typed id collides with another question's id", () => {
    // "bladder" → "saddle" would otherwise point the bladder comparison at saddle.
    const state = run(start(), { type: "fact/set", index: 1, field: "id", value: "saddle" });
    expect(state.doc.rules[0].when).toEqual({ any: [yes("bladder"), yes("saddle")] });
  });

  it("renames option, disposition and guidance references", () => {
    const state = run(
      start(),
      { type: "option/set", factIndex: 6, optionIndex: 0, field: "id", value: "abrupt" },
      { type: "option/set", factIndex: 7, optionIndex: 1, field: "id", value: "thigh" },
      { type: "disposition/set", index: 2, field: "id", value: "home_care" },
      { type: "guidance/set", index: 3, field: "id", value: "g_cauda_equina" },
    );
    expect(state.doc.rules[2].when).toEqual({ fact: "onset", op: "in", values: ["abrupt"] });
    expect(state.doc.facts[8].askWhen).toEqual({ fact: "areas", op: "includes", value: "thigh" });
    expect(state.doc.defaultDisposition).toBe("home_care");
    expect(state.doc.rules[0].guidance).toEqual(["g_cauda_equina"]);
  });

  it("changing a question's type keeps shared fields and resets type-specific ones", () => {
    let state = run(start(), { type: "fact/setType", index: 3, factType: "boolean" });
    expect(state.doc.facts[3]).toEqual({ id: "duration", type: "boolean", label: "symptom duration", question: "How many hours since it started?" });
    state = run(state, { type: "fact/setType", index: 6, factType: "multipleChoice" });
    expect(state.doc.facts[6]).toMatchObject({ type: "multipleChoice", options: [{ id: "sudden" }, { id: "gradual" }, { id: "unsure" }] });
    state = run(state, { type: "fact/setType", index: 0, factType: "singleChoice" });
    expect(state.doc.facts[0]).toMatchObject({ type: "singleChoice", options: [{ id: "option_1" }, { id: "option_2" }] });
  });

  it("drops optional text fields when cleared, so the document stays valid", () => {
    const state = run(
      start(),
      { type: "fact/set", index: 0, field: "label", value: "" },
      { type: "fact/set", index: 3, field: "unit", value: "" },
      { type: "fact/setBound", index: 3, bound: "min", value: undefined },
      { type: "guidance/set", index: 0, field: "locale", value: "" },
    );
    expect(state.doc.facts[0]).not.toHaveProperty("label");
    expect(state.doc.facts[3]).not.toHaveProperty("unit");
    expect(state.doc.facts[3]).not.toHaveProperty("min");
    expect(RuleSetSchema.safeParse(state.doc).success).toBe(true);
  });

  it("edits options, follow-ups, citations, tags and enabled state", () => {
    const when: Condition = { all: [yes("fever")] };
    const state = run(
      start(),
      { type: "option/add", factIndex: 6 },
      { type: "option/move", factIndex: 6, optionIndex: 3, to: 0 },
      { type: "option/remove", factIndex: 6, optionIndex: 3 },
      { type: "fact/setAskWhen", index: 2, condition: when },
      { type: "rule/setCitations", index: 1, citations: [{ source: "NICE NG59", statement: "Refer urgently." }] },
      { type: "rule/setTags", index: 1, tags: ["red-flag"] },
      { type: "rule/setEnabled", index: 2, enabled: false },
      { type: "rule/setWhen", index: 2, when },
    );
    const onset = state.doc.facts[6] as Extract<DocFact, { options: unknown }>;
    expect(onset.options.map((o) => o.id)).toEqual(["option_1", "sudden", "gradual"]);
    expect(state.doc.facts[2].askWhen).toBe(when);
    expect(state.doc.rules[1]).toMatchObject({ tags: ["red-flag"], citations: [{ source: "NICE NG59" }] });
    expect(state.doc.rules[2]).toMatchObject({ enabled: false, when });
  });

  it("replaces the document (load their version) and resets selection and saved state", () => {
    const mine = run(start(), { type: "rule/add" });
    const theirs = sample();
    const state = run(mine, { type: "document/replace", document: theirs, revision: 9 });
    expect(state.doc).toBe(theirs);
    expect(isDirty(state)).toBe(false);
    expect(state.revision).toBe(9);
    expect(state.selected.rules).toBe(0);
  });

  it("counts the rules and follow-ups using a question", () => {
    expect(countFactUses(sample(), "areas")).toBe(1);
    expect(countFactUses(sample(), "bladder")).toBe(1);
    expect(countFactUses(sample(), "fever")).toBe(0);
  });
});

describe("condition builder mapping", () => {
  const facts = sample().facts;
  const fact = (id: string) => facts.find((f) => f.id === id);

  it("reads and writes all / any / none groups", () => {
    expect(readGroup({ all: [yes("a")] }, "$.w")?.mode).toBe("all");
    const none = readGroup({ not: { any: [yes("a"), yes("b")] } }, "$.w");
    expect(none?.mode).toBe("none");
    expect(none?.childPath(1)).toBe("$.w.not.any[1]");
    const single = readGroup({ not: yes("a") }, "$.w");
    expect(single).toMatchObject({ mode: "none", children: [yes("a")] });
    expect(single?.childPath(0)).toBe("$.w.not");
    expect(writeGroup("none", [yes("a")])).toEqual({ not: yes("a") });
    expect(writeGroup("none", [yes("a"), yes("b")])).toEqual({ not: { any: [yes("a"), yes("b")] } });
    // A lone "any" child must stay a child, not become the group's own list.
    const nested = writeGroup("none", [{ any: [yes("a"), yes("b")] }]);
    expect(readGroup(nested, "$")?.children).toEqual([{ any: [yes("a"), yes("b")] }]);
  });

  it("offers only the operators valid for each question type", () => {
    const values = (id: string) => operatorChoices(fact(id), defaultComparison(fact(id))).map((c) => c.value);
    expect(values("fever")).toEqual(["eq:true", "eq:false", "answered", "notAnswered"]);
    expect(values("duration")).toEqual(["eq", "neq", "lt", "lte", "gt", "gte", "between", "answered", "notAnswered"]);
    expect(values("onset")).toEqual(["eq", "neq", "in", "answered", "notAnswered"]);
    expect(values("areas")).toEqual(["includes", "in", "answered", "notAnswered"]);
  });

  it("keeps an invalid stored operator visible instead of silently changing it", () => {
    const choices = operatorChoices(fact("fever"), { fact: "fever", op: "gt", value: 3 });
    expect(choices.at(-1)?.label).toMatch(/not valid/);
  });

  it("carries values across operator changes where they still make sense", () => {
    const duration = fact("duration");
    const gt = { fact: "duration", op: "gt", value: { value: 3, unit: "days" } } as const;
    expect(applyOperatorChoice(gt, "between", duration)).toEqual({ fact: "duration", op: "between", min: { value: 3, unit: "days" }, max: 2000 });
    expect(applyOperatorChoice(gt, "answered", duration)).toEqual({ fact: "duration", op: "answered" });
    const onsetEq = { fact: "onset", op: "eq", value: "gradual" } as const;
    expect(applyOperatorChoice(onsetEq, "in", fact("onset"))).toEqual({ fact: "onset", op: "in", values: ["gradual"] });
    expect(applyOperatorChoice({ fact: "fever", op: "eq", value: true }, "eq:false", fact("fever"))).toEqual({ fact: "fever", op: "eq", value: false });
    expect(choiceOf({ fact: "fever", op: "eq", value: false }, fact("fever"))).toBe("eq:false");
  });

  it("resets the comparison sensibly when the question changes", () => {
    expect(retargetComparison({ fact: "fever", op: "eq", value: true }, fact("onset")!)).toEqual({ fact: "onset", op: "eq", value: "sudden" });
    expect(retargetComparison({ fact: "fever", op: "answered" }, fact("duration")!)).toEqual({ fact: "duration", op: "answered" });
    expect(retargetComparison({ fact: "onset", op: "in", values: ["sudden"] }, fact("areas")!)).toEqual({ fact: "areas", op: "in", values: ["back"] });
  });

  it("offers convertible units and stores bare numbers in the question's own unit", () => {
    expect(unitChoices("hours")).toEqual(["minutes", "hours", "days", "weeks"]);
    expect(unitChoices("mmHg")).toEqual(["mmHg"]);
    expect(unitChoices(undefined)).toEqual([]);
    expect(joinOperand(72, "hours", "hours")).toBe(72);
    expect(joinOperand(3, "days", "hours")).toEqual({ value: 3, unit: "days" });
  });
});

describe("lint helpers", () => {
  it("maps paths to tabs, items and plain words", () => {
    expect(targetOf("$.rules[3].when.all[0]")).toEqual({ tab: "rules", index: 3, path: "$.rules[3].when.all[0]" });
    expect(targetOf("$.metadata.title").tab).toBe("details");
    expect(pathAncestors("$.rules[3].when")).toEqual(["$.rules[3].when", "$.rules[3]", "$.rules", "$"]);
    expect(jsonPathFromDotted("document.rules.3.citations.0.source")).toBe("$.rules[3].citations[0].source");
    expect(describePath("$.rules[1].citations[0].source", sample())).toBe("Rule 2 “Rule long” › citation 1 › source");
    expect(describePath("$.facts[3].askWhen.all[1]", sample())).toBe("Question 4 “symptom duration” › follow-up condition › condition 2");
  });

  it("indexes findings per item and shape errors per field", () => {
    const doc = sample();
    doc.rules[1] = { ...doc.rules[1], title: "", disposition: "nowhere" };
    const index = indexIssues(lintRuleSet(doc));
    expect(index.fieldErrors.get("$.rules[1].title")).toBe("This is required.");
    expect(index.byItem.rules.get(1)?.errors).toBeGreaterThan(0);
    expect(index.errorsByTab.rules).toBeGreaterThan(0);
  });
});
