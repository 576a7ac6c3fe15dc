import { expect, test } from "./fixtures";

// The public API through the server `npm start` runs (the fast path in front of Next; the
// integration tests cover the handler in depth): routes, headers and compression end to end.
const base = "/api/public/rulesets/back-pain";

test("serves the published document gzipped or brotli-compressed, each with its own ETag, with revalidation, HEAD and CORS", async ({ request }) => {
  const gzipped = await request.get(base, { headers: { "accept-encoding": "gzip" } });
  expect(gzipped.status()).toBe(200);
  const headers = gzipped.headers();
  expect(headers["content-encoding"]).toBe("gzip");
  expect(headers["content-type"]).toBe("application/json; charset=utf-8");
  expect(headers["cache-control"]).toBe("public, max-age=30, stale-while-revalidate=300");
  expect(headers["access-control-allow-origin"]).toBe("*");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers.etag).toMatch(/^"v\d+-[0-9a-f]{32}-gz"$/);
  expect(headers.vary).toBe("accept-encoding");
  const document = (await gzipped.json()) as { schemaVersion: number; metadata: { title: string }; contentHash: string };
  expect(document.schemaVersion).toBe(1);
  expect(document.contentHash).toMatch(/^sha256:/);

  const identity = await request.get(base, { headers: { "accept-encoding": "identity" } });
  expect(identity.headers()["content-encoding"]).toBeUndefined();
  expect(identity.headers().etag).toBe(headers.etag.replace(/-gz"$/, '"'));
  expect(await identity.json()).toEqual(document);
  const brotli = await request.get(base, { headers: { "accept-encoding": "br, gzip" } });
  expect(brotli.headers()["content-encoding"]).toBe("br");
  expect(brotli.headers().etag).toBe(headers.etag.replace(/-gz"$/, '-br"'));
  expect(await brotli.json()).toEqual(document);
  const deflate = await request.get(base, { headers: { "accept-encoding": "deflate" } });
  expect(deflate.headers()["content-encoding"]).toBeUndefined();
  expect(deflate.headers().etag).toBe(identity.headers().etag);

  const notModified = await request.get(base, { headers: { "accept-encoding": "gzip", "if-none-match": headers.etag } });
  expect(notModified.status()).toBe(304);
  expect(notModified.headers().etag).toBe(headers.etag);

  const head = await request.head(base);
  expect(head.status()).toBe(200);
  expect((await head.body()).length).toBe(0);

  const version = await request.get(`${base}/versions/1`);
  expect(version.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");

  const preflight = await request.fetch(base, { method: "OPTIONS", headers: { origin: "https://checker.example", "access-control-request-method": "GET" } });
  expect(preflight.status()).toBe(204);
  expect(preflight.headers()["access-control-allow-methods"]).toContain("GET");
});

test("answers unknown rule sets and wrong methods with problem+json, and evaluates answers", async ({ request }) => {
  const unknown = await request.get("/api/public/rulesets/no-such-rule-set");
  expect(unknown.status()).toBe(404);
  expect(unknown.headers()["content-type"]).toBe("application/problem+json");
  expect(await unknown.json()).toMatchObject({ status: 404, code: "not_found" });
  // Not Next's HTML 404 nor its CORS-less 308 to the slash-less path.
  for (const path of ["/api/public/nothing-here", `${base}/`]) {
    const missing = await request.get(path, { maxRedirects: 0 });
    expect(missing.status()).toBe(404);
    expect(missing.headers()["content-type"]).toBe("application/problem+json");
    expect(missing.headers()["access-control-allow-origin"]).toBe("*");
  }

  const post = await request.post(base, { data: {} });
  expect(post.status()).toBe(405);
  expect(post.headers().allow).toBe("GET, HEAD, OPTIONS");

  const emergency = await request.post(`${base}/evaluate`, { data: { answers: { pain_present: true, saddle_numbness: true } } });
  expect(emergency.status()).toBe(200);
  expect(emergency.headers()["cache-control"]).toBe("no-store");
  expect(await emergency.json()).toMatchObject({
    ruleSet: { slug: "back-pain" },
    disposition: { id: "emergency", urgencyRank: 0 },
    final: true,
    couldEscalateTo: null,
    escalationFacts: [],
  });

  // Nothing answered: the default applies for now, but the red flags could still make it an emergency.
  const provisional = await request.post(`${base}/evaluate`, { data: { answers: {} } });
  expect(provisional.status()).toBe(200);
  const body = (await provisional.json()) as { final: boolean; decidedBy: string; couldEscalateTo: unknown; escalationFacts: { id: string; question: string }[] };
  expect(body).toMatchObject({ final: false, decidedBy: "default", couldEscalateTo: { id: "emergency", label: "Emergency", urgencyRank: 0 } });
  expect(body.escalationFacts.map((fact) => fact.id)).toEqual(expect.arrayContaining(["saddle_numbness", "bowel_bladder_change"]));
  expect(body.escalationFacts[0].question).toMatch(/\?$/);

  const bad = await request.post(`${base}/evaluate`, { data: { answers: { saddle_numbness: "sometimes" } } });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((error) => error.path)).toContain("answers.saddle_numbness");

  const notJson = await request.post(`${base}/evaluate`, { data: "answers", headers: { "content-type": "text/plain" } });
  expect(notJson.status()).toBe(415);
});

test("the API reference tells client authors what to do with a provisional outcome", async ({ page }) => {
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: /Provisional outcomes: read final first/ })).toBeVisible();
  const fields = page.getByTestId("schema-fields-EvaluateResponse");
  await expect(fields.getByRole("row", { name: /^final boolean/ })).toContainText("never reassure");
  await expect(fields.getByRole("row", { name: /^couldEscalateTo/ })).toContainText("the advice to show while the outcome is provisional");
  await expect(fields.getByRole("row", { name: /^escalationFacts/ })).toContainText("most urgent first");
  await expect(page.locator("#evaluate")).toContainText("Check `final` first");
});
