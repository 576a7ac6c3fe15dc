import type { Metadata } from "next";
import { requirePageIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { listUsers } from "@/lib/users/service";
import { CreateUserForm } from "./create-user-form";
import { UserRowForm } from "./user-row-form";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  await requirePageIdentity("manageUsers");
  const users = await listUsers(db());
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Users</h1>
        <p className="mt-1 text-sm text-slate-600">
          Authors edit rule sets, reviewers approve versions (and can author), admins manage users. Deactivating a user
          or setting a new password ends their sessions and revokes their API tokens for good (reactivating them does not
          bring the tokens back).
        </p>
      </header>
      <CreateUserForm />
      <section className="space-y-3" aria-label="All users">
        {users.map((user) => (
          <UserRowForm
            key={`${user.id}-${user.roles.join()}-${user.active}`}
            user={{ ...user, lastSignInAt: user.lastSignInAt?.toISOString() ?? null }}
          />
        ))}
      </section>
    </div>
  );
}
