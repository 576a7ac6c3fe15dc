import type { Metadata } from "next";
import { parseTestsLink } from "@/components/ruleset-editor/deep-links";
import { DraftPageHeader } from "@/components/test-cases/draft-page-header";
import { TestCasesWorkspace } from "@/components/test-cases/test-cases-workspace";
import { db } from "@/lib/db/client";
import { getDraftTests } from "@/lib/rulesets/preview";
import { getDraft } from "@/lib/rulesets/queries";

import { draftView } from "../draft-view";

export const metadata: Metadata = { title: "Test cases" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Deep links (the publication gate's): `?case=<id>` opens a case, `?newCaseForRule=<ruleId>` starts one that makes the rule fire. */
export default async function DraftTestsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: SearchParams }) {
  const { slug } = await params;
  const link = parseTestsLink(await searchParams);
  const { header, missing } = await draftView(slug, "Test cases", "tests");
  if (missing) return missing;
  // The list's revision is the base for saving it: anyone saving in between shows up as a conflict, never a silent overwrite.
  const [draft, tests] = await Promise.all([getDraft(db(), slug), getDraftTests(db(), slug)]);
  return (
    <div className="space-y-4">
      <DraftPageHeader {...header}>
        <p className="text-sm text-slate-700">
          Worked examples the draft must get right. Every case must pass before the draft can be submitted for review.
        </p>
      </DraftPageHeader>
      <TestCasesWorkspace slug={slug} ruleSet={draft.document} initialTestCases={tests.testCases} initialRevision={tests.revision} link={link} />
    </div>
  );
}
