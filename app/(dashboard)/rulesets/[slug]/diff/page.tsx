import type { Metadata } from "next";
import Link from "next/link";
import { VERSION_STATE_LABELS } from "@/components/format";
import { RulesetDiffView } from "@/components/ruleset-diff/ruleset-diff-view";
import { requirePageIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { notFoundPage } from "@/lib/http/not-found-page";
import { summarizeDiff } from "@/lib/rulesets/diff";
import { diffVersions } from "@/lib/rulesets/queries";

export const metadata: Metadata = { title: "Differences" };

export default async function DiffPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ from?: string; to?: string }>;
}) {
  await requirePageIdentity("viewRuleSets");
  const { slug } = await params;
  const { from = "published", to = "draft" } = await searchParams;
  const result = await notFoundPage(diffVersions(db(), slug, from, to));
  const label = (side: { number: number; state: string } | null) =>
    side ? `v${side.number} (${VERSION_STATE_LABELS[side.state].toLowerCase()})` : "nothing published";

  return (
    <div className="space-y-4">
      <nav className="text-sm" aria-label="Breadcrumb">
        <Link href={`/rulesets/${slug}`} className="text-brand-700 hover:underline">
          ← {slug}
        </Link>
      </nav>
      <header>
        <h1 className="text-2xl font-semibold">
          Changes from {label(result.from)} to {label(result.to)}
        </h1>
        <p className="mt-1 text-sm text-slate-600" data-testid="diff-summary">
          {summarizeDiff(result.diff)}
        </p>
      </header>
      <RulesetDiffView diff={result.diff} fromLabel={label(result.from)} toLabel={label(result.to)} />
    </div>
  );
}
