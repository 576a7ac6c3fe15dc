import type { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as submitRoute from "@/app/api/admin/rulesets/[slug]/versions/[n]/submit/route";
import * as approveRoute from "@/app/api/admin/rulesets/[slug]/versions/[n]/approve/route";
import * as changesRoute from "@/app/api/admin/rulesets/[slug]/versions/[n]/request-changes/route";
import * as publishRoute from "@/app/api/admin/rulesets/[slug]/versions/[n]/publish/route";
import * as rollbackRoute from "@/app/api/admin/rulesets/[slug]/rollback/route";
import * as withdrawRoute from "@/app/api/admin/rulesets/[slug]/withdraw/route";
import * as auditRoute from "@/app/api/admin/audit/route";
import * as commentsRoute from "@/app/api/admin/rulesets/[slug]/comments/route";
import * as testsRoute from "@/app/api/admin/rulesets/[slug]/draft/tests/route";
import * as draftRoute from "@/app/api/admin/rulesets/[slug]/draft/route";
import { createRuleSet, saveDraft } from "@/lib/rulesets/drafts";
import { apiUser, call } from "../setup/api";
import { testDb } from "../setup/fixtures";
import { redFlagCase, smallRuleSet, smallRuleSetCases, uniqueSlug } from "../setup/rule-set-fixture";

type Caller = Awaited<ReturnType<typeof apiUser>>;

async function draftFor(author: Caller, withTests = true) {
  const slug = uniqueSlug("life");
  const editor = { id: author.user.id, label: author.user.email, via: "token" as const };
  await createRuleSet(testDb(), editor, { slug, title: "Small", document: smallRuleSet(slug) });
  if (withTests) await saveDraft(testDb(), editor, slug, { baseRevision: 1, testCases: smallRuleSetCases });
  return slug;
}

type AnyRoute = (request: NextRequest, context: { params: Promise<never> }) => Promise<Response>;

const post = (handler: AnyRoute, slug: string, path: string, caller: Caller, body?: unknown, n = "1") =>
  call(handler as never, { method: "POST", path: `/api/admin/rulesets/${slug}${path}`, params: { slug, n }, token: caller.token, body });

describe("review lifecycle over the admin API", () => {
  let author: Caller;
  let reviewer: Caller;
  let reviewer2: Caller;
  let admin: Caller;
  beforeAll(async () => {
    [author, reviewer, reviewer2, admin] = await Promise.all([
      apiUser(["author"]),
      apiUser(["reviewer"]),
      apiUser(["reviewer"]),
      apiUser(["admin"]),
    ]);
  });

  it("runs draft → in review → approved → published, and the audit log has every step", async () => {
    const slug = await draftFor(author);
    const submitted = await post(submitRoute.POST, slug, "/versions/1/submit", author);
    expect(submitted.status).toBe(200);
    expect(await submitted.json()).toMatchObject({ state: "in_review" });

    // Frozen: the draft is gone, so saving is refused.
    const save = await call(draftRoute.PUT, { method: "PUT", path: `/api/admin/rulesets/${slug}/draft`, params: { slug }, token: author.token, headers: { "if-match": "2" }, body: smallRuleSet(slug) });
    expect(save.status).toBe(404);

    const approved = await post(approveRoute.POST, slug, "/versions/1/approve", reviewer, { comment: "Looks right" });
    expect(await approved.json()).toMatchObject({ state: "approved", approvals: 1, requiredApprovals: 1 });
    const published = await post(publishRoute.POST, slug, "/versions/1/publish", reviewer);
    expect(published.status).toBe(200);
    const ruleSet = await testDb().ruleSet.findUniqueOrThrow({ where: { slug }, include: { currentVersion: true } });
    expect(ruleSet.currentVersion?.number).toBe(1);

    const audit = await call(auditRoute.GET, { path: `/api/admin/audit?ruleSet=${slug}`, params: {}, token: admin.token });
    const actions = ((await audit.json()) as { rows: { action: string }[] }).rows.map((row) => row.action).reverse();
    expect(actions).toEqual(["ruleset.created", "draft.saved", "version.submitted", "version.approved", "version.published"]);
    const csv = await call(auditRoute.GET, { path: `/api/admin/audit?ruleSet=${slug}&format=csv`, params: {}, token: reviewer.token });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).split(/\r?\n/)[0]).toBe("id,time_utc,actor,via,action,target_type,target,details");
  });

  it("refuses a submission with lint errors or failing tests, listing the reasons", async () => {
    const slug = await draftFor(author, false);
    const editor = { id: author.user.id, label: author.user.email, via: "token" as const };
    await saveDraft(testDb(), editor, slug, {
      baseRevision: 1,
      testCases: [{ ...redFlagCase, expected: { disposition: "self_care" } }],
    });
    const refused = await post(submitRoute.POST, slug, "/versions/1/submit", author);
    expect(refused.status).toBe(409);
    const problem = (await refused.json()) as { code: string; reasons: { code: string; message: string; href: string }[] };
    expect(problem.code).toBe("not_ready");
    expect(problem.reasons.map((r) => r.message).join(" ")).toContain("Saddle numbness is an emergency");
    // Every reason links to where it is fixed.
    expect(problem.reasons.find((r) => r.code === "test_failing")?.href).toBe(`/rulesets/${slug}/draft/tests?case=red_flag`);

    const broken = smallRuleSet(slug);
    broken.rules[0].disposition = "nowhere";
    await saveDraft(testDb(), editor, slug, { baseRevision: 2, document: broken, testCases: [] });
    const lint = await post(submitRoute.POST, slug, "/versions/1/submit", author);
    expect(((await lint.json()) as { reasons: { message: string }[] }).reasons[0].message).toMatch(/^Lint error:/);
  });

  it("enforces four-eyes on the server: the author cannot approve even as a reviewer", async () => {
    const authorReviewer = await apiUser(["reviewer"]);
    const slug = await draftFor(authorReviewer);
    await post(submitRoute.POST, slug, "/versions/1/submit", authorReviewer);
    const selfApproval = await post(approveRoute.POST, slug, "/versions/1/approve", authorReviewer);
    expect(selfApproval.status).toBe(403);
    expect(await selfApproval.json()).toMatchObject({ code: "four_eyes" });
    const selfChanges = await post(changesRoute.POST, slug, "/versions/1/request-changes", authorReviewer, { comment: "mine" });
    expect(selfChanges.status).toBe(403);
    // An author without the reviewer role is refused by role, and an admin cannot approve.
    expect((await post(approveRoute.POST, slug, "/versions/1/approve", author)).status).toBe(403);
    expect((await post(approveRoute.POST, slug, "/versions/1/approve", admin)).status).toBe(403);
  });

  it("needs as many distinct approvals as the rule set requires", async () => {
    const slug = await draftFor(author);
    await testDb().ruleSet.update({ where: { slug }, data: { requiredApprovals: 2 } });
    await post(submitRoute.POST, slug, "/versions/1/submit", author);
    expect(await (await post(approveRoute.POST, slug, "/versions/1/approve", reviewer)).json()).toMatchObject({ state: "in_review", approvals: 1 });
    expect((await post(approveRoute.POST, slug, "/versions/1/approve", reviewer)).status).toBe(409);
    expect((await post(publishRoute.POST, slug, "/versions/1/publish", reviewer)).status).toBe(409);
    expect(await (await post(approveRoute.POST, slug, "/versions/1/approve", reviewer2)).json()).toMatchObject({ state: "approved", approvals: 2 });
  });

  it("sends a version back with comments that carry over into the next draft", async () => {
    const slug = await draftFor(author);
    await post(submitRoute.POST, slug, "/versions/1/submit", author);
    const badRule = await post(changesRoute.POST, slug, "/versions/1/request-changes", reviewer, { comment: "x", ruleComments: [{ ruleId: "nope", body: "?" }] });
    expect(badRule.status).toBe(400);
    expect(((await badRule.json()) as { errors: { path: string }[] }).errors[0].path).toBe("ruleComments.0.ruleId");
    expect((await post(changesRoute.POST, slug, "/versions/1/request-changes", reviewer, {})).status).toBe(400);

    const sent = await post(changesRoute.POST, slug, "/versions/1/request-changes", reviewer, {
      comment: "Add the duration rule",
      ruleComments: [{ ruleId: "benign", body: "Say what to watch for" }],
    });
    expect(await sent.json()).toMatchObject({ state: "changes_requested", draftNumber: 2 });
    const comments = await call(commentsRoute.GET, { path: `/api/admin/rulesets/${slug}/comments`, params: { slug }, token: author.token });
    expect(((await comments.json()) as { comments: { ruleId: string | null; versionNumber: number }[] }).comments).toEqual([
      expect.objectContaining({ ruleId: null, versionNumber: 1 }),
      expect.objectContaining({ ruleId: "benign", versionNumber: 1 }),
    ]);
    // The new draft carries the test cases, and the reviewer did not become its author.
    const tests = await call(testsRoute.GET, { path: `/api/admin/rulesets/${slug}/draft/tests`, params: { slug }, token: author.token });
    expect(((await tests.json()) as { testCases: unknown[] }).testCases).toHaveLength(smallRuleSetCases.length);
    await post(submitRoute.POST, slug, "/versions/2/submit", author, undefined, "2");
    expect((await post(approveRoute.POST, slug, "/versions/2/approve", reviewer, undefined, "2")).status).toBe(200);
  });

  it("requesting changes keeps a draft the authors already started (one draft per rule set), never a server error", async () => {
    const slug = await draftFor(author);
    await post(submitRoute.POST, slug, "/versions/1/submit", author);
    await post(approveRoute.POST, slug, "/versions/1/approve", reviewer);
    await post(publishRoute.POST, slug, "/versions/1/publish", reviewer);
    await post(draftRoute.POST, slug, "/draft", author);
    await post(submitRoute.POST, slug, "/versions/2/submit", author, undefined, "2");
    // While v2 is in review, an author starts v3 from v1.
    expect((await post(draftRoute.POST, slug, "/draft", author, { fromVersion: 1 })).status).toBe(201);
    const sent = await post(changesRoute.POST, slug, "/versions/2/request-changes", reviewer, { comment: "Please reword", ruleComments: [] }, "2");
    expect(sent.status).toBe(200);
    expect(await sent.json()).toMatchObject({ state: "changes_requested", draftNumber: 3, draftKept: true, draftBasedOn: 1 });
    const drafts = await testDb().ruleSetVersion.count({ where: { ruleSet: { slug }, state: "draft" } });
    expect(drafts).toBe(1);
  });

  it("answers 409 for every transition from the wrong state", async () => {
    const slug = await draftFor(author);
    expect((await post(approveRoute.POST, slug, "/versions/1/approve", reviewer)).status).toBe(409);
    expect((await post(publishRoute.POST, slug, "/versions/1/publish", reviewer)).status).toBe(409);
    expect((await post(changesRoute.POST, slug, "/versions/1/request-changes", reviewer, { comment: "no" })).status).toBe(409);
    await post(submitRoute.POST, slug, "/versions/1/submit", author);
    expect((await post(submitRoute.POST, slug, "/versions/1/submit", author)).status).toBe(409);
    expect((await post(withdrawRoute.POST, slug, "/withdraw", reviewer, { reason: "not published yet" })).status).toBe(409);
    expect((await post(rollbackRoute.POST, slug, "/rollback", reviewer, { toVersion: 1, reason: "nothing to roll back" })).status).toBe(409);
    expect((await post(submitRoute.POST, slug, "/versions/9/submit", author, undefined, "9")).status).toBe(404);
  });

  it("rolls back to an earlier published version with a reason, and withdraws with a reason", async () => {
    const slug = await draftFor(author);
    await post(submitRoute.POST, slug, "/versions/1/submit", author);
    await post(approveRoute.POST, slug, "/versions/1/approve", reviewer);
    await post(publishRoute.POST, slug, "/versions/1/publish", admin);
    await post(draftRoute.POST, slug, "/draft", author);
    await post(submitRoute.POST, slug, "/versions/2/submit", author, undefined, "2");
    await post(approveRoute.POST, slug, "/versions/2/approve", reviewer, undefined, "2");
    await post(publishRoute.POST, slug, "/versions/2/publish", reviewer, undefined, "2");

    expect((await post(rollbackRoute.POST, slug, "/rollback", reviewer, { toVersion: 1 })).status).toBe(400);
    expect((await post(rollbackRoute.POST, slug, "/rollback", author, { toVersion: 1, reason: "bad content" })).status).toBe(403);
    const rolled = await post(rollbackRoute.POST, slug, "/rollback", reviewer, { toVersion: 1, reason: "v2 sends too many people to self-care" });
    expect(await rolled.json()).toEqual({ currentVersion: 1, previousVersion: 2, withdrawalLifted: false });

    const withdrawn = await post(withdrawRoute.POST, slug, "/withdraw", admin, { reason: "Safety review of all content" });
    expect(withdrawn.status).toBe(200);
    const ruleSet = await testDb().ruleSet.findUniqueOrThrow({ where: { slug }, include: { publicationEvents: { orderBy: { at: "asc" } } } });
    expect(ruleSet.withdrawnReason).toBe("Safety review of all content");
    expect(ruleSet.publicationEvents.map((event) => event.kind)).toEqual(["published", "published", "rolled_back", "withdrawn"]);
  });

  it("filters the audit log and refuses it to authors", async () => {
    expect((await call(auditRoute.GET, { path: "/api/admin/audit", params: {}, token: author.token })).status).toBe(403);
    const bad = await call(auditRoute.GET, { path: "/api/admin/audit?from=yesterday", params: {}, token: admin.token });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0].path).toBe("from");
    const filtered = await call(auditRoute.GET, { path: `/api/admin/audit?user=${author.user.email}&action=version.submitted`, params: {}, token: admin.token });
    const rows = ((await filtered.json()) as { rows: { actor: string; action: string }[] }).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.actor === author.user.email && row.action === "version.submitted")).toBe(true);
  });
});

describe("the database protects the record", () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it("refuses SQL updates and deletes of published versions, audit rows, reviews, publication events and verifications", async () => {
    const author = await apiUser(["author"]);
    const reviewer = await apiUser(["reviewer"]);
    const slug = await draftFor(author);
    await post(submitRoute.POST, slug, "/versions/1/submit", author);
    await post(approveRoute.POST, slug, "/versions/1/approve", reviewer);
    await post(publishRoute.POST, slug, "/versions/1/publish", reviewer);
    const { rows } = await client.query<{ id: string }>(`SELECT v.id FROM "RuleSetVersion" v JOIN "RuleSet" r ON r.id = v."ruleSetId" WHERE r.slug = $1`, [slug]);
    await expect(client.query(`UPDATE "RuleSetVersion" SET document = '{}' WHERE id = $1`, [rows[0].id])).rejects.toThrow(/immutable/);
    await expect(client.query(`DELETE FROM "RuleSetVersion" WHERE id = $1`, [rows[0].id])).rejects.toThrow(/never deleted/);
    await expect(client.query(`UPDATE "AuditEvent" SET action = 'x' WHERE "targetId" = $1`, [slug])).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM "AuditEvent" WHERE "targetId" = $1`, [slug])).rejects.toThrow(/append-only/);
    await expect(client.query(`UPDATE "Review" SET comment = 'x' WHERE "versionId" = $1`, [rows[0].id])).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM "PublicationEvent" WHERE "versionId" = $1`, [rows[0].id])).rejects.toThrow(/append-only/);
    // What the solver proved at submit, approve and publish is evidence too.
    const verifications = await client.query<{ stage: string }>(`SELECT stage FROM "Verification" WHERE "versionId" = $1 ORDER BY at`, [rows[0].id]);
    expect(verifications.rows.map((row) => row.stage)).toEqual(["submit", "approve", "publish"]);
    await expect(client.query(`UPDATE "Verification" SET "allProven" = true WHERE "versionId" = $1`, [rows[0].id])).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM "Verification" WHERE "versionId" = $1`, [rows[0].id])).rejects.toThrow(/append-only/);
  });
});

