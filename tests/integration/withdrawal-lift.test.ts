/**
 * An emergency withdrawal is undone only on purpose: a second withdrawal is
 * refused, publishing and rolling back are refused while withdrawn unless the
 * request lifts the withdrawal with a reason, and a lift is its own
 * publication event and audit row. Over the admin API's route handlers and
 * the public API's, against a real database.
 */
import type { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as publishRoute from "@/app/api/admin/rulesets/[slug]/versions/[n]/publish/route";
import * as rollbackRoute from "@/app/api/admin/rulesets/[slug]/rollback/route";
import * as withdrawRoute from "@/app/api/admin/rulesets/[slug]/withdraw/route";
import * as ruleSetRoute from "@/app/api/admin/rulesets/[slug]/route";
import { apiUser, call } from "../setup/api";
import { inconsistencies, makeTeam, publicationRecord, ruleSetIn, type Caller, type Team } from "../setup/publication-states";
import { startPublicApiServer, type PublicApiServer } from "../setup/public-api-server";

type AnyRoute = (request: NextRequest, context: { params: Promise<never> }) => Promise<Response>;

const post = (handler: AnyRoute, slug: string, path: string, caller: Caller, body?: unknown, n = "1") =>
  call(handler as never, { method: "POST", path: `/api/admin/rulesets/${slug}${path}`, params: { slug, n }, token: caller.token, body });

async function problem(response: Awaited<ReturnType<typeof call>>, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = (await response.json()) as { code: string; detail: string; errors?: { path: string }[]; withdrawnReason?: string };
  expect(body.code).toBe(code);
  return body;
}

describe("withdrawing and lifting a withdrawal", () => {
  let team: Team;
  let author: Caller;
  let admin: Caller;
  let publicApi: PublicApiServer;
  const publicStatus = async (slug: string) => {
    const response = await fetch(`${publicApi.url}/api/public/rulesets/${slug}`);
    const body = (await response.json()) as { version?: number; reason?: string };
    return { status: response.status, version: body.version, reason: body.reason };
  };

  beforeAll(async () => {
    team = await makeTeam();
    author = team.author;
    admin = await apiUser(["admin"]);
    publicApi = await startPublicApiServer();
  });
  afterAll(() => publicApi.close());

  it("a second withdrawal answers 409 already_withdrawn and leaves the first one's reason, event and audit row alone", async () => {
    const slug = await ruleSetIn(team, { published: 1, label: "twice" });
    const first = await post(withdrawRoute.POST, slug, "/withdraw", team.reviewer, { reason: "Saddle numbness advice is wrong" });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ reason: "Saddle numbness advice is wrong", version: 1 });
    const second = await problem(await post(withdrawRoute.POST, slug, "/withdraw", admin, { reason: "Another reason entirely" }), 409, "already_withdrawn");
    expect(second.detail).toContain("Saddle numbness advice is wrong");
    expect(second.withdrawnReason).toBe("Saddle numbness advice is wrong");

    const record = await publicationRecord(slug);
    expect(record.withdrawnReason).toBe("Saddle numbness advice is wrong");
    expect(record.events.map((e) => `${e.kind} v${e.version}`)).toEqual(["published v1", "withdrawn v1"]);
    expect(record.audit.map((row) => row.action)).toEqual(["version.published", "ruleset.withdrawn"]);
    expect(inconsistencies(record)).toEqual([]);
    expect(await publicStatus(slug)).toMatchObject({ status: 410, reason: "Saddle numbness advice is wrong" });
  });

  it("while withdrawn, publishing and rolling back answer 409 withdrawn (lift it first), change nothing, and clients keep getting 410", async () => {
    const slug = await ruleSetIn(team, { published: 2, approved: 1, withdrawn: "Unsafe advice reported", label: "refused" });
    const before = await publicationRecord(slug);

    const publish = await problem(await post(publishRoute.POST, slug, "/versions/3/publish", team.reviewer, undefined, "3"), 409, "withdrawn");
    expect(publish.detail).toMatch(/lift the withdrawal first/);
    expect(publish.detail).toContain("Unsafe advice reported");
    expect(publish.errors?.[0].path).toBe("liftWithdrawal");
    const rolled = await problem(await post(rollbackRoute.POST, slug, "/rollback", admin, { toVersion: 1, reason: "Version 1 was fine" }), 409, "withdrawn");
    expect(rolled.detail).toMatch(/lift the withdrawal first/);
    // Even "rolling back" to the withdrawn version itself does not quietly lift it.
    await problem(await post(rollbackRoute.POST, slug, "/rollback", admin, { toVersion: 2, reason: "It was a false alarm" }), 409, "withdrawn");

    const after = await publicationRecord(slug);
    expect(after.events).toEqual(before.events);
    expect(after.audit).toEqual(before.audit);
    expect(after.states.get(3)).toBe("approved");
    expect(await publicStatus(slug)).toMatchObject({ status: 410, reason: "Unsafe advice reported" });
  });

  it("publishing with liftWithdrawal lifts it on purpose: its own event naming the withdrawn version, its own audit row, then the publication", async () => {
    const slug = await ruleSetIn(team, { published: 1, approved: 1, withdrawn: "Wrong threshold in v1", label: "lift-publish" });
    await problem(await post(publishRoute.POST, slug, "/versions/2/publish", team.reviewer, { liftWithdrawal: { reason: "" } }, "2"), 400, "invalid_input").then((body) =>
      expect(body.errors?.[0].path).toBe("liftWithdrawal.reason"),
    );
    const published = await post(publishRoute.POST, slug, "/versions/2/publish", team.reviewer, { liftWithdrawal: { reason: "Version 2 fixes the threshold" } }, "2");
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ number: 2, state: "published", previousVersion: 1, withdrawalLifted: true });

    const record = await publicationRecord(slug);
    expect(record).toMatchObject({ current: 2, withdrawn: false, withdrawnReason: null });
    expect(record.events.map((e) => `${e.kind} v${e.version} ${e.reason}`.trim())).toEqual([
      "published v1",
      "withdrawn v1 Wrong threshold in v1",
      "withdrawal_lifted v1 Version 2 fixes the threshold",
      "published v2",
    ]);
    expect(record.audit.map((row) => row.action)).toEqual(["version.published", "ruleset.withdrawn", "ruleset.withdrawal_lifted", "version.published"]);
    expect(record.audit[2].details).toMatchObject({
      withdrawnVersion: 1,
      reason: "Version 2 fixes the threshold",
      withdrawnReason: "Wrong threshold in v1",
      clientsNowGet: 2,
      by: "publish",
    });
    expect(record.audit[3].details).toMatchObject({ version: 2, previousVersion: 1, wasWithdrawn: true, withdrawalLifted: true });
    expect(inconsistencies(record)).toEqual([]);
    expect(await publicStatus(slug)).toMatchObject({ status: 200, version: 2 });

    // The admin API's history, newest first, in the order the changes took effect.
    const history = await call(ruleSetRoute.GET, { path: `/api/admin/rulesets/${slug}`, params: { slug }, token: author.token });
    const publications = ((await history.json()) as { publications: { kind: string; versionNumber: number }[] }).publications;
    expect(publications.map((p) => `${p.kind} v${p.versionNumber}`)).toEqual(["published v2", "withdrawal_lifted v1", "withdrawn v1", "published v1"]);
  });

  it("liftWithdrawal when nothing is withdrawn answers 409 not_withdrawn and changes nothing", async () => {
    const slug = await ruleSetIn(team, { published: 2, approved: 1, label: "nothing-to-lift" });
    await problem(await post(publishRoute.POST, slug, "/versions/3/publish", team.reviewer, { liftWithdrawal: { reason: "Just in case" } }, "3"), 409, "not_withdrawn");
    await problem(await post(rollbackRoute.POST, slug, "/rollback", team.reviewer, { toVersion: 1, reason: "Back to one", liftWithdrawal: { reason: "Just in case" } }), 409, "not_withdrawn");
    const record = await publicationRecord(slug);
    expect(record.current).toBe(2);
    expect(record.events.map((e) => e.kind)).toEqual(["published", "published"]);
  });

  it("rolling back with liftWithdrawal: to the withdrawn version makes it available again (one event); to an earlier one, lifted then rolled back", async () => {
    const restored = await ruleSetIn(team, { published: 2, withdrawn: "Possible error, checking", label: "restore" });
    const restore = await post(rollbackRoute.POST, restored, "/rollback", admin, {
      toVersion: 2,
      reason: "False alarm: the content was right",
      liftWithdrawal: { reason: "False alarm: the content was right" },
    });
    expect(restore.status).toBe(200);
    expect(await restore.json()).toEqual({ currentVersion: 2, previousVersion: 2, withdrawalLifted: true });
    const restoredRecord = await publicationRecord(restored);
    expect(restoredRecord.events.map((e) => `${e.kind} v${e.version}`)).toEqual(["published v1", "published v2", "withdrawn v2", "withdrawal_lifted v2"]);
    expect(restoredRecord.audit.at(-1)).toMatchObject({ action: "ruleset.withdrawal_lifted", details: { withdrawnVersion: 2, clientsNowGet: 2, by: "restore" } });
    expect(inconsistencies(restoredRecord)).toEqual([]);
    expect(await publicStatus(restored)).toMatchObject({ status: 200, version: 2 });
    // Now it is not withdrawn, rolling back to the current version is what it always was: already current.
    await problem(await post(rollbackRoute.POST, restored, "/rollback", admin, { toVersion: 2, reason: "again please" }), 409, "already_current");

    const earlier = await ruleSetIn(team, { published: 2, withdrawn: "Version 2 under-triages", label: "lift-rollback" });
    const rolled = await post(rollbackRoute.POST, earlier, "/rollback", team.reviewer, {
      toVersion: 1,
      reason: "Version 1 is safe",
      liftWithdrawal: { reason: "Version 1 did not have the problem" },
    });
    expect(await rolled.json()).toEqual({ currentVersion: 1, previousVersion: 2, withdrawalLifted: true });
    const record = await publicationRecord(earlier);
    expect(record.events.map((e) => `${e.kind} v${e.version}`)).toEqual(["published v1", "published v2", "withdrawn v2", "withdrawal_lifted v2", "rolled_back v1"]);
    expect(record.audit.map((row) => row.action).slice(-2)).toEqual(["ruleset.withdrawal_lifted", "version.rolled_back"]);
    expect(inconsistencies(record)).toEqual([]);
    expect(await publicStatus(earlier)).toMatchObject({ status: 200, version: 1 });
  });

  it("a lift that names an earlier withdrawal is refused once the rule set was withdrawn again (withdrawal_changed)", async () => {
    const slug = await ruleSetIn(team, { published: 1, approved: 1, withdrawn: "First concern", label: "again" });
    const firstAt = (await publicationRecord(slug)).withdrawnAt!.toISOString();
    // Someone lifts the first withdrawal and someone else withdraws again, for another reason…
    expect((await post(rollbackRoute.POST, slug, "/rollback", admin, { toVersion: 1, reason: "Resolved", liftWithdrawal: { reason: "Resolved", withdrawnAt: firstAt } })).status).toBe(200);
    expect((await post(withdrawRoute.POST, slug, "/withdraw", team.reviewer, { reason: "A second, different concern" })).status).toBe(200);
    // …so a form still showing the first withdrawal does not lift the second one unread.
    const stale = await problem(
      await post(publishRoute.POST, slug, "/versions/2/publish", team.reviewer, { liftWithdrawal: { reason: "Fixes the first concern", withdrawnAt: firstAt } }, "2"),
      409,
      "withdrawal_changed",
    );
    expect(stale.detail).toContain("A second, different concern");
    const record = await publicationRecord(slug);
    expect(record).toMatchObject({ current: 1, withdrawn: true, withdrawnReason: "A second, different concern" });
    expect(inconsistencies(record)).toEqual([]);
  });

  it("only reviewers and admins lift a withdrawal", async () => {
    const slug = await ruleSetIn(team, { published: 1, withdrawn: "Checking", label: "roles" });
    const refused = await post(rollbackRoute.POST, slug, "/rollback", author, { toVersion: 1, reason: "I think it is fine", liftWithdrawal: { reason: "I think it is fine" } });
    expect(refused.status).toBe(403);
    expect((await publicationRecord(slug)).withdrawn).toBe(true);
  });
});
