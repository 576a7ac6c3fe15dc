import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { createRuleSet } from "@/lib/rulesets/drafts";
import { startAdminApiServer, type AdminApiServer } from "../setup/admin-api-socket";
import { apiUser } from "../setup/api";
import { testDb } from "../setup/fixtures";
import { send } from "../setup/http-client";
import { smallRuleSet, uniqueSlug } from "../setup/rule-set-fixture";

let server: AdminApiServer;
let admin: Awaited<ReturnType<typeof apiUser>>;
let slug: string;

beforeAll(async () => {
  server = await startAdminApiServer();
  admin = await apiUser(["author", "reviewer", "admin"]);
  slug = uniqueSlug("odd");
  await createRuleSet(testDb(), { id: admin.user.id, label: admin.user.email, via: "token" }, { slug, title: "Odd input", document: smallRuleSet(slug) });
});
afterAll(() => server.close());

const get = (path: string) => send(`${server.url}${path}`, { headers: { authorization: `Bearer ${admin.token}` } });

async function expectParameterRefused(path: string, parameter: string, method = "GET") {
  const answer = await send(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${admin.token}` } });
  expect(answer.status, `${method} ${path}: ${answer.text}`).toBe(400);
  expect(answer.headers["content-type"]).toBe("application/problem+json");
  expect(answer.json()).toMatchObject({ status: 400, errors: [{ path: parameter, message: expect.stringMatching(/control characters \(found U\+0000\)/) }] });
}

describe("NUL and other control characters in URL parameters answer 400 naming the parameter", () => {
  it("in the audit filters and the rule-set search", async () => {
    for (const parameter of ["user", "action", "ruleSet", "from", "limit", "format"]) await expectParameterRefused(`/api/admin/audit?${parameter}=a%00b`, parameter);
    await expectParameterRefused("/api/admin/rulesets?q=back%00pain", "q");
  });

  it("in a slug, a version number or a comment id, on reads and on changes", async () => {
    await expectParameterRefused("/api/admin/rulesets/back%00pain", "slug");
    await expectParameterRefused(`/api/admin/rulesets/${slug}/versions/1%00`, "n");
    await expectParameterRefused(`/api/admin/rulesets/%00/draft`, "slug", "POST");
    await expectParameterRefused(`/api/admin/rulesets/${slug}/comments/x%00/resolve`, "id", "POST");
  });

  it("names other control characters too (U+001B escape, U+0085 next line), in values and in parameter names", async () => {
    const escape = await get("/api/admin/audit?user=%1B%5B31m");
    expect(escape.status).toBe(400);
    expect(escape.json()).toMatchObject({ errors: [{ path: "user", message: expect.stringContaining("U+001B") }] });
    const nextLine = await get(`/api/admin/rulesets/${slug}%C2%85`);
    expect(nextLine.json()).toMatchObject({ status: 400, errors: [{ path: "slug", message: expect.stringContaining("U+0085") }] });
    const name = await get("/api/admin/audit?us%00er=x");
    expect(name.json()).toMatchObject({ status: 400, errors: [{ path: "us\uFFFDer" }] });
  });
});

describe("LIKE wildcards and backslashes in filters match themselves", () => {
  // Prisma sends case-insensitive equals, contains and startsWith to PostgreSQL as ILIKE/LIKE
  // patterns; these pin that the product escapes them (lib/db/like-literal.ts).
  const label = `odd\\%_${Date.now()}@triage.test`;

  beforeAll(async () => {
    await recordAudit(testDb(), { id: null, label, via: "system" }, { action: "probe.odd_label" });
    await recordAudit(testDb(), { id: null, label: label.replace("\\%_", "xyz"), via: "system" }, { action: "probe.odd_label" });
  });

  it("a lone backslash in audit?user= is an ordinary character: 200, no match, never a 500", async () => {
    const answer = await get("/api/admin/audit?user=%5C");
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json().rows).toEqual([]);
  });

  it("user= matches the label with its backslash, % and _ exactly (case-insensitively), and nothing else", async () => {
    const exact = await get(`/api/admin/audit?user=${encodeURIComponent(label.toUpperCase())}`);
    expect(exact.status, exact.text).toBe(200);
    expect((exact.json().rows as { actor: string }[]).map((row) => row.actor)).toEqual([label]);
    const wildcard = await get("/api/admin/audit?user=%25");
    expect(wildcard.json().rows).toEqual([]);
    const underscore = await get(`/api/admin/audit?user=${encodeURIComponent(label.replace("\\%_", "___"))}`);
    expect(underscore.json().rows).toEqual([]);
  });

  it("action= prefixes and the rule-set search take % and _ literally", async () => {
    const prefix = await get("/api/admin/audit?action=prob_.");
    expect(prefix.status).toBe(200);
    expect(prefix.json().rows).toEqual([]);
    const everything = await get("/api/admin/rulesets?q=%25");
    expect(everything.status).toBe(200);
    expect(everything.json().ruleSets).toEqual([]);
    const anyCharacter = await get(`/api/admin/rulesets?q=${encodeURIComponent(slug.replace(/-/g, "_"))}`);
    expect(anyCharacter.json().ruleSets).toEqual([]);
    const found = await get(`/api/admin/rulesets?q=${slug}`);
    expect((found.json().ruleSets as { slug: string }[]).map((ruleSet) => ruleSet.slug)).toEqual([slug]);
  });

  it("out-of-range audit dates and cursors are 400s naming the field, not database errors", async () => {
    for (const [query, field] of [
      ["from=-271821-04-20T00:00:00Z", "from"],
      ["to=%2B275760-09-13", "to"],
      ["before=99999999999999999999", "before"],
    ] as const) {
      const answer = await get(`/api/admin/audit?${query}`);
      expect(answer.status, `${query}: ${answer.text}`).toBe(400);
      expect((answer.json().errors as { path: string }[]).map((error) => error.path)).toContain(field);
    }
  });
});

describe("a condition tree 10,000 levels deep", () => {
  it("answers 400 naming the path of the first condition past 32 levels, and the draft is unchanged", async () => {
    // Written as text: JSON.stringify itself overflows the stack on a tree this deep.
    const when = `${'{"all":['.repeat(10_000)}{"fact":"pain_present","op":"eq","value":true}${"]}".repeat(10_000)}`;
    const document = smallRuleSet(slug);
    document.rules[1].when = "WHEN" as never;
    const answer = await send(`${server.url}/api/admin/rulesets/${slug}/draft`, {
      method: "PUT",
      headers: { authorization: `Bearer ${admin.token}`, "content-type": "application/json", "if-match": '"1"' },
      body: JSON.stringify(document).replace('"WHEN"', when),
    });
    expect(answer.status, answer.text.slice(0, 500)).toBe(400);
    const problem = answer.json() as { code: string; errors: { path: string; message: string }[] };
    expect(problem.code).toBe("invalid_document");
    expect(problem.errors).toEqual([{ path: `rules.1.when${".all.0".repeat(32)}`, message: expect.stringMatching(/more than 32 levels deep/) }]);
    const draft = await testDb().ruleSetVersion.findFirstOrThrow({ where: { ruleSet: { slug }, state: "draft" } });
    expect(draft.revision).toBe(1);
  });
});

describe("JSON and CSV bodies with text PostgreSQL cannot store answer 400 naming the field, not 500", () => {
  const headers = () => ({ authorization: `Bearer ${admin.token}`, "content-type": "application/json" });

  it("a NUL or a lone surrogate in a new rule set's title: 400 naming title, nothing created", async () => {
    for (const [escaped, message] of [
      ["a\\u0000b", /NUL characters/],
      ["a\\ud800b", /lone UTF-16 surrogate/],
      ["\\udfff", /lone UTF-16 surrogate/],
    ] as const) {
      const newSlug = uniqueSlug("nul");
      const answer = await send(`${server.url}/api/admin/rulesets`, { method: "POST", headers: headers(), body: `{"slug":"${newSlug}","title":"${escaped}"}` });
      expect(answer.status, answer.text).toBe(400);
      expect(answer.json()).toMatchObject({ code: "invalid_text", errors: [{ path: "title", message: expect.stringMatching(message) }] });
      expect(await testDb().ruleSet.count({ where: { slug: newSlug } })).toBe(0);
    }
  });

  it("deep in a draft document (and in a key), with the path; the draft is unchanged; an emoji is fine", async () => {
    const document = smallRuleSet(slug);
    document.rules[0].rationale = "x\u0000y";
    const answer = await send(`${server.url}/api/admin/rulesets/${slug}/draft`, { method: "PUT", headers: { ...headers(), "if-match": '"1"' }, body: JSON.stringify(document) });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.json()).toMatchObject({ errors: [{ path: "rules.0.rationale" }] });
    const keyed = await send(`${server.url}/api/admin/rulesets/${slug}/draft/run`, { method: "POST", headers: headers(), body: '{"caseId":"a","\\u0000":1}' });
    expect(keyed.json()).toMatchObject({ status: 400, errors: [{ path: "\u0000", message: expect.stringContaining("(the name)") }] });
    expect((await testDb().ruleSetVersion.findFirstOrThrow({ where: { ruleSet: { slug }, state: "draft" } })).revision).toBe(1);

    const fine = await send(`${server.url}/api/admin/rulesets/${slug}/versions/1/comments`, { method: "POST", headers: headers(), body: JSON.stringify({ body: "Looks right 🩺" }) });
    expect(fine.status, fine.text).toBe(201);
  });

  it("a review comment with NUL, and a CSV import with a NUL byte", async () => {
    const comment = await send(`${server.url}/api/admin/rulesets/${slug}/versions/1/comments`, { method: "POST", headers: headers(), body: '{"body":"x\\u0000"}' });
    expect(comment.json()).toMatchObject({ status: 400, errors: [{ path: "body" }] });
    const csv = await send(`${server.url}/api/admin/rulesets/${slug}/draft/tests`, {
      method: "PUT",
      headers: { authorization: `Bearer ${admin.token}`, "content-type": "text/csv", "if-match": '"1"' },
      body: "id,name,expected_disposition\nred\u0000,Red,emergency\n",
    });
    expect(csv.status, csv.text).toBe(400);
    expect(csv.json()).toMatchObject({ code: "invalid_text", errors: [{ path: "(body)" }] });
  });
});
