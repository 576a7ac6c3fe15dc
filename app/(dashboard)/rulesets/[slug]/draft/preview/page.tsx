import type { Metadata } from "next";
import { PatientPreview } from "@/components/patient-preview/patient-preview";
import { DraftPageHeader, NoDraft } from "@/components/test-cases/draft-page-header";
import { requirePageIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { notFoundPage } from "@/lib/http/not-found-page";
import { getDraft, getRuleSet } from "@/lib/rulesets/queries";

export const metadata: Metadata = { title: "Patient preview" };

export default async function PatientPreviewPage({ params }: { params: Promise<{ slug: string }> }) {
  await requirePageIdentity("author");
  const { slug } = await params;
  const ruleSet = await notFoundPage(getRuleSet(db(), slug));
  const header = { slug, ruleSetTitle: ruleSet.title, draftNumber: ruleSet.draftNumber, title: "Patient preview", current: "preview" as const };
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
          The draft’s questions exactly as a client app shows them, evaluated live. Revision {draft.revision}; nothing here changes the draft
          unless you save a test case.
        </p>
      </DraftPageHeader>
      <PatientPreview slug={slug} ruleSet={draft.document} revision={draft.revision} />
    </div>
  );
}
