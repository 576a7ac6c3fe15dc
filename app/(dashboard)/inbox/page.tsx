import type { Metadata } from "next";
import { InboxLists } from "@/components/inbox-lists";
import { requirePageIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { inboxFor } from "@/lib/reviews/inbox";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage() {
  const identity = await requirePageIdentity("ownAccount");
  const inbox = await inboxFor(db(), identity);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Inbox</h1>
      <InboxLists {...inbox} />
    </div>
  );
}
