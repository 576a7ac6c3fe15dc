/** A small back-pain-like rule set and cases for the test-case and preview tests. */
import type { Condition } from "../../lib/engine";
import type { TestCase } from "../../lib/testcases";
import { makeRuleSet, yes } from "../engine/fixtures";

export const longerThan3Days: Condition = { fact: "duration", op: "gt", value: { value: 3, unit: "days" } };

export const ruleSet = makeRuleSet(
  [
    { id: "bladder", when: yes("bladder"), disposition: "emergency", guidance: ["g_cauda"], tags: ["red-flag"] },
    { id: "saddle", when: yes("saddle"), disposition: "emergency", guidance: ["g_cauda"], tags: ["red-flag"] },
    { id: "long", when: longerThan3Days, disposition: "see_doctor" },
    { id: "short", when: { fact: "duration", op: "lte", value: { value: 3, unit: "days" } }, disposition: "self_care", guidance: ["g_rest"] },
    { id: "draft_rule", when: yes("fever"), disposition: "see_doctor", enabled: false },
  ],
  { defaultDisposition: undefined },
);

export function testCase(partial: Partial<TestCase> & Pick<TestCase, "id" | "answers" | "expected">): TestCase {
  return { name: `Case ${partial.id}`, tags: [], note: "", ...partial };
}
