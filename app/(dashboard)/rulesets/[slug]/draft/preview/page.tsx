import type { Metadata } from "next";
import { PatientPreview } from "@/components/patient-preview/patient-preview";
import { DraftPageHeader } from "@/components/test-cases/draft-page-header";
import { db } from "@/lib/db/client";
import { getDraft } from "@/lib/rulesets/queries";

import { draftView } from "../draft-view";

export const metadata: Metadata = { title: "Patient preview" };

export default async function PatientPreviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { header, missing } = await draftView(slug, "Patient preview", "preview");
  if (missing) return missing;
  const draft = await getDraft(db(), slug);
  return (
    <div className="space-y-4">
      <DraftPageHeader {...header}>
        <p className="text-sm text-slate-700">
          The draft’s questions exactly as the symptom checker shows them, evaluated live: safety questions (those read by red-flag rules)
          first, “I’m not sure” counted as unanswered, and provisional advice (the most urgent disposition still reachable) until nothing
          unanswered could make the result more urgent. Revision {draft.revision}; nothing here changes the draft unless you save a test case.
        </p>
      </DraftPageHeader>
      <PatientPreview slug={slug} ruleSet={draft.document} revision={draft.revision} />
    </div>
  );
}
