import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as collection from "@/app/api/admin/rulesets/route";
import * as single from "@/app/api/admin/rulesets/[slug]/route";
import * as draftRoute from "@/app/api/admin/rulesets/[slug]/draft/route";
import * as versionRoute from "@/app/api/admin/rulesets/[slug]/versions/[n]/route";
import * as diffRoute from "@/app/api/admin/rulesets/[slug]/diff/route";
import type { RuleSet } from "@/lib/engine";
import { apiUser, call } from "../setup/api";
import { testDb } from "../setup/fixtures";

const slugFor = (label: string) => `${label}-${randomBytes(3).toString("hex")}`;

async function createRuleSet(token: string, slug = slugFor("rs")) {
  const response = await call(collection.POST, {
    method: "POST",
    path: "/api/admin/rulesets",
    params: {},
    token,
    body: { slug, title: "Back pain", description: "Adults with back pain" },
  });
  expect(response.status).toBe(201);
  return slug;
}

async function getDraft(token: string, slug: string) {
  const response = await call(draftRoute.GET, { path: `/api/admin/rulesets/${slug}/draft`, params: { slug }, token });
  expect(response.status).toBe(200);
  return { etag: response.headers.get("etag"), body: (await response.json()) as { revision: number; document: RuleSet; lint: unknown[] } };
}

function withRedFlag(document: RuleSet): RuleSet {
  return {
    ...document,
    facts: [
      ...document.facts,
      { id: "saddle_numbness", type: "boolean", question: "New numbness in the saddle area?", label: "saddle numbness" },
    ],
    rules: [
      ...document.rules,
      {
        id: "cauda_equina",
        title: "Possible cauda equina",
        when: { fact: "saddle_numbness", op: "eq", value: true },
        disposition: "emergency",
        guidance: [],
        rationale: "Saddle anaesthesia is a red flag.",
        citations: [],
        enabled: true,
        tags: ["red-flag"],
      },
    ],
  };
}

describe("admin rule-set API", () => {
  it("creates a rule set with a first draft, lists it, and summarises it with its versions", async () => {
    const { token } = await apiUser(["author"]);
    const slug = await createRuleSet(token);

    const list = await call(collection.GET, { path: `/api/admin/rulesets?q=${slug}`, params: {}, token });
    expect(list.status).toBe(200);
    const { ruleSets } = (await list.json()) as { ruleSets: Array<{ slug: string; draft: { number: number; revision: number } }> };
    expect(ruleSets).toHaveLength(1);
    expect(ruleSets[0]).toMatchObject({ slug, draft: { number: 1, revision: 1 } });

    const summary = await call(single.GET, { path: `/api/admin/rulesets/${slug}`, params: { slug }, token });
    expect(await summary.json()).toMatchObject({ slug, title: "Back pain", draftNumber: 1, versions: [{ number: 1, state: "draft" }] });
    const audit = await testDb().auditEvent.findFirst({ where: { action: "ruleset.created", targetId: slug } });
    expect(audit).not.toBeNull();
  });

  it("answers 400 naming each field for a bad rule set, and 409 for a taken slug", async () => {
    const { token } = await apiUser(["author"]);
    const bad = await call(collection.POST, {
      method: "POST",
      path: "/api/admin/rulesets",
      params: {},
      token,
      body: { slug: "Back Pain!", title: "" },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await bad.json()) as { errors: Array<{ path: string }> };
    expect(problem.errors.map((error) => error.path).sort()).toEqual(["slug", "title"]);

    const slug = await createRuleSet(token);
    const taken = await call(collection.POST, { method: "POST", path: "/api/admin/rulesets", params: {}, token, body: { slug, title: "Again" } });
    expect(taken.status).toBe(409);

    const notJson = await call(collection.POST, {
      method: "POST",
      path: "/api/admin/rulesets",
      params: {},
      token,
      rawBody: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: "invalid_json" });
  });

  it("refuses callers without identity (401) and without a role that may view rule sets (403); admins may list but not create", async () => {
    const { token: noRoles } = await apiUser([]);
    expect((await call(collection.GET, { path: "/api/admin/rulesets", params: {} })).status).toBe(401);
    const forbidden = await call(collection.GET, { path: "/api/admin/rulesets", params: {}, token: noRoles });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ code: "forbidden" });
    const { token: reviewer } = await apiUser(["reviewer"]);
    expect((await call(collection.GET, { path: "/api/admin/rulesets", params: {}, token: reviewer })).status).toBe(200);
    const { token: adminOnly } = await apiUser(["admin"]);
    expect((await call(collection.GET, { path: "/api/admin/rulesets", params: {}, token: adminOnly })).status).toBe(200);
    const create = await call(collection.POST, { method: "POST", path: "/api/admin/rulesets", params: {}, token: adminOnly, body: { slug: "admin-may-not-create", title: "No" } });
    expect(create.status).toBe(403);
  });

  it("saves the draft with If-Match, bumps the revision, and records what changed", async () => {
    const { token } = await apiUser(["author"]);
    const slug = await createRuleSet(token);
    const { etag, body } = await getDraft(token, slug);
    expect(etag).toBe('"1"');

    const saved = await call(draftRoute.PUT, {
      method: "PUT",
      path: `/api/admin/rulesets/${slug}/draft`,
      params: { slug },
      token,
      headers: { "if-match": etag! },
      body: withRedFlag(body.document),
    });
    expect(saved.status).toBe(200);
    expect(saved.headers.get("etag")).toBe('"2"');
    const result = (await saved.json()) as { revision: number; summary: string };
    expect(result.revision).toBe(2);
    expect(result.summary).toMatch(/rule/);

    const after = await getDraft(token, slug);
    expect(after.body.document.rules.map((rule) => rule.id)).toEqual(["cauda_equina"]);
    const audit = await testDb().auditEvent.findFirstOrThrow({ where: { action: "draft.saved", targetId: slug } });
    expect(audit.details).toMatchObject({ revision: 2, via: "api" });
  });

  it("refuses a stale save with 412, saying who changed what, and keeps the newer content", async () => {
    const { token: first } = await apiUser(["author"]);
    const { token: second, user: secondUser } = await apiUser(["author"]);
    const slug = await createRuleSet(first);
    const { body } = await getDraft(first, slug);

    const winner = await call(draftRoute.PUT, {
      method: "PUT",
      path: `/api/admin/rulesets/${slug}/draft`,
      params: { slug },
      token: second,
      headers: { "if-match": "1" },
      body: withRedFlag(body.document),
    });
    expect(winner.status).toBe(200);

    const stale = await call(draftRoute.PUT, {
      method: "PUT",
      path: `/api/admin/rulesets/${slug}/draft`,
      params: { slug },
      token: first,
      headers: { "if-match": '"1"' },
      body: { ...body.document, metadata: { ...body.document.metadata, title: "My edit" } },
    });
    expect(stale.status).toBe(412);
    const problem = (await stale.json()) as { code: string; currentRevision: number; savedBy: string; summary: string; detail: string };
    expect(problem).toMatchObject({ code: "stale_revision", currentRevision: 2, savedBy: secondUser.name });
    expect(problem.summary).toMatch(/rule/);
    expect(problem.detail).toContain("Nothing was saved");
    const current = await getDraft(first, slug);
    expect(current.body.revision).toBe(2);
    expect(current.body.document.metadata.title).toBe("Back pain");
  });

  it("requires If-Match (428) and rejects an invalid document with field paths (400), writing nothing", async () => {
    const { token } = await apiUser(["author"]);
    const slug = await createRuleSet(token);
    const { body } = await getDraft(token, slug);

    const missing = await call(draftRoute.PUT, { method: "PUT", path: `/api/admin/rulesets/${slug}/draft`, params: { slug }, token, body: body.document });
    expect(missing.status).toBe(428);

    const invalid = await call(draftRoute.PUT, {
      method: "PUT",
      path: `/api/admin/rulesets/${slug}/draft`,
      params: { slug },
      token,
      headers: { "if-match": "1" },
      body: { ...body.document, rules: [{ id: "Bad Id", title: "", when: { fact: "x", op: "eq" }, disposition: "emergency" }] },
    });
    expect(invalid.status).toBe(400);
    const paths = ((await invalid.json()) as { errors: Array<{ path: string }> }).errors.map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(["rules.0.id", "rules.0.title"]));

    const wrongSlug = await call(draftRoute.PUT, {
      method: "PUT",
      path: `/api/admin/rulesets/${slug}/draft`,
      params: { slug },
      token,
      headers: { "if-match": "1" },
      body: { ...body.document, metadata: { ...body.document.metadata, slug: "another" } },
    });
    expect(wrongSlug.status).toBe(400);
    expect(((await wrongSlug.json()) as { errors: Array<{ path: string }> }).errors[0].path).toBe("metadata.slug");
    expect((await getDraft(token, slug)).body.revision).toBe(1);
  });

  it("allows one draft at a time, discards it, and starts the next from a chosen version", async () => {
    const { token } = await apiUser(["author"]);
    const slug = await createRuleSet(token);
    const again = await call(draftRoute.POST, { method: "POST", path: `/api/admin/rulesets/${slug}/draft`, params: { slug }, token });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: "draft_exists", draftNumber: 1 });

    const stale = await call(draftRoute.DELETE, { method: "DELETE", path: `/api/admin/rulesets/${slug}/draft`, params: { slug }, token, headers: { "if-match": "5" } });
    expect(stale.status).toBe(409);
    const discarded = await call(draftRoute.DELETE, { method: "DELETE", path: `/api/admin/rulesets/${slug}/draft`, params: { slug }, token, headers: { "if-match": "1" } });
    expect(discarded.status).toBe(200);
    expect((await call(draftRoute.GET, { path: `/api/admin/rulesets/${slug}/draft`, params: { slug }, token })).status).toBe(404);

    // Version 1 was discarded, so there is nothing to start from.
    const nothing = await call(draftRoute.POST, { method: "POST", path: `/api/admin/rulesets/${slug}/draft`, params: { slug }, token });
    expect(nothing.status).toBe(404);
    const badFrom = await call(draftRoute.POST, { method: "POST", path: `/api/admin/rulesets/${slug}/draft`, params: { slug }, token, body: { fromVersion: "two" } });
    expect(badFrom.status).toBe(400);
    expect(((await badFrom.json()) as { errors: Array<{ path: string }> }).errors[0].path).toBe("fromVersion");
  });

  it("starts a draft from a frozen version and diffs any two versions in plain language", async () => {
    const { token, user } = await apiUser(["author"]);
    const slug = await createRuleSet(token);
    const { body } = await getDraft(token, slug);
    await call(draftRoute.PUT, {
      method: "PUT",
      path: `/api/admin/rulesets/${slug}/draft`,
      params: { slug },
      token,
      headers: { "if-match": "1" },
      body: withRedFlag(body.document),
    });
    // Freeze version 1 the way review will (issue #6): leave the draft state.
    const ruleSet = await testDb().ruleSet.findUniqueOrThrow({ where: { slug } });
    await testDb().ruleSetVersion.update({
      where: { ruleSetId_number: { ruleSetId: ruleSet.id, number: 1 } },
      data: { state: "approved", frozenAt: new Date() },
    });

    const started = await call(draftRoute.POST, { method: "POST", path: `/api/admin/rulesets/${slug}/draft`, params: { slug }, token, body: { fromVersion: 1 } });
    expect(started.status).toBe(201);
    expect(await started.json()).toMatchObject({ draftNumber: 2, revision: 1, basedOnNumber: 1 });
    const v2 = await getDraft(token, slug);
    const edited = structuredClone(v2.body.document);
    edited.rules[0].disposition = "urgent";
    await call(draftRoute.PUT, {
      method: "PUT",
      path: `/api/admin/rulesets/${slug}/draft`,
      params: { slug },
      token,
      headers: { "if-match": "1" },
      body: edited,
    });

    const diff = await call(diffRoute.GET, { path: `/api/admin/rulesets/${slug}/diff?from=1&to=draft`, params: { slug }, token });
    expect(diff.status).toBe(200);
    const payload = JSON.stringify(await diff.json());
    expect(payload).toContain("cauda_equina");
    expect(payload).toContain('"urgencyReduced":true');

    const version = await call(versionRoute.GET, { path: `/api/admin/rulesets/${slug}/versions/1`, params: { slug, n: "1" }, token });
    expect(await version.json()).toMatchObject({ number: 1, state: "approved", createdBy: user.name });
    const exported = await call(versionRoute.GET, { path: `/api/admin/rulesets/${slug}/versions/1?download=1`, params: { slug, n: "1" }, token });
    expect(exported.headers.get("content-disposition")).toContain(`${slug}-v1.json`);
    expect(JSON.parse(await exported.text())).toMatchObject({ schemaVersion: 1, metadata: { slug } });

    expect((await call(versionRoute.GET, { path: `/api/admin/rulesets/${slug}/versions/9`, params: { slug, n: "9" }, token })).status).toBe(404);
    expect((await call(versionRoute.GET, { path: `/api/admin/rulesets/${slug}/versions/x`, params: { slug, n: "x" }, token })).status).toBe(400);
    expect((await call(diffRoute.GET, { path: `/api/admin/rulesets/${slug}/diff?from=&to=1`, params: { slug }, token })).status).toBe(400);
  });

  it("answers 404 for an unknown rule set everywhere", async () => {
    const { token } = await apiUser(["author"]);
    const slug = "no-such-rule-set";
    expect((await call(single.GET, { path: `/api/admin/rulesets/${slug}`, params: { slug }, token })).status).toBe(404);
    expect((await call(draftRoute.GET, { path: `/api/admin/rulesets/${slug}/draft`, params: { slug }, token })).status).toBe(404);
    expect((await call(draftRoute.POST, { method: "POST", path: `/api/admin/rulesets/${slug}/draft`, params: { slug }, token })).status).toBe(404);
  });
});
