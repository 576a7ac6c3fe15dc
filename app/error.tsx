"use client";

import Link from "next/link";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/db/unavailable";

/**
 * Shown when a page fails unexpectedly; nothing the person typed in a saved form is lost by a retry.
 * An unreachable database (tagged by lib/db/client.ts) gets its own message: it is not a bug, and
 * the person needs to know that nothing they did was saved.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  if (error.digest === DATABASE_UNAVAILABLE_DIGEST) {
    return (
      <main className="mx-auto max-w-lg space-y-4 px-4 py-16 text-center">
        <h1 className="text-2xl font-semibold">The database is unavailable</h1>
        <p className="text-slate-700">
          The database is unavailable; nothing was saved. Client apps keep getting the published rule sets meanwhile. Try again in a few seconds.
        </p>
        <div className="flex justify-center gap-3">
          <button type="button" className="btn-primary" onClick={() => reset()}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  return (
    <main className="mx-auto max-w-lg space-y-4 px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-slate-700">
        The page could not be shown. Try again; if it keeps happening, tell your administrator
        {error.digest ? ` and quote reference ${error.digest}` : ""}.
      </p>
      <div className="flex justify-center gap-3">
        <button type="button" className="btn-primary" onClick={() => reset()}>
          Try again
        </button>
        <Link href="/" className="btn-secondary">
          Dashboard
        </Link>
      </div>
    </main>
  );
}
