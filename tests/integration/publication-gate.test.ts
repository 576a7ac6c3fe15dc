/**
 * The publication gate over the admin API, against a real database and the
 * real solver: coverage and invariant refusals at submit, acknowledgement of
 * reductions at approval and again at publication, the admin's coverage
 * waiver (which never waives an invariant), with their audit rows.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as submitRoute from "@/app/api/admin/rulesets/[slug]/versions/[n]/submit/route";
import * as approveRoute from "@/app/api/admin/rulesets/[slug]/versions/[n]/approve/route";
import * as publishRoute from "@/app/api/admin/rulesets/[slug]/versions/[n]/publish/route";
import * as draftRoute from "@/app/api/admin/rulesets/[slug]/draft/route";
import * as verifyRoute from "@/app/api/admin/rulesets/[slug]/draft/verify/route";
import * as waiverRoute from "@/app/api/admin/rulesets/[slug]/coverage-waiver/route";
import * as reviewRoute from "@/app/api/admin/rulesets/[slug]/versions/[n]/review/route";
import * as impactRoute from "@/app/api/admin/rulesets/[slug]/draft/impact/route";
import type { RuleSetInput } from "@/lib/engine";
import { createRuleSet, saveDraft } from "@/lib/rulesets/drafts";
import { unsafeBackPainCopy } from "../../bench/fixtures/unsafe-back-pain";
import { apiUser, call } from "../setup/api";
import { testDb } from "../setup/fixtures";
import { smallRuleSet, smallRuleSetCases, uniqueSlug } from "../setup/rule-set-fixture";

type Caller = Awaited<ReturnType<typeof apiUser>>;
type AnyRoute = (request: NextRequest, context: { params: Promise<never> }) => Promise<Response>;
interface Reason {
  code: string;
  message: string;
  href: string;
  waivable: boolean;
}

const request = (handler: AnyRoute, method: string, slug: string, suffix: string, caller: Caller, body?: unknown, n = "1") =>
  call(handler as never, { method, path: `/api/admin/rulesets/${slug}${suffix}`, params: { slug, n }, token: caller.token, body });
const post = (handler: AnyRoute, slug: string, suffix: string, caller: Caller, body?: unknown, n = "1") => request(handler, "POST", slug, suffix, caller, body, n);

async function reasonsOf(response: Awaited<ReturnType<typeof call>>): Promise<Reason[]> {
  expect(response.status).toBe(409);
  const problem = (await response.json()) as { code: string; reasons: Reason[] };
  expect(problem.code).toBe("not_ready");
  return problem.reasons;
}

async function auditOf(slug: string) {
  return testDb().auditEvent.findMany({ where: { targetId: slug }, orderBy: { id: "asc" } });
}

const backPain = JSON.parse(readFileSync(path.join(process.cwd(), "content/back-pain/back-pain.ruleset.json"), "utf8")) as RuleSetInput;

describe("the publication gate", () => {
  let author: Caller;
  let reviewer: Caller;
  let reviewer2: Caller;
  let admin: Caller;
  beforeAll(async () => {
    [author, reviewer, reviewer2, admin] = await Promise.all([apiUser(["author"]), apiUser(["reviewer"]), apiUser(["reviewer"]), apiUser(["admin"])]);
  });

  const editorOf = (caller: Caller) => ({ id: caller.user.id, label: caller.user.email, via: "token" as const });

  it("refuses the unsafe copy of back-pain (tingling demoted, self-care by default, 7 days, no test cases) with coverage and invariant reasons", async () => {
    const slug = uniqueSlug("unsafe-back-pain");
    const unsafe = unsafeBackPainCopy(backPain, slug);
    await createRuleSet(testDb(), editorOf(author), { slug, title: "Unsafe copy", document: unsafe });

    // The live check says so before anyone submits.
    const live = await post(verifyRoute.POST, slug, "/draft/verify", author);
    expect(live.status).toBe(200);
    const report = (await live.json()) as { invariants: { id: string; status: string; counterexample?: { answers: Record<string, unknown> } }[] };
    const violated = report.invariants.filter((v) => v.status === "violated");
    expect(violated.length).toBeGreaterThanOrEqual(3);
    for (const verdict of violated) expect(verdict.counterexample).toBeDefined();

    const reasons = await reasonsOf(await post(submitRoute.POST, slug, "/versions/1/submit", author));
    const codes = new Set(reasons.map((r) => r.code));
    expect(codes).toEqual(new Set(["rule_not_exercised", "red_flag_not_pinned", "invariant_violated"]));
    // Every enabled rule is unexercised, every red flag unpinned (there are no test cases at all).
    const enabled = unsafe.rules.filter((r) => r.enabled !== false);
    expect(reasons.filter((r) => r.code === "rule_not_exercised")).toHaveLength(enabled.length);
    expect(reasons.filter((r) => r.code === "red_flag_not_pinned")).toHaveLength(enabled.filter((r) => (r.tags ?? []).includes("red-flag")).length);
    const invariantMessages = reasons.filter((r) => r.code === "invariant_violated").map((r) => r.message).join("\n");
    expect(invariantMessages).toMatch(/numbness|tingling/i); // the demoted red flag
    expect(invariantMessages).toMatch(/self-care/i); // self-care by default, with red flags unanswered
    expect(invariantMessages).toMatch(/48 hours/); // the relaxed time limit
    // Invariants are never waivable; coverage is; each links to where it is fixed.
    expect(reasons.filter((r) => r.code === "invariant_violated").every((r) => !r.waivable)).toBe(true);
    expect(reasons.filter((r) => r.code !== "invariant_violated").every((r) => r.waivable)).toBe(true);
    for (const reason of reasons) expect(reason.href).toMatch(new RegExp(`^/rulesets/${slug}/draft`));

    // Even with the coverage waived, the invariants keep it out.
    expect((await post(waiverRoute.POST, slug, "/coverage-waiver", admin, { reason: "Test suite written separately for this trial" })).status).toBe(200);
    const stillRefused = await reasonsOf(await post(submitRoute.POST, slug, "/versions/1/submit", author));
    expect(new Set(stillRefused.map((r) => r.code))).toEqual(new Set(["invariant_violated"]));
    expect((await testDb().ruleSetVersion.findFirstOrThrow({ where: { ruleSet: { slug }, number: 1 } })).state).toBe("draft");
  });

  it("the coverage waiver: admins only, with a reason, audited, lifted again", async () => {
    const slug = uniqueSlug("waiver");
    await createRuleSet(testDb(), editorOf(author), { slug, title: "Small", document: smallRuleSet(slug) });
    const refused = await reasonsOf(await post(submitRoute.POST, slug, "/versions/1/submit", author));
    expect(new Set(refused.map((r) => r.code))).toEqual(new Set(["rule_not_exercised", "red_flag_not_pinned"]));

    expect((await post(waiverRoute.POST, slug, "/coverage-waiver", author, { reason: "I would like to skip this" })).status).toBe(403);
    expect((await post(waiverRoute.POST, slug, "/coverage-waiver", reviewer, { reason: "I would like to skip this" })).status).toBe(403);
    const noReason = await post(waiverRoute.POST, slug, "/coverage-waiver", admin, {});
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { errors: { path: string }[] }).errors[0].path).toBe("reason");

    expect((await post(waiverRoute.POST, slug, "/coverage-waiver", admin, { reason: "Pilot content; suite under clinical review" })).status).toBe(200);
    expect((await post(waiverRoute.POST, slug, "/coverage-waiver", admin, { reason: "again" + " and again" })).status).toBe(409);
    expect((await post(submitRoute.POST, slug, "/versions/1/submit", author)).status).toBe(200);

    expect((await request(waiverRoute.DELETE, "DELETE", slug, "/coverage-waiver", admin)).status).toBe(200);
    expect((await request(waiverRoute.DELETE, "DELETE", slug, "/coverage-waiver", admin)).status).toBe(409);
    // Lifted before approval: the gate runs again at approval and refuses.
    expect(new Set((await reasonsOf(await post(approveRoute.POST, slug, "/versions/1/approve", reviewer))).map((r) => r.code))).toEqual(new Set(["rule_not_exercised", "red_flag_not_pinned"]));

    const audit = await auditOf(slug);
    const waived = audit.find((row) => row.action === "ruleset.coverage_waived")!;
    expect(waived.actorId).toBe(admin.user.id);
    expect(waived.details).toMatchObject({ reason: "Pilot content; suite under clinical review" });
    expect(audit.find((row) => row.action === "ruleset.coverage_waiver_lifted")?.details).toMatchObject({ reason: "Pilot content; suite under clinical review" });
  });

  it("a reduction in urgency must be acknowledged with a reason by the approving reviewer, and is stored with the review and in the audit log", async () => {
    const slug = uniqueSlug("reduce");
    await createRuleSet(testDb(), editorOf(author), { slug, title: "Small", document: smallRuleSet(slug) });
    await saveDraft(testDb(), editorOf(author), slug, { baseRevision: 1, testCases: smallRuleSetCases });
    expect((await post(submitRoute.POST, slug, "/versions/1/submit", author)).status).toBe(200);
    expect((await post(approveRoute.POST, slug, "/versions/1/approve", reviewer)).status).toBe(200);
    expect((await post(publishRoute.POST, slug, "/versions/1/publish", reviewer)).status).toBe(200);

    // Version 2 sends pain without saddle numbness... nowhere: the benign rule is removed, so no disposition.
    await post(draftRoute.POST, slug, "/draft", author);
    const v2 = smallRuleSet(slug);
    v2.rules = v2.rules.filter((rule) => rule.id !== "benign");
    const draft = await testDb().ruleSetVersion.findFirstOrThrow({ where: { ruleSet: { slug }, state: "draft" } });
    await saveDraft(testDb(), editorOf(author), slug, { baseRevision: draft.revision, document: v2, testCases: [smallRuleSetCases[0]] });
    const impact = (await (await post(impactRoute.POST, slug, "/draft/impact", author)).json()) as { exact: { comparable: boolean; reductions: { status: string } } };
    expect(impact.exact).toMatchObject({ comparable: true, reductions: { status: "found" } });
    expect((await post(submitRoute.POST, slug, "/versions/2/submit", author, undefined, "2")).status).toBe(200);

    // The review packet says what the reviewer must acknowledge, found by the solver now.
    const packet = (await (await request(reviewRoute.GET, "GET", slug, "/versions/2/review", reviewer, undefined, "2")).json()) as {
      reductionsToAcknowledge: { published: { disposition: string | null }; draft: { disposition: string | null }; counterexample: { answers: Record<string, unknown> } }[];
      verification: { summary: { allProven: boolean } };
    };
    expect(packet.verification.summary.allProven).toBe(true);
    expect(packet.reductionsToAcknowledge.map((pair) => [pair.published.disposition, pair.draft.disposition])).toEqual([["self_care", null]]);
    expect(packet.reductionsToAcknowledge[0].counterexample.answers).toEqual({ pain_present: true, saddle_numbness: false });

    const missing = await reasonsOf(await post(approveRoute.POST, slug, "/versions/2/approve", reviewer, {}, "2"));
    expect(missing.map((r) => r.code)).toEqual(["reduction_not_acknowledged"]);
    expect(missing[0].message).toContain("“Self-care” where this version gives “no disposition”");
    expect(missing[0].href).toBe(`/rulesets/${slug}/versions/2/review#reductions`);

    const wrongPair = await post(approveRoute.POST, slug, "/versions/2/approve", reviewer, { acknowledgements: [{ published: "emergency", draft: "self_care", reason: "not a real reduction here" }] }, "2");
    expect(wrongPair.status).toBe(400);
    expect(((await wrongPair.json()) as { errors: { path: string }[] }).errors[0].path).toBe("acknowledgements.0");
    const tooShort = await post(approveRoute.POST, slug, "/versions/2/approve", reviewer, { acknowledgements: [{ published: "self_care", draft: null, reason: "ok" }] }, "2");
    expect(tooShort.status).toBe(400);
    expect(((await tooShort.json()) as { errors: { path: string }[] }).errors[0].path).toBe("acknowledgements.0.reason");

    const acknowledgement = { published: "self_care", draft: null, reason: "Pain without red flags is out of scope now: the client shows its own advice" };
    const approved = await post(approveRoute.POST, slug, "/versions/2/approve", reviewer, { acknowledgements: [acknowledgement] }, "2");
    expect(approved.status).toBe(200);
    const review = await testDb().review.findFirstOrThrow({ where: { version: { ruleSet: { slug }, number: 2 } } });
    expect(review.comparedWithVersion).toBe(1);
    expect(review.acknowledgements).toEqual([acknowledgement]);
    expect((await post(publishRoute.POST, slug, "/versions/2/publish", reviewer, undefined, "2")).status).toBe(200);

    const audit = await auditOf(slug);
    expect(audit.filter((row) => row.action === "version.approved").at(-1)?.details).toMatchObject({ version: 2, comparedWithVersion: 1, acknowledgedReductions: [acknowledgement] });
    expect(audit.filter((row) => row.action === "version.published").at(-1)?.details).toMatchObject({ version: 2, comparedWithVersion: 1, acknowledgedReductions: [acknowledgement] });
    const stages = await testDb().verification.findMany({ where: { version: { ruleSet: { slug }, number: 2 } }, orderBy: { at: "asc" } });
    expect(stages.map((v) => [v.stage, v.comparedWithVersion, v.allProven])).toEqual([
      ["submit", 1, true],
      ["approve", 1, true],
      ["publish", 1, true],
    ]);
  });

  it("refuses to publish a version whose reductions were reviewed against a version that is no longer the published one", async () => {
    const slug = uniqueSlug("moved");
    await createRuleSet(testDb(), editorOf(author), { slug, title: "Small", document: smallRuleSet(slug) });
    await saveDraft(testDb(), editorOf(author), slug, { baseRevision: 1, testCases: smallRuleSetCases });
    await post(submitRoute.POST, slug, "/versions/1/submit", author);
    await post(approveRoute.POST, slug, "/versions/1/approve", reviewer);
    await post(publishRoute.POST, slug, "/versions/1/publish", reviewer);

    // v2 (no change) is approved against v1...
    await post(draftRoute.POST, slug, "/draft", author);
    expect((await post(submitRoute.POST, slug, "/versions/2/submit", author, undefined, "2")).status).toBe(200);
    expect((await post(approveRoute.POST, slug, "/versions/2/approve", reviewer, undefined, "2")).status).toBe(200);
    // ...then v3, which drops the benign rule (a reduction, acknowledged), is published first.
    await post(draftRoute.POST, slug, "/draft", author, { fromVersion: 1 });
    const v3 = smallRuleSet(slug);
    v3.rules = v3.rules.filter((rule) => rule.id !== "benign");
    const draft = await testDb().ruleSetVersion.findFirstOrThrow({ where: { ruleSet: { slug }, state: "draft" } });
    await saveDraft(testDb(), editorOf(author), slug, { baseRevision: draft.revision, document: v3, testCases: [smallRuleSetCases[0]] });
    await post(submitRoute.POST, slug, "/versions/3/submit", author, undefined, "3");
    const ack = { published: "self_care", draft: null, reason: "Out of scope for this checker from now on" };
    expect((await post(approveRoute.POST, slug, "/versions/3/approve", reviewer2, { acknowledgements: [ack] }, "3")).status).toBe(200);
    expect((await post(publishRoute.POST, slug, "/versions/3/publish", reviewer2, undefined, "3")).status).toBe(200);

    // v2 would now bring back self-care where v3 gives nothing: an increase, fine; but v2 was reviewed against v1.
    // Nothing to acknowledge against v3, so it may be published.
    expect((await post(publishRoute.POST, slug, "/versions/2/publish", reviewer, undefined, "2")).status).toBe(200);

    // The other way round: v4 = v3 (no disposition for pain) approved against v2, then v1 rolled... use v5 to move the baseline.
    await post(draftRoute.POST, slug, "/draft", author, { fromVersion: 3 });
    await post(submitRoute.POST, slug, "/versions/4/submit", author, undefined, "4");
    const ack4 = { published: "self_care", draft: null, reason: "Out of scope for this checker from now on" };
    expect((await post(approveRoute.POST, slug, "/versions/4/approve", reviewer2, { acknowledgements: [ack4] }, "4")).status).toBe(200);
    // The published version moves (rollback to v1) after v4 was approved against v2.
    const { rollback } = await import("@/lib/reviews/publishing");
    await rollback(testDb(), { userId: reviewer.user.id, email: reviewer.user.email, name: reviewer.user.name, roles: ["reviewer"], via: "token" }, slug, { toVersion: 1, reason: "Back to the first version for now" });
    const reasons = await reasonsOf(await post(publishRoute.POST, slug, "/versions/4/publish", reviewer2, undefined, "4"));
    expect(reasons[0].code).toBe("reduction_not_acknowledged");
    expect(reasons[0].message).toMatch(/published version changed since this version was approved/);
    expect(reasons[0].href).toBe(`/rulesets/${slug}`);
  });
});
