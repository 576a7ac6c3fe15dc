import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as ruleSetRoute from "@/app/api/public/rulesets/[slug]/route";
import * as evaluateRoute from "@/app/api/public/rulesets/[slug]/evaluate/route";
import type { Identity } from "@/lib/auth/identity";
import { approveVersion, submitVersion } from "@/lib/reviews/lifecycle";
import { publishVersion, withdraw } from "@/lib/reviews/publishing";
import { createRuleSet } from "@/lib/rulesets/drafts";
import { MemoryStore, RuleSetIntegrityError, RuleSetUnavailableError, RuleSetWithdrawnError, TriageClient } from "@/lib/sdk";
import { makeUser, testDb } from "../setup/fixtures";
import { smallRuleSet, uniqueSlug } from "../setup/rule-set-fixture";

/**
 * The SDK against the real public route handlers and database. Its `fetch`
 * option is the seam: here it hands each request to the handler the URL names
 * (what Next's router does), and the offline and tampering cases replace it.
 */
function handlerFetch(counter: { requests: number; notModified: number }): typeof fetch {
  return async (input, init) => {
    counter.requests += 1;
    const url = new URL(String(input));
    const request = new NextRequest(url, init as never);
    const parts = url.pathname.split("/");
    const slug = parts[4];
    const response =
      parts[5] === "evaluate"
        ? await evaluateRoute.POST(request, { params: Promise.resolve({ slug }) })
        : await ruleSetRoute.GET(request, { params: Promise.resolve({ slug }) });
    if (response.status === 304) counter.notModified += 1;
    return response;
  };
}

const identity = (user: { id: string; email: string; name: string; roles: Identity["roles"] }): Identity => ({
  userId: user.id,
  email: user.email,
  name: user.name,
  roles: user.roles,
  via: "session",
});

describe("client SDK", () => {
  let slug: string;
  let reviewer: Identity;

  beforeAll(async () => {
    const author = identity(await makeUser(["author"]));
    reviewer = identity(await makeUser(["reviewer"]));
    slug = uniqueSlug("sdk");
    await createRuleSet(testDb(), { id: author.userId, label: author.email, via: "session" }, { slug, title: "SDK", document: smallRuleSet(slug) });
    await submitVersion(testDb(), author, slug, 1);
    await approveVersion(testDb(), reviewer, slug, 1);
    await publishVersion(testDb(), reviewer, slug, 1);
  });

  it("fetches, revalidates with the ETag, and triages locally exactly as the server does", async () => {
    const counter = { requests: 0, notModified: 0 };
    const client = new TriageClient({ baseUrl: "http://localhost:3000", fetch: handlerFetch(counter) });
    const first = await client.getRuleSet(slug);
    expect(first.source).toBe("network");
    expect(first.ruleSet.version).toBe(1);
    const second = await client.getRuleSet(slug);
    expect(second.source).toBe("revalidated");
    expect(counter.notModified).toBe(1);

    for (const answers of [{ saddle_numbness: true }, { pain_present: true, saddle_numbness: false }, {}]) {
      const local = await client.evaluate(slug, answers);
      const remote = await client.evaluateRemote(slug, answers);
      expect(local.disposition?.id ?? null).toBe(remote.disposition?.id ?? null);
      expect(local.missingFacts).toEqual(remote.missingFacts.map((fact) => fact.id));
    }
  });

  it("keeps triaging from the last good copy when the network is gone", async () => {
    const store = new MemoryStore();
    const online = new TriageClient({ baseUrl: "http://localhost:3000", fetch: handlerFetch({ requests: 0, notModified: 0 }), store });
    await online.getRuleSet(slug);
    const offline = new TriageClient({
      baseUrl: "http://localhost:3000",
      store,
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    });
    const result = await offline.evaluate(slug, { saddle_numbness: true });
    expect(result.source).toBe("offline");
    expect(result.disposition?.id).toBe("emergency");
    const empty = new TriageClient({ baseUrl: "http://localhost:3000", fetch: async () => Promise.reject(new TypeError("fetch failed")) });
    await expect(empty.getRuleSet(slug)).rejects.toBeInstanceOf(RuleSetUnavailableError);
  });

  it("refuses a document that does not match its content hash", async () => {
    const tampering: typeof fetch = async (input, init) => {
      const response = await handlerFetch({ requests: 0, notModified: 0 })(input, init);
      const document = await response.json();
      document.dispositions[0].action = "Rest at home.";
      return Response.json(document, { headers: { etag: response.headers.get("etag") ?? "" } });
    };
    const client = new TriageClient({ baseUrl: "http://localhost:3000", fetch: tampering });
    await expect(client.getRuleSet(slug)).rejects.toBeInstanceOf(RuleSetIntegrityError);
  });

  it("drops its stored copy when the rule set is withdrawn", async () => {
    const store = new MemoryStore();
    const client = new TriageClient({ baseUrl: "http://localhost:3000", fetch: handlerFetch({ requests: 0, notModified: 0 }), store });
    const withdrawnSlug = uniqueSlug("sdk-gone");
    const author = identity(await makeUser(["author"]));
    await createRuleSet(testDb(), { id: author.userId, label: author.email, via: "session" }, { slug: withdrawnSlug, title: "Gone", document: smallRuleSet(withdrawnSlug) });
    await submitVersion(testDb(), author, withdrawnSlug, 1);
    await approveVersion(testDb(), reviewer, withdrawnSlug, 1);
    await publishVersion(testDb(), reviewer, withdrawnSlug, 1);
    await client.getRuleSet(withdrawnSlug);
    await withdraw(testDb(), reviewer, withdrawnSlug, { reason: "Unsafe advice found" });
    await expect(client.getRuleSet(withdrawnSlug)).rejects.toMatchObject({ name: "RuleSetWithdrawnError", reason: "Unsafe advice found" });
    expect(await store.get(withdrawnSlug)).toBeUndefined();
    expect(RuleSetWithdrawnError).toBeTruthy();
  });
});
