import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "@/lib/auth/identity";
import { approveVersion, submitVersion } from "@/lib/reviews/lifecycle";
import { publishVersion, withdraw } from "@/lib/reviews/publishing";
import { createRuleSet } from "@/lib/rulesets/drafts";
import { MemoryStore, RuleSetIntegrityError, RuleSetUnavailableError, RuleSetWithdrawnError, TriageClient } from "@/lib/sdk";
import { makeUser, testDb } from "../setup/fixtures";
import { startPublicApiServer, type PublicApiServer } from "../setup/public-api-server";
import { smallRuleSet, uniqueSlug } from "../setup/rule-set-fixture";

let server: PublicApiServer;

/**
 * The SDK against the real public handlers over real HTTP (fetch). Its `fetch`
 * option is the seam: this one counts requests, and the offline and tampering
 * cases replace it.
 */
function countingFetch(counter: { requests: number; notModified: number }): typeof fetch {
  return async (input, init) => {
    counter.requests += 1;
    const response = await fetch(input, init);
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
    server = await startPublicApiServer();
    const author = identity(await makeUser(["author"]));
    reviewer = identity(await makeUser(["reviewer"]));
    slug = uniqueSlug("sdk");
    await createRuleSet(testDb(), { id: author.userId, label: author.email, via: "session" }, { slug, title: "SDK", document: smallRuleSet(slug) });
    await submitVersion(testDb(), author, slug, 1);
    await approveVersion(testDb(), reviewer, slug, 1);
    await publishVersion(testDb(), reviewer, slug, 1);
  });

  afterAll(async () => {
    await server?.close();
  });

  it("fetches, revalidates with the ETag, and triages locally exactly as the server does", async () => {
    const counter = { requests: 0, notModified: 0 };
    const client = new TriageClient({ baseUrl: server.url, fetch: countingFetch(counter) });
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
    const online = new TriageClient({ baseUrl: server.url, fetch: countingFetch({ requests: 0, notModified: 0 }), store });
    await online.getRuleSet(slug);
    const offline = new TriageClient({
      baseUrl: server.url,
      store,
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    });
    const result = await offline.evaluate(slug, { saddle_numbness: true });
    expect(result.source).toBe("offline");
    expect(result.disposition?.id).toBe("emergency");
    const empty = new TriageClient({ baseUrl: server.url, fetch: async () => Promise.reject(new TypeError("fetch failed")) });
    await expect(empty.getRuleSet(slug)).rejects.toBeInstanceOf(RuleSetUnavailableError);
  });

  it("refuses a document that does not match its content hash", async () => {
    const tampering: typeof fetch = async (input, init) => {
      const response = await countingFetch({ requests: 0, notModified: 0 })(input, init);
      const document = await response.json();
      document.dispositions[0].action = "Rest at home.";
      return Response.json(document, { headers: { etag: response.headers.get("etag") ?? "" } });
    };
    const client = new TriageClient({ baseUrl: server.url, fetch: tampering });
    await expect(client.getRuleSet(slug)).rejects.toBeInstanceOf(RuleSetIntegrityError);
  });

  it("drops its stored copy when the rule set is withdrawn", async () => {
    const store = new MemoryStore();
    const client = new TriageClient({ baseUrl: server.url, fetch: countingFetch({ requests: 0, notModified: 0 }), store });
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
