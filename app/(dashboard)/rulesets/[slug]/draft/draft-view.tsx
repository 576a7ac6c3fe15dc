import type { ReactNode } from "react";
import { DraftPageHeader, NoDraft } from "@/components/test-cases/draft-page-header";
import type { DraftSection } from "@/components/test-cases/draft-subnav";
import { requirePageIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { notFoundPage } from "@/lib/http/not-found-page";
import { getRuleSet } from "@/lib/rulesets/queries";

/**
 * What every view of a draft starts with: the author check, the rule set (404
 * when unknown), the shared header, and the page to show when there is no draft.
 */
export async function draftView(slug: string, title: string, current: DraftSection) {
  await requirePageIdentity("editDraft");
  const ruleSet = await notFoundPage(getRuleSet(db(), slug));
  const header = { slug, ruleSetTitle: ruleSet.title, draftNumber: ruleSet.draftNumber, title, current };
  const missing: ReactNode =
    ruleSet.draftNumber === null ? (
      <div className="space-y-4">
        <DraftPageHeader {...header} />
        <NoDraft slug={slug} ruleSetTitle={ruleSet.title} />
      </div>
    ) : null;
  return { ruleSet, header, missing };
}
