"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actorOf } from "@/lib/auth/identity";
import { requireActionIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { runAction, unexpectedFailureMessage, type ActionResult } from "@/lib/http/action-result";
import { createRuleSet, discardDraft, importDocument, saveDraft, startDraft } from "@/lib/rulesets/drafts";
import type { RuleSetDiff } from "@/lib/rulesets/diff";
import type { SaveDraftResult } from "@/lib/rulesets/save-result";
import { getDraft } from "@/lib/rulesets/queries";
import type { RuleSetInput } from "@/lib/engine";

export async function createRuleSetAction(_previous: ActionResult | undefined, form: FormData): Promise<ActionResult> {
  let slug: string | undefined;
  const result = await runAction<undefined>(async () => {
    const identity = await requireActionIdentity("editDraft");
    const created = await createRuleSet(db(), actorOf(identity), {
      slug: String(form.get("slug") ?? ""),
      title: String(form.get("title") ?? ""),
      description: String(form.get("description") ?? ""),
    });
    slug = created.slug;
  });
  // redirect() works by throwing, so it must run outside runAction's catch.
  if (result.ok && slug) redirect(`/rulesets/${slug}/draft`);
  return result;
}

export async function startDraftAction(_previous: ActionResult | undefined, form: FormData): Promise<ActionResult> {
  const slug = String(form.get("slug") ?? "");
  const fromVersion = String(form.get("fromVersion") ?? "");
  const result = await runAction<undefined>(async () => {
    const identity = await requireActionIdentity("editDraft");
    await startDraft(db(), actorOf(identity), slug, { fromVersion: fromVersion === "" ? undefined : fromVersion });
  });
  if (result.ok) redirect(`/rulesets/${slug}/draft`);
  return result;
}

export async function discardDraftAction(_previous: ActionResult | undefined, form: FormData): Promise<ActionResult> {
  const slug = String(form.get("slug") ?? "");
  return runAction(async () => {
    const identity = await requireActionIdentity("editDraft");
    const { discardedNumber } = await discardDraft(db(), actorOf(identity), slug, { revision: String(form.get("revision") ?? "") || undefined });
    revalidatePath(`/rulesets/${slug}`);
    return { message: `Draft version ${discardedNumber} discarded.` };
  });
}

export async function saveDraftAction(input: { slug: string; baseRevision: number; document: unknown }): Promise<SaveDraftResult> {
  try {
    const identity = await requireActionIdentity("editDraft");
    const saved = await saveDraft(db(), actorOf(identity), String(input?.slug ?? ""), {
      baseRevision: input?.baseRevision,
      document: input?.document,
      source: "editor",
    });
    revalidatePath(`/rulesets/${input.slug}`);
    return { ok: true, revision: saved.revision, savedAt: new Date(saved.savedAt).toISOString(), summary: saved.summary };
  } catch (error) {
    return saveErrorResult(error);
  }
}

export async function importDraftAction(_previous: ActionResult | undefined, form: FormData): Promise<ActionResult> {
  const slug = String(form.get("slug") ?? "");
  return runAction(async () => {
    const identity = await requireActionIdentity("editDraft");
    const file = form.get("file");
    const text = file instanceof File ? await file.text() : String(form.get("json") ?? "");
    if (text.trim() === "") {
      throw new DomainError(400, "invalid_input", "Choose a JSON file to import.", [{ path: "file", message: "is required" }]);
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new DomainError(400, "invalid_json", `The file is not valid JSON: ${(error as Error).message}`, [
        { path: "file", message: "is not valid JSON" },
      ]);
    }
    const saved = await importDocument(db(), actorOf(identity), slug, {
      document,
      baseRevision: String(form.get("baseRevision") ?? "") || undefined,
    });
    revalidatePath(`/rulesets/${slug}`);
    return { message: saved.changed ? `Imported into the draft (revision ${saved.revision}): ${saved.summary}.` : "The file matches the draft; nothing changed." };
  });
}

function saveErrorResult(error: unknown): SaveDraftResult {
  if (error instanceof DomainError) {
    if (error.code === "stale_revision") {
      const details = error.details as { currentRevision: number; savedBy: string; savedAt: string; changes: RuleSetDiff | null; summary: string };
      // Without the base revision on record there is nothing to compare; the person must reload.
      if (!details.changes) return { ok: false, kind: "error", message: error.message };
      return { ok: false, kind: "conflict", message: error.message, ...details, changes: details.changes };
    }
    if (error.status === 400) return { ok: false, kind: "invalid", message: error.message, fields: error.fields };
    return { ok: false, kind: "error", message: error.message };
  }
  return { ok: false, kind: "error", message: unexpectedFailureMessage(error) };
}

/** The draft as saved now, for an editor that lost a save conflict and chose to load the other person's version. */
export async function loadDraftAction(slug: string): Promise<{ document: RuleSetInput; revision: number }> {
  await requireActionIdentity("editDraft");
  const draft = await getDraft(db(), String(slug));
  return { document: draft.document, revision: draft.revision };
}
