"use client";

import { memo, useEffect, useRef, type ReactNode } from "react";
import { LintBadge } from "./fields";
import { useReadOnly } from "./editor-context";

export interface ListItemView {
  key: string;
  title: string;
  subtitle?: string;
  /** Short labels shown as chips, joined with "\u001f" so rows can compare them cheaply. */
  chips?: string;
  errors: number;
  warnings: number;
  muted?: boolean;
}

interface RowProps extends Omit<ListItemView, "key"> {
  index: number;
  selected: boolean;
  showNumber: boolean;
  onSelect: (index: number) => void;
}

/**
 * One row of a master list. Memoised on primitive props, so with 200 rules a
 * keystroke in the selected rule re-renders only that rule's row.
 */
export const ItemListRow = memo(function ItemListRow({ index, selected, showNumber, title, subtitle, chips, errors, warnings, muted, onSelect }: RowProps) {
  return (
    <li>
      <button
        type="button"
        aria-current={selected ? "true" : undefined}
        onClick={() => onSelect(index)}
        className={`block w-full rounded-md border px-3 py-2 text-left text-sm transition-colors ${
          selected ? "border-brand-600 bg-brand-50 ring-1 ring-brand-600" : "border-transparent hover:bg-slate-100"
        }`}
      >
        <span className="flex items-start justify-between gap-2">
          <span className={`min-w-0 font-medium ${muted ? "text-slate-500 line-through decoration-slate-400" : "text-slate-900"}`}>
            {showNumber && <span className="mr-1 text-slate-500">{index + 1}.</span>}
            {title || <em className="text-slate-500">Untitled</em>}
          </span>
          <LintBadge lint={{ errors, warnings }} />
        </span>
        {subtitle && <span className="mt-0.5 block truncate font-mono text-xs text-slate-600">{subtitle}</span>}
        {chips && (
          <span className="mt-1 flex flex-wrap gap-1">
            {chips.split("\u001f").map((chip, i) => (
              <span key={i} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 ring-1 ring-slate-200">
                {chip}
              </span>
            ))}
          </span>
        )}
      </button>
    </li>
  );
});

interface ItemListProps {
  /** Accessible name of the list, e.g. "Rules". */
  label: string;
  items: readonly ListItemView[];
  selected: number;
  onSelect: (index: number) => void;
  addLabel: string;
  onAdd: () => void;
  showNumbers?: boolean;
  /** Extra controls above the list (e.g. a filter), and indexes to show when filtered. */
  toolbar?: ReactNode;
  visible?: readonly number[];
  emptyText: string;
}

export function ItemList({ label, items, selected, onSelect, addLabel, onAdd, showNumbers, toolbar, visible, emptyText }: ItemListProps) {
  const readOnly = useReadOnly();
  const listRef = useRef<HTMLUListElement>(null);

  // Keep the selected row in view when selection changes from elsewhere (lint links, Add, Move).
  useEffect(() => {
    const row = listRef.current?.querySelector('[aria-current="true"]');
    if (row && "scrollIntoView" in row) row.scrollIntoView({ block: "nearest" });
  }, [selected, items.length]);

  const indexes = visible ?? items.map((_, i) => i);
  return (
    <section aria-label={label} className="card space-y-3 p-3 sm:p-3">
      <div className="flex items-center justify-between gap-2">
        <h2 className="font-semibold">
          {label} <span className="text-sm font-normal text-slate-600">({items.length})</span>
        </h2>
        {!readOnly && (
          <button type="button" className="btn-primary py-1" onClick={onAdd}>
            {addLabel}
          </button>
        )}
      </div>
      {toolbar}
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{emptyText}</p>
      ) : (
        <ul ref={listRef} className="max-h-[40vh] space-y-1 overflow-y-auto lg:max-h-[calc(100vh-16rem)]" aria-label={label}>
          {indexes.map((i) => {
            const item = items[i];
            return (
              <ItemListRow
                key={`${item.key}-${i}`}
                index={i}
                selected={i === selected}
                showNumber={showNumbers ?? false}
                title={item.title}
                subtitle={item.subtitle}
                chips={item.chips}
                errors={item.errors}
                warnings={item.warnings}
                muted={item.muted}
                onSelect={onSelect}
              />
            );
          })}
        </ul>
      )}
    </section>
  );
}
