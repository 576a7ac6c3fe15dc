import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuleSet, saveDraft } from "@/lib/rulesets/drafts";
import { startAdminApiServer, type AdminApiServer } from "../setup/admin-api-socket";
import { send, sessionCookie } from "../setup/http-client";
import { testDb } from "../setup/fixtures";
import { makeTeam, ruleSetIn, type Team } from "../setup/publication-states";
import { smallRuleSet, smallRuleSetCases, uniqueSlug } from "../setup/rule-set-fixture";

// The app's public URL differs from the loopback address the test server listens on, as behind a
// proxy: the origin that counts is NEXTAUTH_URL's, not the Host header the server sees.
const APP_ORIGIN = "http://triage.test:3000";
process.env.NEXTAUTH_URL = APP_ORIGIN;
const EVIL = "https://evil.example";

let server: AdminApiServer;
let team: Team;
let authorCookie: string;

beforeAll(async () => {
  server = await startAdminApiServer();
  team = await makeTeam();
  authorCookie = await sessionCookie(team.author.user.id);
});
afterAll(() => server.close());

/** Version 1 as a draft that passes the publication gate, so a submit that gets through succeeds. */
async function submittableDraft(): Promise<string> {
  const slug = uniqueSlug("csrf");
  const editor = { id: team.author.user.id, label: team.author.user.email, via: "session" as const };
  await createRuleSet(testDb(), editor, { slug, title: "Cross-site", document: smallRuleSet(slug) });
  await saveDraft(testDb(), editor, slug, { baseRevision: 1, testCases: smallRuleSetCases });
  return slug;
}

async function versionState(slug: string, number: number) {
  const version = await testDb().ruleSetVersion.findFirst({ where: { ruleSet: { slug }, number } });
  return version?.state ?? null;
}

function expectRefused(answer: Awaited<ReturnType<typeof send>>, reason: RegExp) {
  expect(answer.status).toBe(403);
  expect(answer.headers["content-type"]).toBe("application/problem+json");
  const problem = answer.json();
  expect(problem).toMatchObject({ status: 403, code: "cross_site_request" });
  expect(problem.detail).toMatch(reason);
}

describe("cookie-authenticated changes must come from the app's own origin", () => {
  it("refuses a form-encoded submit from another site, and the version stays a draft", async () => {
    const slug = await submittableDraft();
    const answer = await send(`${server.url}/api/admin/rulesets/${slug}/versions/1/submit`, {
      method: "POST",
      headers: { cookie: authorCookie, origin: EVIL, "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "cross-site" },
      body: "confirm=yes",
    });
    expectRefused(answer, /Origin "https:\/\/evil\.example" is not this app's origin http:\/\/triage\.test:3000/);
    expect(await versionState(slug, 1)).toBe("draft");
    expect(await testDb().auditEvent.count({ where: { action: "version.submitted", targetId: slug } })).toBe(0);
  });

  it("the same submit from the app's own origin goes through", async () => {
    const slug = await submittableDraft();
    const answer = await send(`${server.url}/api/admin/rulesets/${slug}/versions/1/submit`, {
      method: "POST",
      headers: { cookie: authorCookie, origin: APP_ORIGIN },
    });
    expect(answer.status, answer.text).toBe(200);
    expect(await versionState(slug, 1)).toBe("in_review");
  });

  it("refuses a body-less POST …/draft from another site: no draft is started", async () => {
    const slug = await ruleSetIn(team, { published: 1, label: "csrf-draft" });
    const answer = await send(`${server.url}/api/admin/rulesets/${slug}/draft`, { method: "POST", headers: { cookie: authorCookie, origin: EVIL } });
    expectRefused(answer, /evil\.example/);
    expect(await versionState(slug, 2)).toBeNull();
  });

  it("trusts NEXTAUTH_URL, not the Host header: an Origin equal to the address the server listens on is refused", async () => {
    const slug = await ruleSetIn(team, { published: 1, label: "csrf-host" });
    const answer = await send(`${server.url}/api/admin/rulesets/${slug}/draft`, { method: "POST", headers: { cookie: authorCookie, origin: server.url } });
    expectRefused(answer, /not this app's origin/);
    expect(await versionState(slug, 2)).toBeNull();
  });

  it("without Origin, Sec-Fetch-Site: same-origin is enough; cross-site, same-site, none or no header at all are refused", async () => {
    const slug = await ruleSetIn(team, { published: 1, label: "csrf-fetch-site" });
    const draft = `${server.url}/api/admin/rulesets/${slug}/draft`;
    for (const site of ["cross-site", "same-site", "none"]) {
      expectRefused(await send(draft, { method: "POST", headers: { cookie: authorCookie, "sec-fetch-site": site } }), new RegExp(`Sec-Fetch-Site is "${site}"`));
    }
    expectRefused(await send(draft, { method: "POST", headers: { cookie: authorCookie } }), /neither Origin nor Sec-Fetch-Site/);
    expect(await versionState(slug, 2)).toBeNull();

    const answer = await send(draft, { method: "POST", headers: { cookie: authorCookie, "sec-fetch-site": "same-origin" } });
    expect(answer.status, answer.text).toBe(201);
    expect(await versionState(slug, 2)).toBe("draft");
  });

  it("refuses Origin: null (a sandboxed frame) and checks PUT and DELETE too", async () => {
    const slug = await ruleSetIn(team, { published: 1, label: "csrf-methods" });
    const base = `${server.url}/api/admin/rulesets/${slug}/draft`;
    expectRefused(await send(base, { method: "POST", headers: { cookie: authorCookie, origin: "null" } }), /Origin is null/);
    expect((await send(base, { method: "POST", headers: { cookie: authorCookie, origin: APP_ORIGIN } })).status).toBe(201);
    const put = await send(base, {
      method: "PUT",
      headers: { cookie: authorCookie, origin: EVIL, "content-type": "application/json", "if-match": '"1"' },
      body: JSON.stringify(smallRuleSet(slug)),
    });
    expectRefused(put, /evil\.example/);
    expectRefused(await send(base, { method: "DELETE", headers: { cookie: authorCookie, origin: EVIL } }), /evil\.example/);
    expect(await versionState(slug, 2)).toBe("draft");
  });

  it("lets reads through from anywhere (GET changes nothing)", async () => {
    const slug = await ruleSetIn(team, { published: 1, label: "csrf-get" });
    const answer = await send(`${server.url}/api/admin/rulesets/${slug}`, { headers: { cookie: authorCookie, origin: EVIL } });
    expect(answer.status, answer.text).toBe(200);
  });

  it("exempts bearer-token requests: another site cannot make a browser send one", async () => {
    const slug = await ruleSetIn(team, { published: 1, label: "csrf-bearer" });
    const answer = await send(`${server.url}/api/admin/rulesets/${slug}/draft`, {
      method: "POST",
      headers: { authorization: `Bearer ${team.author.token}`, origin: EVIL, "sec-fetch-site": "cross-site" },
    });
    expect(answer.status, answer.text).toBe(201);
    expect(await versionState(slug, 2)).toBe("draft");
  });
});
