import { describe, expect, it } from "vitest";
import * as testsRoute from "@/app/api/admin/rulesets/[slug]/draft/tests/route";
import * as runRoute from "@/app/api/admin/rulesets/[slug]/draft/run/route";
import * as impactRoute from "@/app/api/admin/rulesets/[slug]/draft/impact/route";
import { createRuleSet } from "@/lib/rulesets/drafts";
import { apiUser, call } from "../setup/api";
import { testDb } from "../setup/fixtures";
import { redFlagCase, smallRuleSet, uniqueSlug } from "../setup/rule-set-fixture";

async function setUp() {
  const author = await apiUser(["author"]);
  const slug = uniqueSlug("preview");
  await createRuleSet(testDb(), { id: author.user.id, label: author.user.email, via: "token" }, { slug, title: "Small", document: smallRuleSet(slug) });
  return { author, slug };
}

describe("draft test cases, run and impact over the admin API", () => {
  it("replaces test cases with If-Match, runs them, and flags under-triage", async () => {
    const { author, slug } = await setUp();
    const path = `/api/admin/rulesets/${slug}/draft/tests`;
    const saved = await call(testsRoute.PUT, {
      method: "PUT",
      path,
      params: { slug },
      token: author.token,
      headers: { "if-match": '"1"' },
      body: [redFlagCase, { id: "wrong", name: "Wrongly expects self-care", answers: { saddle_numbness: false, pain_present: true }, expected: { disposition: "emergency" } }],
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ revision: 2, count: 2 });

    const run = await call(runRoute.POST, { method: "POST", path: `${path}/../run`, params: { slug }, token: author.token, body: { caseId: "wrong" } });
    expect(run.status).toBe(200);
    const body = (await run.json()) as { report: { passed: number; failed: number; underTriage: number; results: { id: string; status: string }[] }; trace: unknown; coverage: unknown };
    expect(body.report).toMatchObject({ passed: 1, failed: 1, underTriage: 1 });
    expect(body.report.results.find((result) => result.id === "wrong")?.status).toBe("fail");
    expect(body.trace).not.toBeNull();
    expect(body.coverage).toBeTruthy();

    const stale = await call(testsRoute.PUT, { method: "PUT", path, params: { slug }, token: author.token, headers: { "if-match": "1" }, body: [] });
    expect(stale.status).toBe(412);
  });

  it("imports CSV and reports row-level errors, saving nothing", async () => {
    const { author, slug } = await setUp();
    const path = `/api/admin/rulesets/${slug}/draft/tests`;
    const csv = "name,expected_disposition,saddle_numbness,pain_present\nRed flag,emergency,yes,yes\nBad,urgent_care,maybe,yes\n";
    const bad = await call(testsRoute.PUT, { method: "PUT", path, params: { slug }, token: author.token, headers: { "if-match": "1", "content-type": "text/csv" }, rawBody: csv });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { rows: { row: number; column?: string }[] };
    expect(problem.rows.length).toBeGreaterThan(0);
    expect(problem.rows.every((row) => row.row === 3)).toBe(true);
    expect(problem.rows.map((row) => row.column)).toEqual(expect.arrayContaining([expect.stringMatching(/saddle_numbness|expected_disposition/)]));

    const good = await call(testsRoute.PUT, {
      method: "PUT",
      path,
      params: { slug },
      token: author.token,
      headers: { "if-match": "1", "content-type": "text/csv" },
      rawBody: "name,expected_disposition,saddle_numbness,pain_present\nRed flag,emergency,yes,yes\n",
    });
    expect(good.status).toBe(200);
    const exported = await call(testsRoute.GET, { path: `${path}?format=csv`, params: { slug }, token: author.token });
    expect(exported.headers.get("content-type")).toContain("text/csv");
    expect(await exported.text()).toContain("Red flag");

    const notAList = await call(testsRoute.PUT, { method: "PUT", path, params: { slug }, token: author.token, headers: { "if-match": "2" }, body: { testCases: "nope" } });
    expect(notAList.status).toBe(400);
  });

  it("reports impact as not comparable before anything is published, and validates its options", async () => {
    const { author, slug } = await setUp();
    const impact = await call(impactRoute.POST, { method: "POST", path: `/api/admin/rulesets/${slug}/draft/impact`, params: { slug }, token: author.token });
    expect(impact.status).toBe(200);
    expect(await impact.json()).toMatchObject({ publishedVersion: null, testCases: { comparable: false }, explored: { comparable: false } });
    const bad = await call(impactRoute.POST, { method: "POST", path: `/api/admin/rulesets/${slug}/draft/impact`, params: { slug }, token: author.token, body: { samples: 5 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0].path).toBe("samples");
    const reviewerOnlyAdmin = await apiUser(["admin"]);
    expect((await call(impactRoute.POST, { method: "POST", path: `/api/admin/rulesets/${slug}/draft/impact`, params: { slug }, token: reviewerOnlyAdmin.token })).status).toBe(403);
  });
});

describe("a draft that cannot be evaluated yet", () => {
  it("answers 422 naming the problem instead of failing on the server", async () => {
    const { author, slug } = await setUp();
    const broken = smallRuleSet(slug);
    broken.rules[0] = { ...broken.rules[0], when: { fact: "no_such_question", op: "eq", value: true } };
    const { saveDraft } = await import("@/lib/rulesets/drafts");
    await saveDraft(testDb(), { id: author.user.id, label: author.user.email, via: "token" }, slug, { baseRevision: 1, document: broken, testCases: [redFlagCase] });
    const run = await call(runRoute.POST, { method: "POST", path: `/api/admin/rulesets/${slug}/draft/run`, params: { slug }, token: author.token });
    expect(run.status).toBe(422);
    const problem = (await run.json()) as { code: string; detail: string };
    expect(problem.code).toBe("draft_not_evaluable");
    expect(problem.detail).toContain("no_such_question");
    const impact = await call(impactRoute.POST, { method: "POST", path: `/api/admin/rulesets/${slug}/draft/impact`, params: { slug }, token: author.token });
    expect(impact.status).toBe(422);
  });
});
