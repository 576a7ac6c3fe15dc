import { describe, expect, it } from "vitest";
import { compareOnTestCases, urgencyComparator } from "../../lib/preview/impact";
import type { TestCase } from "../../lib/testcases";
import { makeRuleSet, yes } from "../engine/fixtures";
import { draft, published } from "./helpers";

const tc = (id: string, answers: TestCase["answers"], disposition = "emergency"): TestCase => ({
  id,
  name: id,
  answers,
  expected: { disposition },
  tags: [],
  note: "",
});

describe("compareOnTestCases", () => {
  const cases = [
    tc("unchanged", { bladder: true }),
    tc("increased", { fever: true }, "see_doctor"),
    tc("reduced", { saddle: true }),
    tc("to-nothing", { duration: 100 }, "see_doctor"),
  ];

  it("compares each case on both versions, urgency reductions first", () => {
    const report = compareOnTestCases(published, draft, cases);
    if (!report.comparable) throw new Error("expected a comparison");
    expect(report.cases.map((c) => [c.id, c.urgency])).toEqual([
      ["reduced", "reduced"],
      // Disposition -> none is a reduction: the client falls back to generic advice.
      ["to-nothing", "reduced"],
      ["increased", "increased"],
      ["unchanged", "same"],
    ]);
    expect(report.totals).toEqual({ total: 4, dispositionChanged: 3, guidanceChanged: 3, reduced: 2, increased: 1, unknown: 0, unchanged: 1 });
    const reduced = report.cases[0];
    expect(reduced).toMatchObject({
      expectedDisposition: "emergency",
      published: { valid: true, disposition: "emergency", dispositionLabel: "Emergency", guidance: ["g_cauda", "g_emergency"] },
      draft: { valid: true, disposition: "see_doctor", guidance: ["g_book", "g_warning"] },
      dispositionChanged: true,
      guidanceChanged: true,
      guidanceAdded: ["g_book", "g_warning"],
      guidanceRemoved: ["g_cauda", "g_emergency"],
    });
    expect(report.cases[1].draft).toMatchObject({ disposition: null });
  });

  it("reports guidance-only changes and cases the draft can no longer evaluate", () => {
    const guidanceOnly = makeRuleSet([{ id: "bladder", when: yes("bladder"), disposition: "emergency" }]);
    const noFever = { ...guidanceOnly, facts: guidanceOnly.facts.filter((f) => f.id !== "fever") };
    const report = compareOnTestCases(published, noFever, [tc("fever", { fever: false }), tc("bladder", { bladder: true })]);
    if (!report.comparable) throw new Error("expected a comparison");
    expect(report.cases.map((c) => [c.id, c.urgency, c.dispositionChanged, c.guidanceChanged])).toEqual([
      ["fever", "unknown", true, true],
      ["bladder", "same", false, true],
    ]);
    expect(report.cases[0].draft).toEqual({ valid: false, issues: [{ factId: "fever", message: "“fever” is not a question in this rule set." }] });
  });

  it("says there is nothing to compare with when nothing is published", () => {
    const report = compareOnTestCases(null, draft, cases);
    expect(report.comparable).toBe(false);
    if (report.comparable) return;
    expect(report.message).toMatch(/every result is new/);
    expect(report.totals).toEqual({ total: 4, invalid: 0 });
    expect(report.cases.every((c) => c.urgency === "new")).toBe(true);
    expect(report.cases[2].draft).toMatchObject({ disposition: "see_doctor" });
  });
});

describe("urgencyComparator", () => {
  const ids = (...list: string[]) => ({ dispositions: list.map((id) => ({ id })) });

  it("uses the draft's order", () => {
    const compare = urgencyComparator(ids("a", "b", "c"), ids("c", "b", "a"));
    expect(compare("a", "c")).toBe("increased");
    expect(compare("c", "a")).toBe("reduced");
    expect(compare("b", "b")).toBe("same");
  });

  it("treats no disposition as least urgent", () => {
    const compare = urgencyComparator(ids("a", "b"), ids("a", "b"));
    expect(compare("b", null)).toBe("reduced");
    expect(compare(null, "b")).toBe("increased");
    expect(compare(null, null)).toBe("same");
  });

  it("places a disposition the draft removed just below its nearest more urgent neighbour, so a rename reads as a reduction to review", () => {
    // "urgent" was renamed "urgent_care".
    const compare = urgencyComparator(ids("emergency", "urgent", "gp", "self"), ids("emergency", "urgent_care", "gp", "self"));
    expect(compare("urgent", "urgent_care")).toBe("reduced");
    expect(compare("urgent", "emergency")).toBe("increased");
    expect(compare("urgent", "gp")).toBe("reduced");
    // With no more urgent neighbour it counts as the most urgent of all.
    expect(urgencyComparator(ids("top", "gp"), ids("emergency", "gp"))("top", "emergency")).toBe("reduced");
  });
});
