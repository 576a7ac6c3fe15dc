import Link from "next/link";

/** "Rule sets / <title> / <where>": the trail above every page about one rule set. */
export function RuleSetBreadcrumb({ slug, title, trail }: { slug: string; title: string; trail?: string }) {
  return (
    <nav className="text-sm" aria-label="Breadcrumb">
      <Link href="/rulesets" className="text-brand-700 hover:underline">
        Rule sets
      </Link>{" "}
      /{" "}
      <Link href={`/rulesets/${slug}`} className="text-brand-700 hover:underline">
        {title}
      </Link>
      {trail ? ` / ${trail}` : null}
    </nav>
  );
}
