import type { Metadata } from "next";
import { requirePageIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { can } from "@/lib/auth/permissions";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { describeAuditAction } from "@/lib/audit/describe";
import { InboxLists } from "@/components/inbox-lists";
import { inboxFor } from "@/lib/reviews/inbox";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const identity = await requirePageIdentity("ownAccount");
  const inbox = await inboxFor(db(), identity);
  const recent = await db().auditEvent.findMany({
    where: { actorId: identity.userId },
    orderBy: { at: "desc" },
    take: 10,
  });

  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-semibold">Welcome, {identity.name}</h1>
        <p className="mt-1 text-slate-600">
          You are signed in as {identity.roles.map((role) => ROLE_LABELS[role]).join(", ") || "a user with no roles"}.
        </p>
      </section>
      <InboxLists {...inbox} />
      <section className="grid gap-4 sm:grid-cols-2">
        <div className="card">
          <h2 className="font-semibold">What you can do</h2>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
            {can(identity, "editDraft") && <li>Author triage rule sets and their guidance.</li>}
            {can(identity, "reviewVersion") && <li>Review and approve versions written by others.</li>}
            {can(identity, "publish") && <li>Publish approved versions, roll back and withdraw rule sets.</li>}
            {can(identity, "manageUsers") && <li>Create users, set their roles and deactivate them.</li>}
            <li>Create personal API tokens for scripts that use the admin API.</li>
          </ul>
        </div>
        <div className="card">
          <h2 className="font-semibold">Your recent activity</h2>
          {recent.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">Nothing yet.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {recent.map((event) => (
                <li key={event.id.toString()} className="flex justify-between gap-2">
                  <span>{describeAuditAction(event.action)}</span>
                  <time className="shrink-0 text-slate-500" dateTime={event.at.toISOString()}>
                    {event.at.toISOString().replace("T", " ").slice(0, 16)} UTC
                  </time>
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
    </div>
  );
}
