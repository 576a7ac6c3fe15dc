"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { useHydrated } from "@/components/use-hydrated";

interface Props {
  callbackUrl: string;
  initialError?: string;
  errorMessages: Record<string, string>;
  sso: { name: string } | null;
}

export function SignInForm({ callbackUrl, initialError, errorMessages, sso }: Props) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);
  // Before hydration a submit would be a native GET with the password in the URL: keep it disabled.
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (!result || result.error) {
      setPending(false);
      setError(errorMessages[result?.error ?? ""] ?? "Sign-in failed. Try again.");
      return;
    }
    window.location.assign(callbackUrl);
  }

  return (
    <div className="card space-y-4">
      <form onSubmit={onSubmit} method="post" className="space-y-4">
        <div>
          <label htmlFor="email" className="field-label">
            E-mail
          </label>
          <input id="email" name="email" type="email" autoComplete="username" required className="field-input" />
        </div>
        <div>
          <label htmlFor="password" className="field-label">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="field-input"
          />
        </div>
        {error && (
          <p role="alert" data-testid="signin-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        <button type="submit" className="btn-primary w-full" disabled={pending || !hydrated}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {sso && (
        <>
          <div className="text-center text-xs uppercase tracking-wide text-slate-500">or</div>
          <button type="button" className="btn-secondary w-full" disabled={!hydrated} onClick={() => signIn("oidc", { callbackUrl })}>
            Sign in with {sso.name}
          </button>
        </>
      )}
    </div>
  );
}
