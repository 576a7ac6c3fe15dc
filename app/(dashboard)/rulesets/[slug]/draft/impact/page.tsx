import type { Metadata } from "next";
import { DraftPageHeader, NoDraft } from "@/components/test-cases/draft-page-header";
import { ImpactView } from "@/components/test-cases/impact-view";
import { requirePageIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { notFoundPage } from "@/lib/http/not-found-page";
import { getDraft, getRuleSet } from "@/lib/rulesets/queries";

export const metadata: Metadata = { title: "Impact of the draft" };

export default async function DraftImpactPage({ params }: { params: Promise<{ slug: string }> }) {
  await requirePageIdentity("author");
  const { slug } = await params;
  const ruleSet = await notFoundPage(getRuleSet(db(), slug));
  const header = { slug, ruleSetTitle: ruleSet.title, draftNumber: ruleSet.draftNumber, title: "Impact of the draft", current: "impact" as const };
  if (ruleSet.draftNumber === null) {
    return (
      <div className="space-y-4">
        <DraftPageHeader {...header} />
        <NoDraft slug={slug} ruleSetTitle={ruleSet.title} />
      </div>
    );
  }
  const draft = await getDraft(db(), slug);
  return (
    <div className="space-y-4">
      <DraftPageHeader {...header}>
        <p className="text-sm text-slate-700">
          {ruleSet.publishedVersion === null
            ? "Nothing is published yet, so there is no previous version to compare with."
            : `What would change for people if this draft replaced published version ${ruleSet.publishedVersion}.`}
        </p>
      </DraftPageHeader>
      <ImpactView slug={slug} ruleSet={draft.document} />
    </div>
  );
}
