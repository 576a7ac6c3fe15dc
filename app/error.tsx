"use client";

import Link from "next/link";

/** Shown when a page fails unexpectedly; nothing the person typed in a saved form is lost by a retry. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
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
