import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-slate-600">Your roles don&apos;t allow it. Ask an admin if you think they should.</p>
      <Link href="/" className="btn-primary mt-6">
        Back to the dashboard
      </Link>
    </main>
  );
}
