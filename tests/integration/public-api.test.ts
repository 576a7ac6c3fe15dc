import { validate } from "@readme/openapi-parser";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/public/rulesets/route";
import * as ruleSetRoute from "@/app/api/public/rulesets/[slug]/route";
import * as versionRoute from "@/app/api/public/rulesets/[slug]/versions/[n]/route";
import * as evaluateRoute from "@/app/api/public/rulesets/[slug]/evaluate/route";
import * as openapiRoute from "@/app/api/public/openapi.json/route";
import type { Identity } from "@/lib/auth/identity";
import { contentHash } from "@/lib/public/content-hash";
import { approveVersion, submitVersion } from "@/lib/reviews/lifecycle";
import { publishVersion, rollback, withdraw } from "@/lib/reviews/publishing";
import { createRuleSet, saveDraft, startDraft } from "@/lib/rulesets/drafts";
import { makeUser, testDb } from "../setup/fixtures";
import { smallRuleSet, uniqueSlug } from "../setup/rule-set-fixture";

type Handler = (request: NextRequest, context: { params: Promise<never> }) => Promise<Response>;

function request(handler: Handler, path: string, params: Record<string, string>, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const headers = { ...init.headers };
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  return handler(new NextRequest(`http://localhost:3000${path}`, { method: init.method ?? "GET", headers, body }), { params: Promise.resolve(params as never) });
}

const identity = (user: { id: string; email: string; name: string; roles: Identity["roles"] }): Identity => ({
  userId: user.id,
  email: user.email,
  name: user.name,
  roles: user.roles,
  via: "session",
});

describe("public API", () => {
  let author: Identity;
  let reviewer: Identity;
  let slug: string;

  async function publishDraft(number: number) {
    await submitVersion(testDb(), author, slug, number);
    await approveVersion(testDb(), reviewer, slug, number);
    await publishVersion(testDb(), reviewer, slug, number);
  }

  beforeAll(async () => {
    author = identity(await makeUser(["author"]));
    reviewer = identity(await makeUser(["reviewer"]));
    slug = uniqueSlug("public");
    const editor = { id: author.userId, label: author.email, via: "session" as const };
    await createRuleSet(testDb(), editor, { slug, title: "Public", document: smallRuleSet(slug) });
    await publishDraft(1);
    // Version 2 is published with a changed title; version 3 stays a draft.
    await startDraft(testDb(), editor, slug);
    await saveDraft(testDb(), editor, slug, { baseRevision: 1, document: { ...smallRuleSet(slug), metadata: { ...smallRuleSet(slug).metadata, title: "Public v2" } } });
    await publishDraft(2);
    await startDraft(testDb(), editor, slug);
  });

  it("lists published rule sets and serves the current document with its hash, ETag and caching headers", async () => {
    const list = await request(listRoute.GET, "/api/public/rulesets", {});
    expect(list.status).toBe(200);
    expect(list.headers.get("access-control-allow-origin")).toBe("*");
    const { ruleSets } = (await list.json()) as { ruleSets: { slug: string; version: number }[] };
    expect(ruleSets.find((entry) => entry.slug === slug)).toMatchObject({ version: 2 });

    const current = await request(ruleSetRoute.GET, `/api/public/rulesets/${slug}`, { slug });
    expect(current.status).toBe(200);
    expect(current.headers.get("cache-control")).toBe("public, max-age=30, stale-while-revalidate=300");
    const document = (await current.json()) as Record<string, unknown> & { contentHash: string; version: number };
    expect(document).toMatchObject({ schemaVersion: 1, version: 2, metadata: { title: "Public v2" } });
    const { version: _v, publishedAt: _p, contentHash: hash, ...engineDocument } = document;
    void _v;
    void _p;
    expect(await contentHash(engineDocument)).toBe(hash);

    const etag = current.headers.get("etag")!;
    expect(etag).toMatch(/^"v2-[0-9a-f]{32}"$/);
    const notModified = await request(ruleSetRoute.GET, `/api/public/rulesets/${slug}`, { slug }, { headers: { "if-none-match": etag } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
  });

  it("serves numbered versions as immutable and supports HEAD", async () => {
    const v1 = await request(versionRoute.GET, `/api/public/rulesets/${slug}/versions/1`, { slug, n: "1" });
    expect(v1.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(((await v1.json()) as { version: number }).version).toBe(1);
    const head = await request(versionRoute.HEAD, `/api/public/rulesets/${slug}/versions/1`, { slug, n: "1" }, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBeTruthy();
    expect(await head.text()).toBe("");
  });

  it("never shows drafts or unpublished versions: they are indistinguishable from unknown ones", async () => {
    const draft = await request(versionRoute.GET, `/api/public/rulesets/${slug}/versions/3`, { slug, n: "3" });
    const unknown = await request(versionRoute.GET, `/api/public/rulesets/${slug}/versions/99`, { slug, n: "99" });
    expect(draft.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(draft.headers.get("content-type")).toBe("application/problem+json");
    const neutral = (detail: string) => detail.replace(/version \d+/, "version N");
    expect(neutral(((await draft.json()) as { detail: string }).detail)).toBe(neutral(((await unknown.json()) as { detail: string }).detail));
    const unpublishedSlug = uniqueSlug("secret");
    await createRuleSet(testDb(), { id: author.userId, label: author.email, via: "session" }, { slug: unpublishedSlug, title: "Secret" });
    const secret = await request(ruleSetRoute.GET, `/api/public/rulesets/${unpublishedSlug}`, { slug: unpublishedSlug });
    const none = await request(ruleSetRoute.GET, "/api/public/rulesets/never-existed", { slug: "never-existed" });
    expect(secret.status).toBe(404);
    expect(none.status).toBe(404);
    const list = (await (await request(listRoute.GET, "/api/public/rulesets", {})).json()) as { ruleSets: { slug: string }[] };
    expect(list.ruleSets.some((entry) => entry.slug === unpublishedSlug)).toBe(false);
    expect((await request(versionRoute.GET, `/api/public/rulesets/${slug}/versions/abc`, { slug, n: "abc" })).status).toBe(404);
  });

  it("evaluates answers, naming each bad field with 400", async () => {
    const path = `/api/public/rulesets/${slug}/evaluate`;
    const ok = await request(evaluateRoute.POST, path, { slug }, { method: "POST", body: { answers: { saddle_numbness: true } } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      ruleSet: { slug, version: 2 },
      disposition: { id: "emergency", label: "Emergency", urgencyRank: 0 },
      guidance: [{ id: "go_now", title: "Go now" }],
      firedRules: [{ id: "cauda_equina" }],
    });
    const partial = (await (await request(evaluateRoute.POST, path, { slug }, { method: "POST", body: { answers: { pain_present: true } } })).json()) as {
      complete: boolean;
      missingFacts: { id: string }[];
    };
    expect(partial.complete).toBe(false);
    expect(partial.missingFacts.map((fact) => fact.id)).toContain("saddle_numbness");
    const pinned = await request(evaluateRoute.POST, path, { slug }, { method: "POST", body: { answers: {}, version: 1 } });
    expect(((await pinned.json()) as { ruleSet: { version: number } }).ruleSet.version).toBe(1);

    const bad = await request(evaluateRoute.POST, path, { slug }, { method: "POST", body: { answers: { saddle_numbness: "yes", nope: true } } });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path).sort()).toEqual(["answers.nope", "answers.saddle_numbness"]);
    const shape = await request(evaluateRoute.POST, path, { slug }, { method: "POST", body: { answer: {} } });
    expect(shape.status).toBe(400);
    const notJson = await request(evaluateRoute.POST, path, { slug }, { method: "POST", body: "{", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect((await request(evaluateRoute.POST, path, { slug }, { method: "POST", body: { answers: {}, version: 3 } })).status).toBe(404);
  });

  it("rate-limits evaluate per client address with 429 and Retry-After", async () => {
    const path = `/api/public/rulesets/${slug}/evaluate`;
    const address = `10.77.${Math.floor(Math.random() * 200)}.1`;
    let last: Response | undefined;
    for (let i = 0; i < 121; i += 1) {
      last = await request(evaluateRoute.POST, path, { slug }, { method: "POST", body: { answers: {} }, headers: { "x-forwarded-for": address } });
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    const other = await request(evaluateRoute.POST, path, { slug }, { method: "POST", body: { answers: {} }, headers: { "x-forwarded-for": "10.99.0.1" } });
    expect(other.status).toBe(200);
  });

  it("follows rollback and withdrawal at once, answering 410 with the reason", async () => {
    const rolledSlug = uniqueSlug("rolled");
    const editor = { id: author.userId, label: author.email, via: "session" as const };
    await createRuleSet(testDb(), editor, { slug: rolledSlug, title: "Rolled", document: smallRuleSet(rolledSlug) });
    for (const number of [1, 2]) {
      if (number === 2) await startDraft(testDb(), editor, rolledSlug);
      await submitVersion(testDb(), author, rolledSlug, number);
      await approveVersion(testDb(), reviewer, rolledSlug, number);
      await publishVersion(testDb(), reviewer, rolledSlug, number);
    }
    const current = async () => request(ruleSetRoute.GET, `/api/public/rulesets/${rolledSlug}`, { slug: rolledSlug });
    expect(((await (await current()).json()) as { version: number }).version).toBe(2);
    await rollback(testDb(), reviewer, rolledSlug, { toVersion: 1, reason: "Version 2 under-triages" });
    expect(((await (await current()).json()) as { version: number }).version).toBe(1);
    await withdraw(testDb(), reviewer, rolledSlug, { reason: "Clinical safety review" });
    const gone = await current();
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ status: 410, reason: "Clinical safety review" });
    expect((await request(versionRoute.GET, `/api/public/rulesets/${rolledSlug}/versions/1`, { slug: rolledSlug, n: "1" })).status).toBe(410);
  });

  it("publishes a valid OpenAPI 3.1 document and answers CORS preflight", async () => {
    const response = openapiRoute.GET();
    const document = await response.json();
    await expect(validate(document)).resolves.toMatchObject({ valid: true });
    expect(document.openapi).toBe("3.1.0");
    const preflight = await evaluateRoute.OPTIONS();
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
  });
});
