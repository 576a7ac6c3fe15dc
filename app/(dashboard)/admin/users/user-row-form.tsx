"use client";

import { useActionState } from "react";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import { updateUserAction } from "./actions";

interface Props {
  user: { id: string; email: string; name: string; roles: Role[]; active: boolean; lastSignInAt: string | null };
}

export function UserRowForm({ user }: Props) {
  const [result, action, pending] = useActionState(updateUserAction, undefined);
  return (
    <form action={action} className="card space-y-3" data-testid={`user-${user.email}`}>
      <input type="hidden" name="userId" value={user.id} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <div className="font-medium">{user.name}</div>
          <div className="text-sm text-slate-600">{user.email}</div>
        </div>
        <div className="text-xs text-slate-500">
          {user.active ? "Active" : "Deactivated"} · last sign-in{" "}
          {user.lastSignInAt ? `${user.lastSignInAt.replace("T", " ").slice(0, 16)} UTC` : "never"}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-4 text-sm">
        {ROLES.map((role) => (
          <label key={role} className="flex items-center gap-2">
            <input type="checkbox" name="roles" value={role} defaultChecked={user.roles.includes(role)} /> {ROLE_LABELS[role]}
          </label>
        ))}
        <label className="flex items-center gap-2">
          <input type="checkbox" name="active" defaultChecked={user.active} /> Active
        </label>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`password-${user.id}`} className="field-label">
            New password <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <input id={`password-${user.id}`} name="password" type="password" autoComplete="new-password" className="field-input" />
        </div>
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </button>
      </div>
      {result && (
        <p role="status" className={result.ok ? "text-sm text-green-800" : "field-error"}>
          {result.message}
        </p>
      )}
    </form>
  );
}
