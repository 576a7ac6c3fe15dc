import type { Metadata } from "next";
import { RuleSetBreadcrumb } from "@/components/rule-set-breadcrumb";
import Link from "next/link";
import { parseDraftLink } from "@/components/ruleset-editor/deep-links";
import { DraftEditor } from "@/components/ruleset-editor/draft-editor";
import { DraftSubnav } from "@/components/test-cases/draft-subnav";
import { requirePageIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { notFoundPage } from "@/lib/http/not-found-page";
import { getDraft, getRuleSet } from "@/lib/rulesets/queries";
import { loadDraftAction, saveDraftAction } from "../../actions";
import { saveTestCasesAction } from "../../test-actions";
import { loadDraftTestsAction } from "./preview-actions";

export const metadata: Metadata = { title: "Draft" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Deep links (the publication gate's): `?path=<JSONPath>`, `?rule=<id>`, `?invariant=<id>` open that spot. */
export default async function DraftPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: SearchParams }) {
  await requirePageIdentity("editDraft");
  const { slug } = await params;
  const link = parseDraftLink(await searchParams);
  const ruleSet = await notFoundPage(getRuleSet(db(), slug));
  if (ruleSet.draftNumber === null) {
    return (
      <div className="card space-y-3">
        <h1 className="text-xl font-semibold">{ruleSet.title} has no draft</h1>
        <p className="text-sm text-slate-700">Start a draft from one of its versions to edit it.</p>
        <Link href={`/rulesets/${slug}`} className="btn-primary">
          Go to the rule set
        </Link>
      </div>
    );
  }
  const draft = await getDraft(db(), slug);
  return (
    <div className="space-y-4">
      <RuleSetBreadcrumb slug={slug} title={ruleSet.title} trail={`draft v${draft.number}`} />
      <DraftSubnav slug={slug} current="editor" />
      <DraftEditor
        slug={slug}
        initialDocument={draft.document}
        initialRevision={draft.revision}
        save={saveDraftAction}
        loadLatest={loadDraftAction}
        testCaseActions={{ load: loadDraftTestsAction, save: saveTestCasesAction }}
        link={link}
        publishedLabel={ruleSet.publishedVersion ? `v${ruleSet.publishedVersion} (published)` : undefined}
      />
    </div>
  );
}
