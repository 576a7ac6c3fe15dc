import { beforeAll, describe, expect, it } from "vitest";
import { seedBackPain } from "@/lib/content/seed-back-pain";
import type { EvaluateResponse } from "@/lib/public/schemas";
import { PublishedCatalog, databaseCatalogSource } from "@/lib/public/catalog";
import { evaluatePublished } from "@/lib/public/service";
import { runTestCases } from "@/lib/testcases";
import { storedDocument } from "@/lib/rulesets/documents";
import { storedTestCases } from "@/lib/rulesets/stored-test-cases";
import { isolatedDb } from "../setup/fixtures";
import { seedDemoAccounts } from "@/lib/users/demo-accounts";

/**
 * The demo database's back-pain rule set, published through the product's own
 * services, answering the source articles' scenarios through the public API.
 * Uses a database of its own because the slug "back-pain" is global.
 */
describe("published back-pain rule set", () => {
  let evaluate: (answers: Record<string, unknown>) => Promise<EvaluateResponse>;

  beforeAll(async () => {
    const { db, drop } = await isolatedDb();
    await seedDemoAccounts(db);
    expect(await seedBackPain(db)).toBe(true);
    expect(await seedBackPain(db)).toBe(false);
    const version = await db.ruleSetVersion.findFirstOrThrow({ where: { ruleSet: { slug: "back-pain" } }, include: { reviews: true } });
    expect(version.state).toBe("published");
    expect(version.reviews).toHaveLength(1);
    const report = runTestCases(storedDocument(version.document), storedTestCases(version.testCases));
    expect(report.total).toBeGreaterThanOrEqual(40);
    expect(report.passed).toBe(report.total);
    const actions = (await db.auditEvent.findMany({ where: { targetId: "back-pain" }, orderBy: { id: "asc" } })).map((event) => event.action);
    expect(actions).toEqual(["ruleset.created", "draft.imported", "version.submitted", "version.approved", "version.published"]);

    // The public API's own catalog and evaluate service, reading that database.
    const catalog = new PublishedCatalog(databaseCatalogSource(() => db), 0);
    const snapshot = await catalog.get();
    // A start defers current documents; warmed, the snapshot answers with the database gone (dropped below).
    await catalog.warmed();
    evaluate = async (answers) => evaluatePublished(snapshot, "back-pain", { answers });
    await drop();
  }, 120_000);

  const NO_RED_FLAGS = {
    bowel_bladder_change: false,
    saddle_numbness: false,
    leg_weakness: false,
    leg_numbness_tingling: false,
    severe_unrelenting_pain: false,
    fever_chills: false,
    unexplained_weight_loss: false,
    recent_trauma: false,
    pain_radiates_leg: false,
    back_or_hip_weakness: false,
  };
  /** Self-care also needs every reason to see a doctor ruled out. */
  const NO_REASON_TO_BOOK = {
    severe_pain_eases_with_rest: false,
    worsening_despite_self_care: false,
    disrupts_sleep_or_daily_life: false,
    morning_stiffness: false,
    everyday_movement_trigger: false,
    clicking_during_exercise: false,
  };

  it("sends saddle numbness or a bowel/bladder change to emergency care, whatever else is answered", async () => {
    expect((await evaluate({ saddle_numbness: true })).disposition?.id).toBe("emergency");
    expect((await evaluate({ ...NO_RED_FLAGS, bowel_bladder_change: true, heard_pop_under_load: true })).disposition?.id).toBe("emergency");
  });

  it("sends fever with back pain to urgent care", async () => {
    expect((await evaluate({ ...NO_RED_FLAGS, fever_chills: true, pain_present: true })).disposition?.id).toBe("urgent");
  });

  it("advises self-care after a pop under load with no red flags in the first day", async () => {
    // With a reason to book left unanswered, self-care is withheld: see a doctor, still with the stop-the-lift steps.
    const unsure = await evaluate({ ...NO_RED_FLAGS, pain_present: true, heard_pop_under_load: true, symptom_duration_hours: 6 });
    expect(unsure.disposition?.id).toBe("see_doctor");
    expect(unsure.guidance.map((g) => g.id)).toContain("pop_first_steps");
    const result = await evaluate({ ...NO_RED_FLAGS, ...NO_REASON_TO_BOOK, pain_present: true, heard_pop_under_load: true, symptom_duration_hours: 6 });
    expect(result.disposition?.id).toBe("self_care");
  });

  it("advises a doctor when symptoms persist beyond 48 to 72 hours", async () => {
    const result = await evaluate({ ...NO_RED_FLAGS, pain_present: true, symptom_duration_hours: 80 });
    expect(result.disposition?.id).toBe("see_doctor");
  });

  it("never gives self-care while a red flag is unanswered, and asks for it", async () => {
    const result = await evaluate({ pain_present: true, heard_pop_under_load: true, symptom_duration_hours: 6 });
    expect(result.disposition?.id).not.toBe("self_care");
    expect(result.complete).toBe(false);
    expect(result.missingFacts.map((fact) => fact.id)).toContain("saddle_numbness");
    // Provisional, and says so: it could be an emergency, and the red flags come first among what to ask.
    expect(result).toMatchObject({ final: false, couldEscalateTo: { id: "emergency" } });
    expect(result.escalationFacts.map((fact) => fact.id).slice(0, 2)).toEqual(["bowel_bladder_change", "saddle_numbness"]);
  });
});
