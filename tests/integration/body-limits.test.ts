import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuleSet } from "@/lib/rulesets/drafts";
import { startAdminApiServer, type AdminApiServer } from "../setup/admin-api-socket";
import { testDb } from "../setup/fixtures";
import { send } from "../setup/http-client";
import { apiUser } from "../setup/api";
import { smallRuleSet, uniqueSlug } from "../setup/rule-set-fixture";

const CAP = 2 * 1_048_576; // the default ADMIN_API_BODY_LIMIT_BYTES
const MB = 1_000_000;

let server: AdminApiServer;
let author: Awaited<ReturnType<typeof apiUser>>;

beforeAll(async () => {
  server = await startAdminApiServer();
  author = await apiUser(["author"]);
});
afterAll(() => server.close());

/** A valid draft document about `bytes` long: the description carries the bulk. */
function documentOfSize(slug: string, bytes: number): string {
  const document = smallRuleSet(slug);
  document.metadata.description = "x".repeat(bytes);
  return JSON.stringify(document);
}

async function draftWithRevision(): Promise<string> {
  const slug = uniqueSlug("limits");
  await createRuleSet(testDb(), { id: author.user.id, label: author.user.email, via: "token" }, { slug, title: "Limits", document: smallRuleSet(slug) });
  return slug;
}

async function storedDraft(slug: string) {
  return testDb().ruleSetVersion.findFirstOrThrow({ where: { ruleSet: { slug }, state: "draft" }, select: { revision: true, document: true } });
}

interface StreamedUpload {
  status: number;
  problem: Record<string, unknown>;
  /** Body bytes the client had handed to its socket when the answer arrived. */
  sentWhenAnswered: number;
}

/**
 * Starts a `total`-byte upload, writes the first `pauseAfter` bytes in 64 KiB
 * chunks, then sends nothing more until the server answers. A server that read
 * the whole body before answering would wait forever (the test times out), so
 * an answer arriving with the upload unfinished is the proof that the server
 * stopped reading at the cap and buffered nothing past it.
 */
function streamUpload(path: string, total: number, { declareLength, pauseAfter }: { declareLength: boolean; pauseAfter: number }): Promise<StreamedUpload> {
  const chunk = Buffer.alloc(64 * 1024, "a");
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request(`${server.url}${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${author.token}`,
        "content-type": "application/json",
        ...(declareLength ? { "content-length": String(total) } : {}),
      },
    });
    request.on("response", (response) => {
      answered = true;
      const sentWhenAnswered = sent;
      const chunks: Buffer[] = [];
      response.on("data", (data: Buffer) => chunks.push(data));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, problem: JSON.parse(Buffer.concat(chunks).toString("utf8")), sentWhenAnswered });
      });
    });
    // Once answered, the server may close while we are still writing: that is not a failure.
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const writeMore = () => {
      while (!answered && sent < pauseAfter) {
        const piece = chunk.subarray(0, Math.min(chunk.length, pauseAfter - sent));
        sent += piece.length;
        if (!request.write(piece)) return void request.once("drain", writeMore);
      }
    };
    request.write("{"); // headers and the first byte go out at once
    sent += 1;
    writeMore();
  });
}

function expectTooLarge(status: number, problem: Record<string, unknown>) {
  expect(status).toBe(413);
  expect(problem).toMatchObject({ status: 413, code: "payload_too_large", errors: [{ path: "(body)", message: `must be at most ${CAP} bytes` }] });
  expect(problem.detail).toMatch(/larger than 2 MiB; nothing was saved/);
}

describe("admin API request bodies are capped (2 MiB by default)", () => {
  it("refuses a 5 MB draft with 413 and leaves the draft as it was", async () => {
    const slug = await draftWithRevision();
    const before = await storedDraft(slug);
    const body = documentOfSize(slug, 5 * MB);
    const answer = await send(`${server.url}/api/admin/rulesets/${slug}/draft`, {
      method: "PUT",
      headers: { authorization: `Bearer ${author.token}`, "content-type": "application/json", "if-match": '"1"' },
      body,
    });
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expectTooLarge(answer.status, answer.json());
    expect(await storedDraft(slug)).toEqual(before);
  });

  it("saves a 1.5 MB draft: the cap leaves room for large rule sets", async () => {
    const slug = await draftWithRevision();
    const answer = await send(`${server.url}/api/admin/rulesets/${slug}/draft`, {
      method: "PUT",
      headers: { authorization: `Bearer ${author.token}`, "content-type": "application/json", "if-match": '"1"', "transfer-encoding": "chunked" },
      body: documentOfSize(slug, 1.5 * MB),
    });
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    expect((await storedDraft(slug)).revision).toBe(2);
  });

  it("counts the bytes of a chunked body (no Content-Length) and refuses it the same way", async () => {
    const slug = await draftWithRevision();
    const before = await storedDraft(slug);
    const answer = await send(`${server.url}/api/admin/rulesets/${slug}/draft`, {
      method: "PUT",
      headers: { authorization: `Bearer ${author.token}`, "content-type": "application/json", "if-match": '"1"', "transfer-encoding": "chunked" },
      body: documentOfSize(slug, 5 * MB),
    });
    expectTooLarge(answer.status, answer.json());
    expect(await storedDraft(slug)).toEqual(before);
  });

  it("caps CSV test-case imports too", async () => {
    const slug = await draftWithRevision();
    const before = await storedDraft(slug);
    const answer = await send(`${server.url}/api/admin/rulesets/${slug}/draft/tests`, {
      method: "PUT",
      headers: { authorization: `Bearer ${author.token}`, "content-type": "text/csv", "if-match": '"1"', "transfer-encoding": "chunked" },
      body: `id,name\n${"case,name\n".repeat(300_000)}`,
    });
    expectTooLarge(answer.status, answer.json());
    expect(await storedDraft(slug)).toEqual(before);
  });

  it("refuses a 50 MB create declared in Content-Length before reading it: the answer comes while the client has sent one byte", async () => {
    const slug = uniqueSlug("huge");
    const upload = await streamUpload("/api/admin/rulesets", 50 * MB, { declareLength: true, pauseAfter: 1 });
    expectTooLarge(upload.status, upload.problem);
    expect(upload.sentWhenAnswered).toBe(1);
    expect(await testDb().ruleSet.count({ where: { slug } })).toBe(0);
  });

  it("refuses a 50 MB chunked create as soon as the count passes the cap: the answer comes with 47 MB still unsent", async () => {
    const before = await testDb().ruleSet.count();
    const pauseAfter = CAP + 256 * 1024;
    const upload = await streamUpload("/api/admin/rulesets", 50 * MB, { declareLength: false, pauseAfter });
    expectTooLarge(upload.status, upload.problem);
    expect(upload.sentWhenAnswered).toBe(pauseAfter);
    expect(await testDb().ruleSet.count()).toBe(before);
  });

  it("refuses an oversized declared body even on a route that reads none (submit)", async () => {
    const slug = await draftWithRevision();
    const upload = await streamUpload(`/api/admin/rulesets/${slug}/versions/1/submit`, 50 * MB, { declareLength: true, pauseAfter: 1 });
    expectTooLarge(upload.status, upload.problem);
    expect((await testDb().ruleSetVersion.findFirstOrThrow({ where: { ruleSet: { slug }, number: 1 } })).state).toBe("draft");
  });
});
