"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { TriageClient } from "@/lib/sdk";

type Item = { slug: string; title: string; summary?: string; version: number };

export function PublishedList() {
  const [items, setItems] = useState<Item[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    new TriageClient({ baseUrl: window.location.origin })
      .listRuleSets()
      .then((list) => setItems(list.ruleSets))
      .catch(() => setFailed(true));
  }, []);
  if (failed) return <p className="text-red-800">The list of symptom checkers could not be loaded.</p>;
  if (!items) return <p className="text-slate-700">Loading…</p>;
  if (items.length === 0) return <p className="text-slate-700">No symptom checker is published yet.</p>;
  return (
    <ul className="space-y-3">
      {items.map((item) => (
        <li key={item.slug} className="card">
          <Link href={`/check/${item.slug}`} className="text-lg font-semibold text-brand-700 hover:underline">
            {item.title}
          </Link>
          {/* `description` is written for authors and reviewers: the person reads the summary, when the list carries one. */}
          {item.summary && <p className="mt-1 text-slate-700">{item.summary}</p>}
        </li>
      ))}
    </ul>
  );
}
