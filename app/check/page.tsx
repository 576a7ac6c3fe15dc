import type { Metadata } from "next";
import { PublishedList } from "@/components/check/published-list";

export const metadata: Metadata = { title: "Symptom checkers" };

export default function CheckIndexPage() {
  return (
    <main className="mx-auto max-w-2xl space-y-4 px-4 py-8">
      <h1 className="text-2xl font-semibold">Symptom checkers</h1>
      <PublishedList />
    </main>
  );
}
