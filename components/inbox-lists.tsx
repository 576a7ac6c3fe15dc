import Link from "next/link";
import type { InboxItem } from "@/lib/reviews/inbox";
import { formatWhen } from "./format";

function Items({ items, empty, href }: { items: InboxItem[]; empty: string; href: (item: InboxItem) => string }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="space-y-2">
      {items.map((item) => (
        <li key={`${item.slug}-${item.versionNumber}`} className="flex flex-wrap justify-between gap-2 text-sm">
          <Link href={href(item)} className="font-medium text-brand-700 hover:underline">
            {item.title} v{item.versionNumber}
          </Link>
          <span className="text-slate-600">
            {item.detail} · since {formatWhen(item.since)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function InboxLists({ toReview, toAnswer }: { toReview: InboxItem[]; toAnswer: InboxItem[] }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2" data-testid="inbox">
      <section className="card" aria-labelledby="to-review-heading">
        <h2 id="to-review-heading" className="mb-2 font-semibold">
          Waiting for your review
        </h2>
        <Items items={toReview} empty="Nothing to review." href={(item) => `/rulesets/${item.slug}/versions/${item.versionNumber}/review`} />
      </section>
      <section className="card" aria-labelledby="to-answer-heading">
        <h2 id="to-answer-heading" className="mb-2 font-semibold">
          Your drafts with comments to answer
        </h2>
        <Items items={toAnswer} empty="No open comments on your drafts." href={(item) => `/rulesets/${item.slug}`} />
      </section>
    </div>
  );
}
