import http from "node:http";
import net from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { validate } from "@readme/openapi-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "@/lib/auth/identity";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { contentHash } from "@/lib/public/content-hash";
import { approveVersion, submitVersion } from "@/lib/reviews/lifecycle";
import { publishVersion, rollback, withdraw } from "@/lib/reviews/publishing";
import { createRuleSet, saveDraft, startDraft } from "@/lib/rulesets/drafts";
import { makeUser, testDb } from "../setup/fixtures";
import { startPublicApiServer, type PublicApiServer } from "../setup/public-api-server";
import { smallRuleSet, smallRuleSetCases, uniqueSlug } from "../setup/rule-set-fixture";

let server: PublicApiServer;

/** A real HTTP request to the public API's handlers (fetch, so gzip is decoded as a client would). */
function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const headers = { ...init.headers };
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  return fetch(`${server.url}${path}`, { method: init.method ?? "GET", headers, body });
}

/** The raw bytes and headers as they crossed the socket (no transparent decoding), optionally from another local address. */
function rawRequest(path: string, options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const outgoing = http.request(
      `${server.url}${path}`,
      { method: options.method ?? "GET", headers: options.headers, localAddress: options.localAddress, agent: false },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

/** The revision of a rule set's current draft. */
async function draftRevision(slug: string): Promise<number> {
  const ruleSet = await testDb().ruleSet.findUniqueOrThrow({ where: { slug } });
  const draft = await testDb().ruleSetVersion.findFirstOrThrow({ where: { ruleSetId: ruleSet.id, state: "draft" } });
  return draft.revision;
}

const rawGet = (path: string, headers: Record<string, string>, method = "GET") => rawRequest(path, { method, headers });

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
    server = await startPublicApiServer();
    author = identity(await makeUser(["author"]));
    reviewer = identity(await makeUser(["reviewer"]));
    slug = uniqueSlug("public");
    const editor = { id: author.userId, label: author.email, via: "session" as const };
    await createRuleSet(testDb(), editor, { slug, title: "Public", document: smallRuleSet(slug) });
    await saveDraft(testDb(), editor, slug, { baseRevision: 1, testCases: smallRuleSetCases });
    await publishDraft(1);
    // Version 2 is published with a changed title; version 3 stays a draft.
    await startDraft(testDb(), editor, slug);
    await saveDraft(testDb(), editor, slug, { baseRevision: await draftRevision(slug), document: { ...smallRuleSet(slug), metadata: { ...smallRuleSet(slug).metadata, title: "Public v2" } } });
    await publishDraft(2);
    await startDraft(testDb(), editor, slug);
  });

  afterAll(async () => {
    await server?.close();
  });

  it("lists published rule sets and serves the current document with its hash, ETag and caching headers", async () => {
    const list = await request("/api/public/rulesets");
    expect(list.status).toBe(200);
    expect(list.headers.get("access-control-allow-origin")).toBe("*");
    // The fast path does not pass through next.config.js: it sends the same security headers itself.
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) expect(list.headers.get(name), name).toBe(value);
    expect(list.headers.get("content-security-policy")).toBe(API_CONTENT_SECURITY_POLICY);
    const { ruleSets } = (await list.json()) as { ruleSets: { slug: string; version: number }[] };
    expect(ruleSets.find((entry) => entry.slug === slug)).toMatchObject({ version: 2 });

    const current = await request(`/api/public/rulesets/${slug}`);
    expect(current.status).toBe(200);
    expect(current.headers.get("cache-control")).toBe("public, max-age=30, stale-while-revalidate=300");
    const document = (await current.json()) as Record<string, unknown> & { contentHash: string; version: number };
    expect(document).toMatchObject({ schemaVersion: 1, version: 2, metadata: { title: "Public v2" } });
    const { version: _v, publishedAt: _p, contentHash: hash, ...engineDocument } = document;
    void _v;
    void _p;
    expect(await contentHash(engineDocument)).toBe(hash);

    const etag = current.headers.get("etag")!;
    // fetch asks for gzip: the gzip representation's own validator.
    expect(etag).toMatch(/^"v2-[0-9a-f]{32}-gz"$/);
    const notModified = await request(`/api/public/rulesets/${slug}`, { headers: { "if-none-match": etag } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
  });

  it("serves numbered versions as immutable and supports HEAD", async () => {
    const v1 = await request(`/api/public/rulesets/${slug}/versions/1`);
    expect(v1.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(((await v1.json()) as { version: number }).version).toBe(1);
    const head = await request(`/api/public/rulesets/${slug}/versions/1`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBeTruthy();
    expect(await head.text()).toBe("");
  });

  it("never shows drafts or unpublished versions: they are indistinguishable from unknown ones", async () => {
    const draft = await request(`/api/public/rulesets/${slug}/versions/3`);
    const unknown = await request(`/api/public/rulesets/${slug}/versions/99`);
    expect(draft.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(draft.headers.get("content-type")).toBe("application/problem+json");
    const neutral = (detail: string) => detail.replace(/version \d+/, "version N");
    expect(neutral(((await draft.json()) as { detail: string }).detail)).toBe(neutral(((await unknown.json()) as { detail: string }).detail));
    const unpublishedSlug = uniqueSlug("secret");
    await createRuleSet(testDb(), { id: author.userId, label: author.email, via: "session" }, { slug: unpublishedSlug, title: "Secret" });
    const secret = await request(`/api/public/rulesets/${unpublishedSlug}`);
    const none = await request("/api/public/rulesets/never-existed");
    expect(secret.status).toBe(404);
    expect(none.status).toBe(404);
    const list = (await (await request("/api/public/rulesets")).json()) as { ruleSets: { slug: string }[] };
    expect(list.ruleSets.some((entry) => entry.slug === unpublishedSlug)).toBe(false);
    expect((await request(`/api/public/rulesets/${slug}/versions/abc`)).status).toBe(404);
  });

  it("evaluates answers, naming each bad field with 400", async () => {
    const path = `/api/public/rulesets/${slug}/evaluate`;
    const ok = await request(path, { method: "POST", body: { answers: { saddle_numbness: true } } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      ruleSet: { slug, version: 2 },
      disposition: { id: "emergency", label: "Emergency", urgencyRank: 0 },
      guidance: [{ id: "go_now", title: "Go now" }],
      firedRules: [{ id: "cauda_equina" }],
    });
    const partial = (await (await request(path, { method: "POST", body: { answers: { pain_present: true } } })).json()) as {
      complete: boolean;
      missingFacts: { id: string }[];
    };
    expect(partial.complete).toBe(false);
    expect(partial.missingFacts.map((fact) => fact.id)).toContain("saddle_numbness");
    const pinned = await request(path, { method: "POST", body: { answers: {}, version: 1 } });
    expect(((await pinned.json()) as { ruleSet: { version: number } }).ruleSet.version).toBe(1);

    const bad = await request(path, { method: "POST", body: { answers: { saddle_numbness: "yes", nope: true } } });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path).sort()).toEqual(["answers.nope", "answers.saddle_numbness"]);
    const shape = await request(path, { method: "POST", body: { answer: {} } });
    expect(shape.status).toBe(400);
    const notJson = await request(path, { method: "POST", body: "{", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect((await request(path, { method: "POST", body: { answers: {}, version: 3 } })).status).toBe(404);
  });

  it("says whether an outcome is final: a provisional one names the disposition it could escalate to and the questions that could cause it", async () => {
    const path = `/api/public/rulesets/${slug}/evaluate`;
    const evaluate = async (answers: Record<string, unknown>) => {
      const response = await request(path, { method: "POST", body: { answers } });
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, unknown>;
    };

    // Back pain with the red flag unanswered: the engine's result is nothing at all (no rule, no default),
    // but saddle numbness could still make it an emergency.
    const provisional = await evaluate({ pain_present: true });
    expect(provisional).toMatchObject({
      disposition: null,
      decidedBy: "none",
      final: false,
      complete: false,
      couldEscalateTo: { id: "emergency", label: "Emergency", action: "Go to the emergency department now.", urgencyRank: 0 },
      escalationFacts: [{ id: "saddle_numbness", question: "New numbness in the saddle area?" }],
      // What to show with the escalation's action: its own guidance, sent along.
      escalationGuidance: [{ id: "go_now", title: "Go now", body: "Call emergency services." }],
    });

    // Nothing answered ("not sure", sent as null, counts as unanswered): the same escalation, the red flag first;
    // the pain question too, since with nothing fired even self-care would be a more urgent outcome than none.
    for (const answers of [{}, { saddle_numbness: null, pain_present: null }]) {
      expect(await evaluate(answers)).toMatchObject({
        final: false,
        couldEscalateTo: { id: "emergency" },
        escalationFacts: [{ id: "saddle_numbness" }, { id: "pain_present", question: "Do you have back pain?" }],
      });
    }

    // The red flag answered no: self-care is final, nothing could escalate.
    const reassured = await evaluate({ pain_present: true, saddle_numbness: false });
    expect(reassured).toMatchObject({ disposition: { id: "self_care", urgencyRank: 1 }, final: true, complete: true, couldEscalateTo: null, escalationFacts: [], escalationGuidance: [] });

    // The most urgent disposition is final however the rest is answered.
    const emergency = await evaluate({ saddle_numbness: true });
    expect(emergency).toMatchObject({ disposition: { id: "emergency" }, final: true, couldEscalateTo: null, escalationFacts: [] });

    // Every response, of either kind, has the fields the OpenAPI document promises (and no others).
    const fields = ["ruleSet", "disposition", "decidedBy", "final", "couldEscalateTo", "escalationFacts", "complete", "guidance", "escalationGuidance", "firedRules", "missingFacts"].sort();
    for (const body of [provisional, reassured, emergency]) expect(Object.keys(body).sort()).toEqual(fields);
  });

  it("rate-limits evaluate per client address with 429 and Retry-After; a forged X-Forwarded-For does not evade it", async () => {
    const path = `/api/public/rulesets/${slug}/evaluate`;
    const body = JSON.stringify({ answers: {} });
    // Distinct real client addresses: all of 127.0.0.0/8 is loopback.
    const octet = 10 + Math.floor(Math.random() * 200);
    const evaluateFrom = (localAddress: string, forwardedFor?: string) =>
      rawRequest(path, { method: "POST", localAddress, headers: { "content-type": "application/json", ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) }, body });
    let last: Awaited<ReturnType<typeof evaluateFrom>> | undefined;
    for (let i = 0; i < 121; i += 1) last = await evaluateFrom(`127.0.${octet}.1`, `10.0.0.${i % 250}`);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers["retry-after"])).toBeGreaterThan(0);
    expect(last!.headers["content-type"]).toBe("application/problem+json");
    expect((await evaluateFrom(`127.0.${octet}.2`)).status).toBe(200);
    // Counted in the shared store (PostgreSQL here), under the connection's address, not the forged ones.
    const rows = await testDb().$queryRaw<{ key: string; points: number }[]>`SELECT key, points FROM rate_limits WHERE key LIKE ${`evaluate:%127.0.${octet}.1`}`;
    expect(rows).toHaveLength(1);
    expect(rows[0].points).toBeGreaterThanOrEqual(120);
    expect(await testDb().$queryRaw<unknown[]>`SELECT key FROM rate_limits WHERE key LIKE 'evaluate:10.0.0.%'`).toEqual([]);
  });

  it("refuses evaluate bodies that are too large (413) or not JSON (415), naming the body", async () => {
    const path = `/api/public/rulesets/${slug}/evaluate`;
    const huge = await request(path, { method: "POST", body: { answers: { note: "x".repeat(70 * 1024) } } });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ code: "payload_too_large", errors: [{ path: "(body)" }] });
    const text = await request(path, { method: "POST", body: "answers", headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(415);
    const get = await request(path);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
  });

  it("follows rollback and withdrawal at once, answering 410 with the reason", async () => {
    const rolledSlug = uniqueSlug("rolled");
    const editor = { id: author.userId, label: author.email, via: "session" as const };
    await createRuleSet(testDb(), editor, { slug: rolledSlug, title: "Rolled", document: smallRuleSet(rolledSlug) });
    await saveDraft(testDb(), editor, rolledSlug, { baseRevision: 1, testCases: smallRuleSetCases });
    for (const number of [1, 2]) {
      if (number === 2) await startDraft(testDb(), editor, rolledSlug);
      await submitVersion(testDb(), author, rolledSlug, number);
      await approveVersion(testDb(), reviewer, rolledSlug, number);
      await publishVersion(testDb(), reviewer, rolledSlug, number);
    }
    const current = async () => request(`/api/public/rulesets/${rolledSlug}`);
    expect(((await (await current()).json()) as { version: number }).version).toBe(2);
    await rollback(testDb(), reviewer, rolledSlug, { toVersion: 1, reason: "Version 2 under-triages" });
    expect(((await (await current()).json()) as { version: number }).version).toBe(1);
    await withdraw(testDb(), reviewer, rolledSlug, { reason: "Clinical safety review" });
    const gone = await current();
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ status: 410, reason: "Clinical safety review" });
    expect((await request(`/api/public/rulesets/${rolledSlug}/versions/1`)).status).toBe(410);
  });

  it("negotiates brotli, gzip or identity (q-values respected), each its own representation with its own strong ETag", async () => {
    const path = `/api/public/rulesets/${slug}`;
    const identityBody = await rawGet(path, {});
    expect(identityBody.headers["content-encoding"]).toBeUndefined();
    expect(Number(identityBody.headers["content-length"])).toBe(identityBody.body.length);
    const etag = identityBody.headers.etag!;
    expect(etag).toMatch(/^"v2-[0-9a-f]{32}"$/);

    const gzipped = await rawGet(path, { "accept-encoding": "gzip, deflate" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.headers.vary).toBe("accept-encoding");
    expect(Number(gzipped.headers["content-length"])).toBe(gzipped.body.length);
    expect(gunzipSync(gzipped.body).equals(identityBody.body)).toBe(true);
    expect(gzipped.headers.etag).toBe(`${etag.slice(0, -1)}-gz"`);

    // Equal weights: the server prefers brotli; a higher q for gzip wins.
    const brotli = await rawGet(path, { "accept-encoding": "gzip, deflate, br" });
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(brotli.body).equals(identityBody.body)).toBe(true);
    expect(brotli.body.length).toBeLessThan(identityBody.body.length);
    expect(brotli.headers.etag).toBe(`${etag.slice(0, -1)}-br"`);
    expect(brotli.headers.vary).toBe("accept-encoding");
    expect((await rawGet(path, { "accept-encoding": "br;q=0.5, gzip" })).headers["content-encoding"]).toBe("gzip");

    // Never a third coding: deflate alone (or anything unknown) gets identity, with identity's ETag.
    for (const accept of ["deflate", "zstd, compress", "gzip;q=0, br;q=0, identity", "gzip;q=0.5, identity;q=1", "identity;q=0"]) {
      const answer = await rawGet(path, { "accept-encoding": accept });
      expect(answer.headers["content-encoding"], accept).toBeUndefined();
      expect(answer.headers.etag, accept).toBe(etag);
      expect(answer.body.equals(identityBody.body), accept).toBe(true);
    }

    // HEAD describes exactly the representation GET would send, without the body.
    for (const [accept, get] of [["br", brotli], ["gzip", gzipped], ["", identityBody]] as const) {
      const head = await rawGet(path, accept ? { "accept-encoding": accept } : {}, "HEAD");
      expect(head.status).toBe(200);
      expect(head.headers["content-length"]).toBe(get.headers["content-length"]);
      expect(head.headers.etag).toBe(get.headers.etag);
      expect(head.headers["content-encoding"]).toBe(get.headers["content-encoding"]);
      expect(head.body.length).toBe(0);
    }

    // If-None-Match compares with the representation this request selects: any listed tag that is it (weak comparison) gives 304
    // with that representation's ETag; another representation's tag does not.
    const gzipTag = gzipped.headers.etag!;
    const brTag = brotli.headers.etag!;
    const revalidate = (accept: string, ifNoneMatch: string, method = "GET") => rawGet(path, { "accept-encoding": accept, "if-none-match": ifNoneMatch }, method);
    for (const [accept, tags, expected] of [
      ["gzip", `"other", ${gzipTag}`, gzipTag],
      ["gzip", `W/${gzipTag}`, gzipTag],
      ["br", `${etag}, ${gzipTag}, ${brTag}`, brTag],
      ["", etag, etag],
      ["br", "*", brTag],
    ] as const) {
      for (const method of ["GET", "HEAD"]) {
        const answer = await revalidate(accept, tags, method);
        expect(answer.status, `${method} ${accept} ${tags}`).toBe(304);
        expect(answer.headers.etag).toBe(expected);
        expect(answer.headers.vary).toBe("accept-encoding");
        expect(answer.headers["access-control-allow-origin"]).toBe("*");
        expect(answer.body.length).toBe(0);
      }
    }
    const mismatched = await revalidate("gzip", brTag);
    expect(mismatched.status).toBe(200);
    expect(mismatched.headers.etag).toBe(gzipTag);

    const list = await rawGet("/api/public/rulesets", { "accept-encoding": "gzip" });
    expect(JSON.parse(gunzipSync(list.body).toString("utf8")).ruleSets.length).toBeGreaterThan(0);
  });

  it("answers If-Match that does not match with 412 (strong comparison), and serves when it matches", async () => {
    const path = `/api/public/rulesets/${slug}/versions/1`;
    const etag = (await rawGet(path, {})).headers.etag!;
    for (const ifMatch of [etag, "*", `"other", ${etag}`]) expect((await rawGet(path, { "if-match": ifMatch })).status, ifMatch).toBe(200);
    for (const ifMatch of ['"other"', `W/${etag}`, `${etag.slice(0, -1)}-gz"`]) {
      const refused = await rawGet(path, { "if-match": ifMatch });
      expect(refused.status, ifMatch).toBe(412);
      expect(refused.headers["content-type"]).toBe("application/problem+json");
      expect(refused.headers["access-control-allow-origin"]).toBe("*");
      expect(JSON.parse(refused.body.toString("utf8"))).toMatchObject({ status: 412, code: "precondition_failed" });
    }
  });

  it("answers unknown paths and trailing slashes under /api/public with a problem+json 404 carrying CORS headers", async () => {
    for (const path of ["/api/public/rulesets/", `/api/public/rulesets/${slug}/`, "/api/public/nope", "/api/public", "/api/public/", `/api/public/rulesets/${slug}/versions`, "/api/public/rulesets/%E0%A4%A"]) {
      for (const method of ["GET", "OPTIONS", "POST"]) {
        const answer = await rawRequest(path, { method, headers: { origin: "https://checker.example" } });
        expect(answer.status, `${method} ${path}`).toBe(404);
        expect(answer.headers["content-type"]).toBe("application/problem+json");
        expect(answer.headers["access-control-allow-origin"]).toBe("*");
        expect(answer.headers.location).toBeUndefined();
        expect(JSON.parse(answer.body.toString("utf8"))).toMatchObject({ status: 404, code: "not_found" });
      }
    }
  });

  it("answers other methods with 405 problem+json and Allow, and preflight with each route's own methods and the headers it reads", async () => {
    const post = await request(`/api/public/rulesets/${slug}`, { method: "POST", body: {} });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(post.headers.get("content-type")).toBe("application/problem+json");
    expect(post.headers.get("access-control-allow-origin")).toBe("*");
    expect(await post.json()).toMatchObject({ status: 405, code: "method_not_allowed" });
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const refused = await rawRequest(`/api/public/rulesets/${slug}/evaluate`, { method });
      expect(refused.status).toBe(405);
      expect(refused.headers.allow).toBe("POST, OPTIONS");
    }

    const preflight = (path: string, requestHeaders?: string) =>
      rawRequest(path, {
        method: "OPTIONS",
        headers: { origin: "https://checker.example", "access-control-request-method": "GET", ...(requestHeaders ? { "access-control-request-headers": requestHeaders } : {}) },
      });
    const read = await preflight(`/api/public/rulesets/${slug}/versions/1`, "If-None-Match, X-Tracking");
    expect(read.status).toBe(204);
    expect(read.headers["access-control-allow-origin"]).toBe("*");
    expect(read.headers["access-control-allow-methods"]).toBe("GET, HEAD, OPTIONS");
    expect(read.headers.allow).toBe("GET, HEAD, OPTIONS");
    // Reflected: what was asked for and the route reads; not what it ignores.
    expect(read.headers["access-control-allow-headers"]).toBe("if-none-match");
    expect(read.headers.vary).toContain("access-control-request-headers");
    expect((await preflight(`/api/public/rulesets/${slug}`)).headers["access-control-allow-headers"]).toBe("if-none-match, if-match");
    const evaluate = await preflight(`/api/public/rulesets/${slug}/evaluate`, "content-type");
    expect(evaluate.headers.allow).toBe("POST, OPTIONS");
    expect(evaluate.headers["access-control-allow-methods"]).toBe("POST, OPTIONS");
    expect(evaluate.headers["access-control-allow-headers"]).toBe("content-type");
    expect((await preflight(`/api/public/rulesets/${slug}/evaluate`, "if-none-match")).headers["access-control-allow-headers"]).toBeUndefined();
  });

  it("answers an oversized evaluate body with 413 and Connection: close, and closes without resetting what the client has not read", async () => {
    const { port } = new URL(server.url);
    const body = Buffer.alloc(4 * 1024 * 1024, "x");
    for (const declared of [true, false]) {
      const { reply, error } = await new Promise<{ reply: string; error: Error | null }>((resolve) => {
        const socket = net.connect(Number(port), "127.0.0.1");
        const chunks: Buffer[] = [];
        let error: Error | null = null;
        socket.on("data", (chunk) => chunks.push(chunk));
        socket.on("error", (cause) => (error = cause));
        // The server's FIN: the client has read everything and closes its side too.
        socket.on("end", () => socket.end());
        socket.on("close", () => resolve({ reply: Buffer.concat(chunks).toString("latin1"), error }));
        const framing = declared ? `content-length: ${body.length}` : "transfer-encoding: chunked";
        socket.write(`POST /api/public/rulesets/${slug}/evaluate HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n${framing}\r\n\r\n`);
        // The whole body at once, still arriving when the 413 is written.
        socket.write(declared ? body : Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from("\r\n0\r\n\r\n")]));
      });
      expect(error, `declared ${declared}`).toBeNull();
      expect(reply).toMatch(/^HTTP\/1\.1 413 /);
      expect(reply.toLowerCase()).toContain("connection: close");
      expect(reply).toContain('"code":"payload_too_large"');
    }
  });

  it("publishes a valid OpenAPI 3.1 document and answers CORS preflight", async () => {
    const response = await request("/api/public/openapi.json");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const tag = response.headers.get("etag")!;
    expect(tag).toMatch(/^"openapi-[0-9a-f]{32}(-gz|-br)?"$/);
    expect((await request("/api/public/openapi.json", { headers: { "if-none-match": tag } })).status).toBe(304);
    const document = await response.json();
    await expect(validate(document)).resolves.toMatchObject({ valid: true });
    expect(document.openapi).toBe("3.1.0");

    // The evaluate response documents finality, so a client generated from it knows what to do with a provisional outcome.
    const schema = document.components.schemas.EvaluateResponse as {
      required: string[];
      properties: Record<string, { description?: string; type?: string; anyOf?: { type?: string; properties?: Record<string, unknown> }[] }>;
    };
    expect(schema.required).toEqual(expect.arrayContaining(["final", "couldEscalateTo", "escalationFacts"]));
    expect(schema.properties.final.type).toBe("boolean");
    expect(schema.properties.final.description).toMatch(/provisional/);
    expect(schema.properties.final.description).toMatch(/couldEscalateTo/);
    expect(schema.properties.final.description).toMatch(/never reassure/);
    const shapes = (name: string) => schema.properties[name].anyOf!.map((option) => option.type);
    expect(shapes("couldEscalateTo")).toEqual(shapes("disposition"));
    expect(Object.keys(schema.properties.couldEscalateTo.anyOf![0].properties!)).toEqual(["id", "label", "action", "urgencyRank"]);
    expect(schema.properties.escalationFacts.description).toMatch(/most urgent first/);
    expect(schema.properties.disposition.description).toMatch(/PROVISIONAL/);
    const evaluate = document.paths["/api/public/rulesets/{slug}/evaluate"].post as { description: string };
    expect(evaluate.description).toMatch(/^Check `final` first/);
    const preflight = await request(`/api/public/rulesets/${slug}/evaluate`, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
  });
});
