import type { Metadata } from "next";
import { DraftPageHeader, NoDraft } from "@/components/test-cases/draft-page-header";
import { TestCasesWorkspace } from "@/components/test-cases/test-cases-workspace";
import { requirePageIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { notFoundPage } from "@/lib/http/not-found-page";
import { getDraftTests } from "@/lib/rulesets/preview";
import { getDraft, getRuleSet } from "@/lib/rulesets/queries";

export const metadata: Metadata = { title: "Test cases" };

export default async function DraftTestsPage({ params }: { params: Promise<{ slug: string }> }) {
  await requirePageIdentity("author");
  const { slug } = await params;
  const ruleSet = await notFoundPage(getRuleSet(db(), slug));
  const header = { slug, ruleSetTitle: ruleSet.title, draftNumber: ruleSet.draftNumber, title: "Test cases", current: "tests" as const };
  if (ruleSet.draftNumber === null) {
    return (
      <div className="space-y-4">
        <DraftPageHeader {...header} />
        <NoDraft slug={slug} ruleSetTitle={ruleSet.title} />
      </div>
    );
  }
  // The list's revision is the base for saving it: anyone saving in between shows up as a conflict, never a silent overwrite.
  const [draft, tests] = await Promise.all([getDraft(db(), slug), getDraftTests(db(), slug)]);
  return (
    <div className="space-y-4">
      <DraftPageHeader {...header}>
        <p className="text-sm text-slate-700">
          Worked examples the draft must get right. Every case must pass before the draft can be submitted for review.
        </p>
      </DraftPageHeader>
      <TestCasesWorkspace slug={slug} ruleSet={draft.document} initialTestCases={tests.testCases} initialRevision={tests.revision} />
    </div>
  );
}
