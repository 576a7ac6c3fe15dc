import { SCHEMA_VERSION, type RuleSetInput } from "@/lib/engine";

/**
 * A new rule set starts with the four dispositions every triage rule set in this
 * product uses (most urgent first), so the first rule can be written at once.
 * Clinicians may rename, reorder or remove them.
 */
export function starterDocument(input: { slug: string; title: string; description: string }): RuleSetInput {
  return {
    schemaVersion: SCHEMA_VERSION,
    metadata: { slug: input.slug, title: input.title, description: input.description, audience: "", locales: ["en"] },
    facts: [],
    dispositions: [
      { id: "emergency", label: "Emergency", action: "Go to an emergency department or call emergency services now.", guidance: [] },
      { id: "urgent", label: "Urgent care today", action: "Get medical care today (urgent care or a same-day appointment).", guidance: [] },
      { id: "see_doctor", label: "See a doctor", action: "Book an appointment with your doctor or a physical therapist.", guidance: [] },
      { id: "self_care", label: "Self-care", action: "Manage at home with the guidance given, and watch for warning signs.", guidance: [] },
    ],
    rules: [],
    guidance: [],
  };
}
