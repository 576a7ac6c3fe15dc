"use client";

import { signOut } from "next-auth/react";
import { useHydrated } from "./use-hydrated";

export function SignOutButton() {
  const hydrated = useHydrated();
  return (
    <button type="button" className="btn-secondary" disabled={!hydrated} onClick={() => signOut({ callbackUrl: "/signin" })}>
      Sign out
    </button>
  );
}
