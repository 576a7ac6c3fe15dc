/** Small rule sets for engine tests, built from a compact helper. */
import type { Condition, RuleSetInput } from "../../lib/engine";

type RuleSpec = {
  id: string;
  when: Condition;
  disposition: string;
  guidance?: string[];
  enabled?: boolean;
  tags?: string[];
};

export const yes = (fact: string): Condition => ({ fact, op: "eq", value: true });
export const no = (fact: string): Condition => ({ fact, op: "eq", value: false });

/** Facts of every type, three dispositions, a few guidance blocks. */
export function makeRuleSet(rules: RuleSpec[], overrides: Partial<RuleSetInput> = {}): RuleSetInput {
  return {
    schemaVersion: 1,
    metadata: { slug: "test-set", title: "Test set" },
    facts: [
      { id: "fever", type: "boolean", label: "fever", question: "Do you have a fever?" },
      { id: "bladder", type: "boolean", label: "loss of bladder control", question: "Any loss of bladder control?" },
      { id: "saddle", type: "boolean", label: "saddle numbness", question: "Numbness in the saddle area?" },
      { id: "duration", type: "number", unit: "hours", min: 0, max: 2000, label: "symptom duration", question: "How many hours since it started?" },
      { id: "temperature", type: "number", unit: "°C", min: 30, max: 45, label: "temperature", question: "What is your temperature?" },
      { id: "pain_score", type: "number", min: 0, max: 10, label: "pain score", question: "Pain from 0 to 10?" },
      {
        id: "onset",
        type: "singleChoice",
        label: "onset",
        question: "How did it start?",
        options: [
          { id: "sudden", label: "suddenly" },
          { id: "gradual", label: "gradually" },
          { id: "unsure", label: "not sure" },
        ],
      },
      {
        id: "areas",
        type: "multipleChoice",
        label: "painful areas",
        question: "Where does it hurt?",
        options: [
          { id: "back", label: "back" },
          { id: "leg", label: "leg" },
          { id: "groin", label: "groin" },
        ],
      },
    ],
    dispositions: [
      { id: "emergency", label: "Emergency", action: "Go to the emergency department now", guidance: ["g_emergency"] },
      { id: "see_doctor", label: "See a doctor", action: "Book an appointment", guidance: ["g_book", "g_warning"] },
      { id: "self_care", label: "Self-care", action: "Manage at home", guidance: ["g_warning"] },
    ],
    rules: rules.map((r) => ({
      title: `Rule ${r.id}`,
      rationale: "test",
      citations: [{ source: "000_fdb231116db528c1.txt", statement: "test statement" }],
      ...r,
    })),
    guidance: [
      { id: "g_emergency", title: "Emergency", body: "Call now." },
      { id: "g_book", title: "Book", body: "Book an appointment." },
      { id: "g_warning", title: "Warning signs", body: "Watch for red flags." },
      { id: "g_cauda", title: "Cauda equina", body: "Nerves compressed." },
      { id: "g_rest", title: "Rest", body: "Rest." },
    ],
    ...overrides,
  };
}
