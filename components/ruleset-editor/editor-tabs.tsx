"use client";

import { useRef, type KeyboardEvent } from "react";
import { useHydrated } from "@/components/use-hydrated";
import type { TabId } from "./lint-utils";

export const TABS: readonly { id: TabId; label: string }[] = [
  { id: "details", label: "Details" },
  { id: "facts", label: "Questions" },
  { id: "dispositions", label: "Dispositions" },
  { id: "rules", label: "Rules" },
  { id: "invariants", label: "Invariants" },
  { id: "guidance", label: "Guidance" },
];

export const tabButtonId = (base: string, tab: TabId) => `${base}-tab-${tab}`;
export const tabPanelId = (base: string, tab: TabId) => `${base}-panel-${tab}`;

interface EditorTabsProps {
  baseId: string;
  active: TabId;
  onChange: (tab: TabId) => void;
  /** Item counts and error counts, shown as badges outside the accessible name so names stay stable. */
  counts: Record<TabId, number | undefined>;
  errors: Record<TabId, number>;
}

/** WAI-ARIA tabs: arrow keys, Home and End move between tabs. */
export function EditorTabs({ baseId, active, onChange, counts, errors }: EditorTabsProps) {
  const listRef = useRef<HTMLDivElement>(null);
  // Tabs only work with JavaScript: disabled until then, so an early click is not lost.
  const hydrated = useHydrated();
  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((t) => t.id === active);
    const next =
      event.key === "ArrowRight" ? (index + 1) % TABS.length
      : event.key === "ArrowLeft" ? (index - 1 + TABS.length) % TABS.length
      : event.key === "Home" ? 0
      : event.key === "End" ? TABS.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    onChange(TABS[next].id);
    listRef.current?.querySelector<HTMLButtonElement>(`#${CSS.escape(tabButtonId(baseId, TABS[next].id))}`)?.focus();
  };

  return (
    <div ref={listRef} role="tablist" aria-label="Rule set sections" className="flex gap-1 overflow-x-auto border-b border-slate-200" onKeyDown={onKeyDown}>
      {TABS.map((tab) => {
        const selected = tab.id === active;
        return (
          <button
            key={tab.id}
            id={tabButtonId(baseId, tab.id)}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={selected ? tabPanelId(baseId, tab.id) : undefined}
            tabIndex={selected ? 0 : -1}
            disabled={!hydrated}
            onClick={() => onChange(tab.id)}
            className={`-mb-px flex shrink-0 items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium ${
              selected ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
            }`}
          >
            {tab.label}
            {counts[tab.id] !== undefined && (
              <span aria-hidden="true" className="rounded-full bg-slate-100 px-1.5 text-xs text-slate-600">
                {counts[tab.id]}
              </span>
            )}
            {errors[tab.id] > 0 && (
              <span aria-hidden="true" className="rounded-full bg-red-100 px-1.5 text-xs font-semibold text-red-800" title={`${errors[tab.id]} errors`}>
                {errors[tab.id]}!
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
