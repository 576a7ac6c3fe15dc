"use client";

import type { VerifyDraftResult } from "./verification-utils";

/**
 * The editor's live check goes to the admin API (`POST /api/admin/rulesets/{slug}/draft/verify`,
 * the same verifyDraft as verifyDraftAction, same body) rather than to the
 * server action: Next runs a page's server actions one at a time, so a
 * solver run of up to 5 s would hold back a Save or a test-case save pressed
 * meanwhile. A plain fetch runs alongside them.
 */
export async function verifyOverApi(input: { slug: string; document: unknown; timeBudgetMs?: number }): Promise<VerifyDraftResult> {
  let response: Response;
  try {
    response = await fetch(`/api/admin/rulesets/${encodeURIComponent(input.slug)}/draft/verify`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ document: input.document, ...(input.timeBudgetMs ? { timeBudgetMs: input.timeBudgetMs } : {}) }),
      cache: "no-store",
    });
  } catch {
    return { ok: false, message: "The server could not be reached, so the draft was not checked. It is checked again after your next change." };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.ok && body && typeof body === "object" && "invariants" in body) return { ok: true, ...(body as Omit<Extract<VerifyDraftResult, { ok: true }>, "ok">) };
  const detail = body && typeof body === "object" && "detail" in body && typeof body.detail === "string" ? body.detail : null;
  return { ok: false, message: detail ?? `The check failed (HTTP ${response.status}); it is tried again after your next change.` };
}
