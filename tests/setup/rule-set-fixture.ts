import { randomBytes } from "node:crypto";
import { SCHEMA_VERSION, type RuleSetInput } from "@/lib/engine";

/** A small, lint-clean rule set: one red flag to the emergency department, self-care otherwise. */
export function smallRuleSet(slug: string): RuleSetInput {
  return {
    schemaVersion: SCHEMA_VERSION,
    metadata: { slug, title: "Small", description: "", audience: "", locales: ["en"] },
    facts: [
      { id: "saddle_numbness", type: "boolean", question: "New numbness in the saddle area?", label: "saddle numbness" },
      { id: "pain_present", type: "boolean", question: "Do you have back pain?", label: "back pain" },
    ],
    dispositions: [
      { id: "emergency", label: "Emergency", action: "Go to the emergency department now.", guidance: ["go_now"] },
      { id: "self_care", label: "Self-care", action: "Look after yourself at home.", guidance: ["home"] },
    ],
    rules: [
      {
        id: "cauda_equina",
        title: "Saddle numbness",
        when: { fact: "saddle_numbness", op: "eq", value: true },
        disposition: "emergency",
        citations: [{ source: "seed.txt", statement: "Saddle numbness is an emergency." }],
        tags: ["red-flag"],
      },
      {
        id: "benign",
        title: "Back pain without red flags",
        when: { all: [{ fact: "pain_present", op: "eq", value: true }, { fact: "saddle_numbness", op: "eq", value: false }] },
        disposition: "self_care",
        citations: [{ source: "seed.txt", statement: "Most back pain settles at home." }],
      },
    ],
    guidance: [
      { id: "go_now", title: "Go now", body: "Call emergency services." },
      { id: "home", title: "At home", body: "Keep moving gently." },
    ],
  };
}

/** Pins the red flag: tagged red-flag, expects emergency and the rule itself to fire. */
export const redFlagCase = {
  id: "red_flag",
  name: "Saddle numbness is an emergency",
  answers: { saddle_numbness: true, pain_present: true },
  expected: { disposition: "emergency", firedRules: ["cauda_equina"] },
  tags: ["red-flag"],
};

export const benignCase = {
  id: "benign",
  name: "Back pain without red flags",
  answers: { saddle_numbness: false, pain_present: true },
  expected: { disposition: "self_care", firedRules: ["benign"] },
  tags: [],
};

/** Every rule of smallRuleSet exercised and its red flag pinned: what the publication gate's coverage part asks. */
export const smallRuleSetCases = [redFlagCase, benignCase];

export const uniqueSlug = (label: string) => `${label}-${randomBytes(3).toString("hex")}`;
