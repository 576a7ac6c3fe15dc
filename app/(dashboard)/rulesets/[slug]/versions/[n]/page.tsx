import type { Metadata } from "next";
import { RuleSetBreadcrumb } from "@/components/rule-set-breadcrumb";
import Link from "next/link";
import { formatWhen, VERSION_STATE_LABELS } from "@/components/format";
import { DraftEditor } from "@/components/ruleset-editor/draft-editor";
import { RevisionHistory } from "@/components/revision-history";
import { requirePageIdentity } from "@/lib/auth/next";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFoundPage } from "@/lib/http/not-found-page";
import { getDraftHistory, getVersion } from "@/lib/rulesets/queries";
import { saveDraftAction } from "../../../actions";

export const metadata: Metadata = { title: "Version" };

export default async function VersionPage({ params }: { params: Promise<{ slug: string; n: string }> }) {
  // Read-only: admins may look too; editing and export stay with authors.
  const isAuthor = can(await requirePageIdentity("viewRuleSets"), "editDraft");
  const { slug, n } = await params;
  const version = await notFoundPage(getVersion(db(), slug, n));
  const history = await getDraftHistory(db(), slug, version.number);
  return (
    <div className="space-y-4">
      <RuleSetBreadcrumb slug={slug} title={version.document.metadata.title} trail={`v${version.number}`} />
      <header className="card flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">
            Version {version.number} · {VERSION_STATE_LABELS[version.state]}
          </h1>
          <p className="text-sm text-slate-600">
            Started by {version.createdBy} {formatWhen(version.createdAt)}; last edited by {version.lastEditedBy} {formatWhen(version.updatedAt)}
            {version.frozenAt ? `; frozen ${formatWhen(version.frozenAt)}` : ""}.
          </p>
        </div>
        <div className="flex gap-2">
          {isAuthor && version.state === "draft" && (
            <Link href={`/rulesets/${slug}/draft`} className="btn-primary">
              Edit the draft
            </Link>
          )}
          {isAuthor && (
            <a href={`/api/admin/rulesets/${slug}/versions/${version.number}?download=1`} className="btn-secondary">
              Export JSON
            </a>
          )}
        </div>
      </header>
      <DraftEditor
        slug={slug}
        initialDocument={version.document}
        initialRevision={version.revision}
        save={saveDraftAction}
        readOnly
      />
      <RevisionHistory title="Edits in this version" entries={history} />
    </div>
  );
}
