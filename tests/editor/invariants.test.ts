import { describe, expect, it } from "vitest";
import { parseDraftLink, parseTestsLink, resolveDraftLink, draftLinkKey } from "@/components/ruleset-editor/deep-links";
import { countFactUses, editorReducer, initEditorState, isDirty, type EditorAction, type EditorState } from "@/components/ruleset-editor/editor-reducer";
import { describePath, indexIssues, issuePath, targetOf } from "@/components/ruleset-editor/lint-utils";
import { impactHeadline, unverifiableReason, verdictKind } from "@/components/ruleset-editor/verification-utils";
import { invariantStatement } from "@/lib/engine/invariants";
import { lintRuleSet } from "@/lib/engine/lint";
import { RuleSetSchema, type RuleSet, type RuleSetInput } from "@/lib/engine/schema";
import { makeRuleSet, yes } from "../engine/fixtures";

function sample(): RuleSetInput {
  return makeRuleSet(
    [
      { id: "cauda", when: { any: [yes("bladder"), yes("saddle")] }, disposition: "emergency", guidance: ["g_cauda"], tags: ["red-flag"] },
      { id: "long", when: { fact: "duration", op: "gt", value: { value: 3, unit: "days" } }, disposition: "see_doctor" },
    ],
    { defaultDisposition: "self_care" },
  );
}

const start = (doc: RuleSetInput = sample()): EditorState => initEditorState({ initialDocument: doc, initialRevision: 3 });
const run = (state: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, state);

describe("editor reducer: invariants", () => {
  it("adds invariants with numbered ids, selects the new one, and keeps the document valid", () => {
    const state = run(start(), { type: "invariant/add" }, { type: "invariant/add" });
    expect(state.doc.invariants?.map((inv) => inv.id)).toEqual(["invariant_1", "invariant_2"]);
    expect(state.selected.invariants).toBe(1);
    expect(state.doc.invariants?.[0]).toEqual({ id: "invariant_1", kind: "atLeast", when: { all: [] }, disposition: "emergency", rationale: "", citations: [] });
    expect(RuleSetSchema.safeParse(state.doc).success).toBe(true);
    expect(isDirty(state)).toBe(true);
  });

  it("edits id, kind, condition, disposition, rationale and citations, sharing structure with the rest", () => {
    const added = run(start(), { type: "invariant/add" }, { type: "invariant/add" });
    const state = run(
      added,
      { type: "invariant/set", index: 0, field: "id", value: "saddle_is_emergency" },
      { type: "invariant/setKind", index: 0, kind: "onlyWhen" },
      { type: "invariant/setWhen", index: 0, when: { not: yes("saddle") } },
      { type: "invariant/set", index: 0, field: "disposition", value: "self_care" },
      { type: "invariant/set", index: 0, field: "rationale", value: "Self-care never with saddle numbness." },
      { type: "invariant/setCitations", index: 0, citations: [{ source: "NICE", statement: "Refer." }] },
    );
    expect(state.doc.invariants?.[0]).toEqual({
      id: "saddle_is_emergency",
      kind: "onlyWhen",
      when: { not: yes("saddle") },
      disposition: "self_care",
      rationale: "Self-care never with saddle numbness.",
      citations: [{ source: "NICE", statement: "Refer." }],
    });
    expect(state.doc.invariants?.[1]).toBe(added.doc.invariants?.[1]);
    expect(state.doc.rules).toBe(added.doc.rules);
    expect(lintRuleSet(state.doc).filter((i) => i.invariantId)).toEqual([]);
  });

  it("no-op edits return the same state", () => {
    const state = run(start(), { type: "invariant/add" });
    expect(run(state, { type: "invariant/setKind", index: 0, kind: "atLeast" })).toBe(state);
    expect(run(state, { type: "invariant/set", index: 0, field: "disposition", value: "emergency" })).toBe(state);
    expect(run(state, { type: "invariant/set", index: 5, field: "id", value: "x" })).toBe(state);
  });

  it("reorders and removes with the shared item actions; the last removal drops the key (same document as before)", () => {
    const before = start();
    let state = run(before, { type: "invariant/add" }, { type: "invariant/add" }, { type: "invariant/add" });
    state = run(state, { type: "item/move", collection: "invariants", index: 2, to: 0 });
    expect(state.doc.invariants?.map((inv) => inv.id)).toEqual(["invariant_3", "invariant_1", "invariant_2"]);
    expect(state.selected.invariants).toBe(0);
    state = run(state, { type: "item/remove", collection: "invariants", index: 2 });
    expect(state.selected.invariants).toBe(1);
    state = run(state, { type: "item/remove", collection: "invariants", index: 0 }, { type: "item/remove", collection: "invariants", index: 0 });
    expect(state.doc).not.toHaveProperty("invariants");
    expect(state.doc).toEqual(before.doc);
  });

  it("renames of questions, options and dispositions reach invariants; deleting a question counts their uses", () => {
    const state = run(
      start(),
      { type: "invariant/add" },
      { type: "invariant/setWhen", index: 0, when: { all: [yes("saddle"), { fact: "onset", op: "eq", value: "sudden" }] } },
      { type: "invariant/set", index: 0, field: "disposition", value: "see_doctor" },
    );
    expect(countFactUses(state.doc, "onset")).toBe(1);
    const renamed = run(
      state,
      { type: "fact/set", index: 2, field: "id", value: "saddle_numbness" },
      { type: "option/set", factIndex: 6, optionIndex: 0, field: "id", value: "abrupt" },
      { type: "disposition/set", index: 1, field: "id", value: "gp" },
    );
    expect(renamed.doc.invariants?.[0].when).toEqual({ all: [yes("saddle_numbness"), { fact: "onset", op: "eq", value: "abrupt" }] });
    expect(renamed.doc.invariants?.[0].disposition).toBe("gp");
    expect(lintRuleSet(renamed.doc).filter((i) => i.invariantId)).toEqual([]);
  });

  it("adopts a new base revision after a test-case save only when still at the revision it was based on", () => {
    const edited = run(start(), { type: "invariant/add" });
    const rebased = run(edited, { type: "document/rebased", from: 3, revision: 4 });
    expect(rebased.revision).toBe(4);
    expect(rebased.doc).toBe(edited.doc);
    expect(isDirty(rebased)).toBe(true);
    // Someone else saved in between (the editor is at 3, the save was based on 5): keep 3, so the next save shows the conflict.
    expect(run(edited, { type: "document/rebased", from: 5, revision: 6 })).toBe(edited);
  });
});

describe("lint helpers: invariants", () => {
  it("maps invariant paths to the Invariants tab and plain words", () => {
    expect(targetOf("$.invariants[2].when.all[0]")).toEqual({ tab: "invariants", index: 2, path: "$.invariants[2].when.all[0]" });
    const doc = run(start(), { type: "invariant/add" }).doc;
    expect(describePath("$.invariants[0].disposition", doc)).toBe("Invariant 1 “invariant_1” › disposition");
  });

  it("finds the invariant of a finding by its id when the path does not say which", () => {
    const doc = run(start(), { type: "invariant/add" }, { type: "invariant/add" }).doc;
    expect(issuePath({ path: "$.invariants", invariantId: "invariant_2" }, doc)).toBe("$.invariants[1]");
    expect(issuePath({ path: "$.invariants[0].id", invariantId: "invariant_1" }, doc)).toBe("$.invariants[0].id");
    expect(issuePath({ path: "$.rules[0]" }, doc)).toBe("$.rules[0]");
  });

  it("counts invariant findings per invariant and on the tab badge", () => {
    const state = run(
      start(),
      { type: "invariant/add" },
      { type: "invariant/setWhen", index: 0, when: yes("nowhere") },
      { type: "invariant/set", index: 0, field: "disposition", value: "nothing" },
    );
    const issues = lintRuleSet(state.doc);
    const index = indexIssues(issues, state.doc);
    expect(index.byItem.invariants.get(0)?.errors).toBe(2);
    expect(index.errorsByTab.invariants).toBe(2);
    expect(index.issuesByItem.invariants.get(0)?.map((i) => i.code).sort()).toEqual(["unknown-disposition", "unknown-fact"]);
  });
});

describe("deep links", () => {
  it("parses the gate's draft links, path first", () => {
    expect(parseDraftLink({ path: "$.rules[1].when" })).toEqual({ kind: "path", path: "$.rules[1].when" });
    expect(parseDraftLink({ rule: "cauda" })).toEqual({ kind: "rule", id: "cauda" });
    expect(parseDraftLink({ invariant: ["inv_a", "inv_b"] })).toEqual({ kind: "invariant", id: "inv_a" });
    expect(parseDraftLink({ path: "rules[1]" })).toBeNull();
    expect(parseDraftLink({ rule: "  " })).toBeNull();
    expect(parseDraftLink({})).toBeNull();
    expect(draftLinkKey({ kind: "rule", id: "x" })).toBe("rule:x");
  });

  it("parses the test-case page's links", () => {
    expect(parseTestsLink({ case: "tc_1" })).toEqual({ kind: "case", id: "tc_1" });
    expect(parseTestsLink({ newCaseForRule: "cauda" })).toEqual({ kind: "newCaseForRule", ruleId: "cauda" });
    expect(parseTestsLink({ other: "x" })).toBeNull();
  });

  it("resolves rules and invariants to their place in the document, red-flag invariants to their rule", () => {
    const doc = run(start(), { type: "invariant/add" }, { type: "invariant/add" }).doc;
    expect(resolveDraftLink({ kind: "rule", id: "long" }, doc)).toEqual({ ok: true, path: "$.rules[1]" });
    expect(resolveDraftLink({ kind: "invariant", id: "invariant_2" }, doc)).toEqual({ ok: true, path: "$.invariants[1]" });
    expect(resolveDraftLink({ kind: "invariant", id: "red-flag:cauda" }, doc)).toEqual({ ok: true, path: "$.rules[0]" });
    expect(resolveDraftLink({ kind: "path", path: "$.facts[0]" }, doc)).toEqual({ ok: true, path: "$.facts[0]" });
    expect(resolveDraftLink({ kind: "rule", id: "gone" }, doc)).toMatchObject({ ok: false, message: expect.stringContaining("gone") });
    expect(resolveDraftLink({ kind: "invariant", id: "gone" }, sample())).toMatchObject({ ok: false });
  });
});

describe("verification helpers", () => {
  it("tells not-decided-in-time from cannot-be-checked; both are not proven", () => {
    expect(verdictKind({ status: "proven" })).toBe("proven");
    expect(verdictKind({ status: "violated" })).toBe("violated");
    expect(verdictKind({ status: "undecided", message: "Not decided in time (not decided in time); counts as not proven." })).toBe("timeout");
    expect(verdictKind({ status: "undecided", message: "It cannot be checked: …" })).toBe("unchecked");
    expect(verdictKind({ status: "undecided" })).toBe("unchecked");
  });

  it("does not send documents the engine cannot compile, and says why", () => {
    expect(unverifiableReason(sample())).toBeNull();
    const unknownFact = { ...sample(), rules: [{ ...sample().rules[0], when: yes("nowhere") }] };
    expect(unverifiableReason(unknownFact)).toMatch(/1 error stops the rule set from being evaluated/);
    const badShape = { ...sample(), rules: [{ ...sample().rules[0], title: "" }] };
    expect(unverifiableReason(badShape)).toMatch(/1 field needs fixing/);
    // An invariant naming an unknown question does not stop the rules from compiling: the solver reports it as "cannot be checked".
    const badInvariant = run(start(), { type: "invariant/add" }, { type: "invariant/setWhen", index: 0, when: yes("nowhere") }).doc;
    expect(unverifiableReason(badInvariant)).toBeNull();
  });

  it("sums up the exact impact, reductions first", () => {
    expect(impactHeadline({ comparable: false, message: "Nothing is published yet." })).toEqual({ tone: "info", text: "Nothing is published yet." });
    const none = { status: "none" as const, pairs: [] };
    expect(impactHeadline({ comparable: true, publishedVersion: 2, reductions: none, increases: none }).tone).toBe("ok");
    const pair = (status: "found" | "undecided") => ({
      published: { disposition: "emergency", label: "Emergency" },
      draft: { disposition: "self_care", label: "Self-care" },
      status,
    });
    const found = impactHeadline({ comparable: true, publishedVersion: 2, reductions: { status: "found", pairs: [pair("found"), pair("undecided")] }, increases: none });
    expect(found).toMatchObject({ tone: "danger" });
    expect(found.text).toMatch(/1 way the draft gives a LESS urgent result than published version 2; 1 more not ruled out in time/);
    expect(impactHeadline({ comparable: true, publishedVersion: 2, reductions: { status: "undecided", pairs: [pair("undecided")] }, increases: none }).tone).toBe("warning");
  });

  it("reads an invariant back as one sentence", () => {
    const doc = run(start(), { type: "invariant/add" }, { type: "invariant/setWhen", index: 0, when: yes("saddle") }).doc as unknown as RuleSet;
    expect(invariantStatement(doc.invariants![0], doc)).toBe("Whenever saddle numbness is yes, the disposition is “Emergency”.");
  });
});
