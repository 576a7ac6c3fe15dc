"use client";

import { useActionState } from "react";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { fieldError } from "@/lib/http/action-result";
import { createUserAction } from "./actions";

export function CreateUserForm() {
  const [result, action, pending] = useActionState(createUserAction, undefined);
  const errors = {
    email: fieldError(result, "email"),
    name: fieldError(result, "name"),
    password: fieldError(result, "password"),
    roles: fieldError(result, "roles"),
  };
  return (
    <form action={action} className="card space-y-4" aria-labelledby="create-user-heading">
      <h2 id="create-user-heading" className="font-semibold">
        Create a user
      </h2>
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor="new-email" className="field-label">
            E-mail
          </label>
          <input id="new-email" name="email" type="email" required className="field-input" />
          {errors.email && <p className="field-error">E-mail {errors.email}</p>}
        </div>
        <div>
          <label htmlFor="new-name" className="field-label">
            Name
          </label>
          <input id="new-name" name="name" required className="field-input" />
          {errors.name && <p className="field-error">Name {errors.name}</p>}
        </div>
        <div>
          <label htmlFor="new-password" className="field-label">
            Password <span className="font-normal text-slate-500">(leave empty for SSO only)</span>
          </label>
          <input id="new-password" name="password" type="password" autoComplete="new-password" className="field-input" />
          {errors.password && <p className="field-error">Password {errors.password}</p>}
        </div>
      </div>
      <fieldset>
        <legend className="field-label">Roles</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {ROLES.map((role) => (
            <label key={role} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="roles" value={role} /> {ROLE_LABELS[role]}
            </label>
          ))}
        </div>
        {errors.roles && <p className="field-error">Roles {errors.roles}</p>}
      </fieldset>
      {result && (
        <p role="status" className={result.ok ? "text-sm text-green-800" : "field-error"}>
          {result.message}
        </p>
      )}
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Creating…" : "Create user"}
      </button>
    </form>
  );
}
