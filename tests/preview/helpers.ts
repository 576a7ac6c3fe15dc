/** Published/draft pairs for the impact-preview tests. */
import type { RuleSetInput } from "../../lib/engine";
import { makeRuleSet, yes } from "../engine/fixtures";

export const published = makeRuleSet([
  { id: "bladder", when: yes("bladder"), disposition: "emergency", guidance: ["g_cauda"] },
  { id: "saddle", when: yes("saddle"), disposition: "emergency", guidance: ["g_cauda"] },
  { id: "long", when: { fact: "duration", op: "gt", value: { value: 3, unit: "days" } }, disposition: "see_doctor" },
]);

/** Saddle numbness demoted (a reduction), "long" now needs 5 days (a reduction for 73–120 h), fever added (an increase). */
export const draft = makeRuleSet([
  { id: "bladder", when: yes("bladder"), disposition: "emergency", guidance: ["g_cauda"] },
  { id: "saddle", when: yes("saddle"), disposition: "see_doctor" },
  { id: "long", when: { fact: "duration", op: "gt", value: { value: 5, unit: "days" } }, disposition: "see_doctor" },
  { id: "fever", when: yes("fever"), disposition: "see_doctor" },
]);

/** A follow-up question: pain below the knee is only asked when the pain radiates. */
export function withFollowUp(rules: Parameters<typeof makeRuleSet>[0]): RuleSetInput {
  const base = makeRuleSet(rules);
  return {
    ...base,
    facts: [
      ...base.facts,
      { id: "radiates", type: "boolean", label: "pain spreading into the leg", question: "Does the pain spread into the leg?" },
      {
        id: "below_knee",
        type: "boolean",
        label: "pain below the knee",
        question: "Does it go below the knee?",
        askWhen: { fact: "radiates", op: "eq", value: true },
      },
    ],
  };
}
