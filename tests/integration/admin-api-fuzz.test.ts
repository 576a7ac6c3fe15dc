/**
 * Fuzz: every /api/admin/* route (found from app/api/admin/**\/route.ts, so a
 * new route is covered without being listed) with every method it exports,
 * every route parameter and every query parameter any admin route reads, given
 * odd strings — NUL and other control characters, lone surrogates (as the
 * WTF-8 bytes a client can send), backslashes, LIKE wildcards, malformed
 * %-escapes, very long and non-Latin text — and JSON bodies whose fields hold
 * the same, over a real socket, as a user
 * holding every role. None may answer 5xx. Deterministic: fast-check runs with
 * the suite's fixed seed (tests/setup/worker-env.ts) and a bounded number of runs.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditFilterInput } from "@/lib/audit/query";
import { createRuleSet, saveDraft } from "@/lib/rulesets/drafts";
import { startAdminApiServer, type AdminApiServer } from "../setup/admin-api-socket";
import { loadAdminRoutes, type AdminRoute } from "../setup/admin-api-routes";
import { apiUser } from "../setup/api";
import { testDb } from "../setup/fixtures";
import { send } from "../setup/http-client";
import { smallRuleSet, smallRuleSetCases, uniqueSlug } from "../setup/rule-set-fixture";

const RUNS_PER_HANDLER = 20;
// Routes without route parameters (the audit log, the rule-set list) are where the query parameters do all the work.
const RUNS_PER_QUERY_ONLY_HANDLER = 80;

/**
 * The query parameters a route reads: every `…params.get("name")` in its source; a route that
 * hands all of them to a service (the audit log) gets that service's filter fields.
 */
function ownQueryParameterNames(route: AdminRoute): string[] {
  const source = readFileSync(path.resolve(process.cwd(), `app${route.template}/route.ts`), "utf8");
  const names = new Set([...source.matchAll(/[pP]arams\.get\("([^"]+)"\)/g)].map((match) => match[1]));
  if (source.includes("Object.fromEntries(request.nextUrl.searchParams)")) for (const name of Object.keys(auditFilterInput.shape)) names.add(name);
  return [...names].sort();
}

/** Every query parameter any admin route reads: each route is also sent the others' (they must be ignored safely). */
function queryParameterNames(routes: AdminRoute[]): string[] {
  return [...new Set(routes.flatMap(ownQueryParameterNames))].sort();
}

/** The characters behind the 500s of issue #14, tried on every parameter one by one before the random runs. */
const NASTY = ["\u0000", "\\", "a\\", "%", "_", "\uD800", "\u001F", "x".repeat(5000)];

/** Percent-encodes like encodeURIComponent, but writes a lone surrogate as its 3 WTF-8 bytes instead of throwing. */
function encodeAnything(value: string): string {
  let out = "";
  for (const character of value) {
    const code = character.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join("");
    } else {
      out += encodeURIComponent(character);
    }
  }
  return out;
}

const oddText = fc.oneof(
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\\",
    "\\\\",
    "a\\",
    "%",
    "_",
    "%_%",
    "\\%",
    "\uD800",
    "x\uDFFFy",
    "\u001B[31m",
    "\u0085",
    "\u202Eevil",
    "🩺 back pain",
    "Rückenschmerz",
    "' OR 1=1 --",
    "../../etc/passwd",
    "x".repeat(10_000),
    "9".repeat(40),
    "-1",
    "0",
    "1.5",
    "1e400",
    "NaN",
    "null",
    "[object Object]",
    " ",
    "",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom("\\", "%", "_", "\u0000", "a", "."), maxLength: 12 }),
);

/** Text that is already %-encoded on purpose, malformed or not: sent as written. */
const rawEscapes = fc.constantFrom("%", "%zz", "%00", "%ED%A0%80", "%C0%80", "%FF", "%E2%82");

const plausible = (values: string[]) => fc.constantFrom(...values).map(encodeURIComponent);
const oddValue = fc.oneof(oddText.map(encodeAnything), rawEscapes);
// Route parameters are mostly valid, so the odd query parameters get past the slug to the queries behind it.
const routeParameterValue = (valid: string[]) => fc.oneof({ arbitrary: plausible(valid), weight: 3 }, { arbitrary: oddValue, weight: 1 });
const queryParameterValue = (valid: string[]) => fc.oneof({ arbitrary: oddValue, weight: 3 }, { arbitrary: plausible(valid), weight: 1 });

let server: AdminApiServer;
let admin: Awaited<ReturnType<typeof apiUser>>;

beforeAll(async () => {
  server = await startAdminApiServer();
  admin = await apiUser(["author", "reviewer", "admin"]);
});

/** A real rule set with a draft for each handler (a DELETE must not take another's away), so odd query parameters reach the queries behind a valid slug. */
async function ruleSetWithDraft(): Promise<string> {
  const slug = uniqueSlug("fuzz");
  const editor = { id: admin.user.id, label: admin.user.email, via: "token" as const };
  await createRuleSet(testDb(), editor, { slug, title: "Fuzz", document: smallRuleSet(slug) });
  await saveDraft(testDb(), editor, slug, { baseRevision: 1, testCases: smallRuleSetCases });
  return slug;
}
afterAll(() => server.close());

type Body = "none" | string;
/** A JSON body whose likely fields (the admin API's body field names) hold odd text. */
const BODY_FIELDS = ["slug", "title", "description", "reason", "comment", "body", "caseId", "fromVersion", "toVersion", "samples", "seed", "ruleId"];
const oddBody = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...BODY_FIELDS), oddText), { selector: ([name]) => name, minLength: 1, maxLength: 4 })
  .map((pairs) => JSON.stringify(Object.fromEntries(pairs)));

/** Sends one request (parameters already %-encoded) and fails with the request and the server's error if it answers 5xx. */
async function expectNo5xx(route: AdminRoute, method: string, params: Record<string, string>, query: [string, string][], body: Body) {
  const pathname = route.template.replace(/\[(\w+)\]/g, (_, name: string) => params[name]);
  const search = query.map(([name, value]) => `${encodeURIComponent(name)}=${value}`).join("&");
  const url = `${server.url}${pathname}${search ? `?${search}` : ""}`;
  const withBody = body !== "none" && method !== "GET";
  const answer = await send(url, {
    method,
    headers: { authorization: `Bearer ${admin.token}`, ...(withBody ? { "content-type": "application/json" } : {}) },
    body: withBody ? body : undefined,
  });
  if (answer.status >= 500) {
    throw new Error(`${method} ${url.slice(0, 300)} answered ${answer.status}: ${answer.text.slice(0, 300)}\n${server.errors.slice(-1).join("\n")}`);
  }
}

describe("admin API fuzz: odd strings in every route and query parameter never answer 5xx", async () => {
  // Collected at collection time so each route × method is its own named test.
  const found = await loadAdminRoutes();
  const names = queryParameterNames(found);
  const VALID_QUERY = ["1", "csv", "draft", "published", "2026-01-01", "version.", "admin@triage.test"];

  it("finds the routes from the file system", () => {
    expect(found.map((route) => route.template)).toEqual(expect.arrayContaining(["/api/admin/audit", "/api/admin/rulesets/[slug]/draft"]));
    expect(names).toEqual(expect.arrayContaining(["q", "user", "action", "ruleSet", "from", "to", "format", "download"]));
  });

  for (const route of found) {
    for (const method of Object.keys(route.handlers)) {
      it(`${method} ${route.template}`, async () => {
        const slug = await ruleSetWithDraft();
        const routeParams = fc.record(
          Object.fromEntries(route.params.map((name) => [name, routeParameterValue(name === "slug" ? [slug] : name === "n" ? ["1", "draft", "published"] : ["x"])])),
        );
        const query = fc.uniqueArray(fc.tuple(fc.constantFrom(...names), queryParameterValue(VALID_QUERY)), { selector: ([name]) => name, maxLength: 4 });
        const body = fc.oneof(fc.constantFrom<Body>("none", "{}"), oddBody);
        // The sweep: each parameter of this route on its own, with each of the NASTY values.
        const sweep: { params: Record<string, string>; query: [string, string][] }[] = [];
        const validParams = Object.fromEntries(route.params.map((name) => [name, name === "slug" ? slug : name === "n" ? "1" : "x"]));
        for (const value of NASTY.map(encodeAnything)) {
          for (const name of route.params) sweep.push({ params: { ...validParams, [name]: value }, query: [] });
          for (const name of ownQueryParameterNames(route)) sweep.push({ params: validParams, query: [[name, value]] });
        }
        for (const { params, query } of sweep) await expectNo5xx(route, method, params, query, "none");

        await fc.assert(
          fc.asyncProperty(routeParams, query, body, (values, pairs, bodyKind) => expectNo5xx(route, method, values as Record<string, string>, pairs, bodyKind)),
          { numRuns: route.params.length === 0 ? RUNS_PER_QUERY_ONLY_HANDLER : RUNS_PER_HANDLER },
        );
      });
    }
  }
});
