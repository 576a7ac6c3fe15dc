import type { Metadata } from "next";
import { SymptomChecker } from "@/components/check/symptom-checker";

export const metadata: Metadata = { title: "Symptom checker" };

/** Public, no sign-in: everything it shows comes from the public API through the SDK. */
export default async function CheckPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return (
    <main className="mx-auto max-w-2xl px-4 py-8">
      <SymptomChecker slug={slug} />
    </main>
  );
}
