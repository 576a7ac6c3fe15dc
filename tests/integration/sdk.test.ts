import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "@/lib/auth/identity";
import { approveVersion, submitVersion } from "@/lib/reviews/lifecycle";
import { publishVersion, withdraw } from "@/lib/reviews/publishing";
import { createRuleSet, saveDraft } from "@/lib/rulesets/drafts";
import type { RuleSetInput } from "@/lib/engine";
import {
  adviceToShow,
  guidanceToShow,
  MemoryStore,
  questionPlan,
  RuleSetIntegrityError,
  RuleSetUnavailableError,
  RuleSetWithdrawnError,
  TriageClient,
  type RemoteTriageOutcome,
  type TriageOutcome,
} from "@/lib/sdk";
import { makeUser, testDb } from "../setup/fixtures";
import { startPublicApiServer, type PublicApiServer } from "../setup/public-api-server";
import { smallRuleSet, smallRuleSetCases, uniqueSlug } from "../setup/rule-set-fixture";

let server: PublicApiServer;

/**
 * Headache (a fixture, not clinical content): a red-flag follow-up (stiff neck,
 * asked only with a fever) that is less urgent than an untagged emergency
 * rule, so "red flags first" and "most urgent first" disagree.
 */
const HEADACHE_CASES = [
  { id: "worst", name: "Worst headache ever", answers: { worst_ever: true }, expected: { disposition: "emergency", firedRules: ["worst_ever"] }, tags: [] },
  { id: "meningism", name: "Fever with a stiff neck", answers: { worst_ever: false, fever: true, stiff_neck: true }, expected: { disposition: "urgent", firedRules: ["fever_stiff_neck"] }, tags: ["red-flag"] },
  { id: "tired", name: "Tired", answers: { worst_ever: false, fever: false, tired: true }, expected: { disposition: "urgent", firedRules: ["tired"] }, tags: [] },
];

function headacheRuleSet(slug: string): RuleSetInput {
  const cite = [{ source: "fixture.txt", statement: "Fixture." }];
  return {
    schemaVersion: 1,
    metadata: { slug, title: "Headache", description: "Authors only.", summary: "Where to get care for a headache.", audience: "", locales: ["en"] },
    facts: [
      { id: "tired", type: "boolean", question: "Are you tired?", label: "tiredness" },
      { id: "worst_ever", type: "boolean", question: "Is this the worst headache of your life?", label: "worst headache ever" },
      { id: "fever", type: "boolean", question: "Do you have a fever?", label: "fever" },
      { id: "stiff_neck", type: "boolean", question: "Is your neck stiff?", label: "stiff neck", askWhen: { fact: "fever", op: "eq", value: true } },
    ],
    dispositions: [
      { id: "emergency", label: "Emergency", action: "Call emergency services now.", guidance: ["call"] },
      { id: "urgent", label: "Urgent care today", action: "Get care today.", guidance: ["today"] },
      { id: "self_care", label: "Self-care", action: "Rest at home.", guidance: ["rest"] },
    ],
    defaultDisposition: "self_care",
    rules: [
      { id: "worst_ever", title: "Worst headache ever", when: { fact: "worst_ever", op: "eq", value: true }, disposition: "emergency", citations: cite },
      {
        id: "fever_stiff_neck",
        title: "Fever with a stiff neck",
        when: { all: [{ fact: "fever", op: "eq", value: true }, { fact: "stiff_neck", op: "eq", value: true }] },
        disposition: "urgent",
        citations: cite,
        tags: ["red-flag"],
      },
      { id: "tired", title: "Tired", when: { fact: "tired", op: "eq", value: true }, disposition: "urgent", citations: cite },
    ],
    guidance: [
      { id: "call", title: "Call now", body: "Call **emergency services**." },
      { id: "today", title: "Today", body: "Get seen today." },
      { id: "rest", title: "Rest", body: "Rest and drink water." },
    ],
  };
}

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
    await saveDraft(testDb(), { id: author.userId, label: author.email, via: "session" }, slug, { baseRevision: 1, testCases: smallRuleSetCases });
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
      expect(local.status).toBe(remote.status);
      expect(local.couldEscalateTo?.id ?? null).toBe(remote.couldEscalateTo?.id ?? null);
      expect(local.escalationFacts).toEqual(remote.escalationFacts.map((fact) => fact.id));
    }
  });

  it("returns a typed state: provisional until no answer could make it more urgent, with the advice to show and the questions to ask", async () => {
    const client = new TriageClient({ baseUrl: server.url, fetch: countingFetch({ requests: 0, notModified: 0 }) });
    const { ruleSet } = await client.getRuleSet(slug);

    // The red flag unanswered (or "not sure", sent as null): provisional, and the advice is the emergency's.
    for (const answers of [{ pain_present: true }, { pain_present: true, saddle_numbness: null }, {}]) {
      const local: TriageOutcome = client.evaluateWith(ruleSet, answers);
      expect(local.status).toBe("provisional");
      if (local.status !== "provisional") throw new Error("unreachable");
      // The type says so too: couldEscalateTo is a Disposition, never null, here.
      expect(local.couldEscalateTo.action).toBe("Go to the emergency department now.");
      // The red flag first; with nothing answered, the pain question too (any disposition is more urgent than none).
      const pain = "pain_present" in answers ? [] : [["pain_present", "boolean"]];
      expect(local.askNext.map((fact) => [fact.id, fact.type])).toEqual([["saddle_numbness", "boolean"], ...pain]);
      expect(local.disposition).toBeNull();
      expect(adviceToShow(local)?.id).toBe("emergency");
      expect(guidanceToShow(local).map((block) => block.id)).toEqual(["go_now"]);
      // Existing fields stay available.
      expect(local).toMatchObject({ final: false, complete: false, escalationFacts: ["saddle_numbness", ...pain.map(([id]) => id)], decidedBy: "none" });

      const remote: RemoteTriageOutcome = await client.evaluateRemote(slug, answers);
      expect(remote.status).toBe("provisional");
      if (remote.status !== "provisional") throw new Error("unreachable");
      expect(remote.couldEscalateTo).toEqual({ id: "emergency", label: "Emergency", action: "Go to the emergency department now.", urgencyRank: 0 });
      expect(remote.askNext).toEqual([
        { id: "saddle_numbness", question: "New numbness in the saddle area?" },
        ...pain.map(() => ({ id: "pain_present", question: "Do you have back pain?" })),
      ]);
      expect(adviceToShow(remote)?.id).toBe("emergency");
      // The server sends the escalation's guidance with it; the provisional disposition's is never shown.
      expect(guidanceToShow(remote).map((block) => block.id)).toEqual(["go_now"]);
      expect(remote.escalationGuidance.map((block) => block.id)).toEqual(["go_now"]);
    }

    // The red flag answered no: final self-care, the outcome's own advice.
    const local = await client.evaluate(slug, { pain_present: true, saddle_numbness: false });
    expect(local).toMatchObject({ status: "final", final: true, couldEscalateTo: null, askNext: [], source: "revalidated" });
    expect(adviceToShow(local)?.id).toBe("self_care");
    expect(guidanceToShow(local).map((block) => block.id)).toEqual(["home"]);
    const remote = await client.evaluateRemote(slug, { pain_present: true, saddle_numbness: false });
    expect(remote).toMatchObject({ status: "final", final: true, couldEscalateTo: null, escalationFacts: [], askNext: [] });
    expect(adviceToShow(remote)).toEqual({ id: "self_care", label: "Self-care", action: "Look after yourself at home.", urgencyRank: 1 });
    expect(guidanceToShow(remote).map((block) => block.id)).toEqual(["home"]);

    // The most urgent outcome is final at once.
    expect(client.evaluateWith(ruleSet, { saddle_numbness: true })).toMatchObject({ status: "final", disposition: { id: "emergency" } });
  });

  it("asks red-flag questions first, and their follow-ups' parent questions with them, on the device and as the server orders them", async () => {
    const headache = uniqueSlug("sdk-headache");
    const author = identity(await makeUser(["author"]));
    await createRuleSet(testDb(), { id: author.userId, label: author.email, via: "session" }, { slug: headache, title: "Headache", document: headacheRuleSet(headache) });
    await saveDraft(testDb(), { id: author.userId, label: author.email, via: "session" }, headache, { baseRevision: 1, testCases: HEADACHE_CASES });
    await submitVersion(testDb(), author, headache, 1);
    await approveVersion(testDb(), reviewer, headache, 1);
    await publishVersion(testDb(), reviewer, headache, 1);

    const client = new TriageClient({ baseUrl: server.url });
    const { ruleSet } = await client.getRuleSet(headache);
    expect(ruleSet.metadata.summary).toBe("Where to get care for a headache.");

    // The form's order: the red flag (and the question its follow-up depends on) first, then by urgency, then document order.
    const plan = questionPlan(ruleSet);
    expect(plan.safety).toEqual(["fever", "stiff_neck"]);
    expect(plan.other).toEqual(["worst_ever", "tired"]);
    expect([...plan.redFlag].sort()).toEqual(["fever", "stiff_neck"]);

    const local = client.evaluateWith(ruleSet, {});
    const remote = await client.evaluateRemote(headache, {});
    expect(local.status).toBe("provisional");
    expect(remote.status).toBe("provisional");
    expect(adviceToShow(local)?.id).toBe("emergency");
    expect(adviceToShow(remote)?.id).toBe("emergency");
    // The engine (and the server): most urgent first, then question order, a follow-up's parent before it.
    expect(local.escalationFacts).toEqual(["worst_ever", "tired", "fever", "stiff_neck"]);
    expect(remote.askNext.map((fact) => fact.id)).toEqual(["worst_ever", "tired", "fever", "stiff_neck"]);
    // The SDK on the device: red flags first, then the engine's order.
    expect(local.askNext.map((fact) => fact.id)).toEqual(["fever", "stiff_neck", "worst_ever", "tired"]);

    // No fever: the red flag cannot apply; the emergency question still could escalate.
    const noFever = client.evaluateWith(ruleSet, { fever: false, tired: false });
    expect(noFever).toMatchObject({ status: "provisional", couldEscalateTo: { id: "emergency" }, disposition: { id: "self_care" } });
    expect(noFever.askNext.map((fact) => fact.id)).toEqual(["worst_ever"]);
    expect(guidanceToShow(noFever).map((block) => block.id)).toEqual(["call"]);

    // Everything that could escalate answered no: the reassurance is final.
    const done = client.evaluateWith(ruleSet, { fever: false, tired: false, worst_ever: false });
    expect(done).toMatchObject({ status: "final", disposition: { id: "self_care" }, decidedBy: "default", complete: true });
    expect(guidanceToShow(done).map((block) => block.id)).toEqual(["rest"]);
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
    await saveDraft(testDb(), { id: author.userId, label: author.email, via: "session" }, withdrawnSlug, { baseRevision: 1, testCases: smallRuleSetCases });
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
