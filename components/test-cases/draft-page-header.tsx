import Link from "next/link";
import { RuleSetBreadcrumb } from "@/components/rule-set-breadcrumb";
import { DraftSubnav, type DraftSection } from "./draft-subnav";

interface DraftPageHeaderProps {
  slug: string;
  ruleSetTitle: string;
  draftNumber: number | null;
  title: string;
  current: DraftSection;
  children?: React.ReactNode;
}

/** Breadcrumb, heading and the draft's sub-navigation, shared by the draft's pages. */
export function DraftPageHeader({ slug, ruleSetTitle, draftNumber, title, current, children }: DraftPageHeaderProps) {
  return (
    <header className="space-y-3">
      <RuleSetBreadcrumb slug={slug} title={ruleSetTitle} trail={draftNumber !== null ? `draft v${draftNumber}` : undefined} />
      <h1 className="text-2xl font-semibold">{title}</h1>
      {children}
      {draftNumber !== null && <DraftSubnav slug={slug} current={current} />}
    </header>
  );
}

/** What the draft's pages show when the rule set has no draft. */
export function NoDraft({ slug, ruleSetTitle }: { slug: string; ruleSetTitle: string }) {
  return (
    <div className="card space-y-3">
      <p className="text-sm text-slate-700">{ruleSetTitle} has no draft. Start a draft from one of its versions first.</p>
      <Link href={`/rulesets/${slug}`} className="btn-primary">
        Go to the rule set
      </Link>
    </div>
  );
}
