import type { Metadata } from "next";
import { DraftPageHeader } from "@/components/test-cases/draft-page-header";
import { ImpactView } from "@/components/test-cases/impact-view";
import { db } from "@/lib/db/client";
import { getDraft } from "@/lib/rulesets/queries";

import { draftView } from "../draft-view";

export const metadata: Metadata = { title: "Impact of the draft" };

export default async function DraftImpactPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { ruleSet, header, missing } = await draftView(slug, "Impact of the draft", "impact");
  if (missing) return missing;
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
