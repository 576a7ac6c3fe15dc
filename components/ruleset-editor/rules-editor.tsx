"use client";

import { useCallback, useId, useMemo, useState } from "react";
import { ItemList, type ListItemView } from "./item-list";
import { RuleForm } from "./rule-form";
import type { TabEditorProps } from "./tab-props";

/**
 * The rule list plus the selected rule's form. Only one RuleForm is ever
 * mounted, and rows are memoised, so typing stays fast with hundreds of rules.
 */
export function RulesEditor({ doc, selected, dispatch, lint, onJump }: TabEditorProps) {
  const rules = doc.rules;
  const filterId = useId();
  const [filter, setFilter] = useState("");
  const dispositionLabels = useMemo(() => new Map(doc.dispositions.map((d) => [d.id, d.label])), [doc.dispositions]);

  const items = useMemo<ListItemView[]>(
    () =>
      rules.map((r, i) => ({
        key: r.id,
        title: r.title,
        subtitle: r.id,
        chips: [
          `→ ${dispositionLabels.get(r.disposition) ?? `unknown “${r.disposition}”`}`,
          ...(r.enabled === false ? ["Disabled"] : []),
          ...(r.tags ?? []).map((t) => `#${t}`),
        ].join("\u001f"),
        errors: lint.byItem.rules.get(i)?.errors ?? 0,
        warnings: lint.byItem.rules.get(i)?.warnings ?? 0,
        muted: r.enabled === false,
      })),
    [rules, dispositionLabels, lint],
  );

  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    if (!needle) return undefined;
    const out: number[] = [];
    rules.forEach((r, i) => {
      const haystack = `${r.title}\n${r.id}\n${(r.tags ?? []).join("\n")}\n${dispositionLabels.get(r.disposition) ?? ""}`.toLowerCase();
      if (haystack.includes(needle)) out.push(i);
    });
    return out;
  }, [filter, rules, dispositionLabels]);

  const onSelect = useCallback((index: number) => dispatch({ type: "select", collection: "rules", index }), [dispatch]);
  const rule = rules[selected];

  return (
    <div className="grid gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
      <ItemList
        label="Rules"
        items={items}
        selected={selected}
        onSelect={onSelect}
        addLabel="Add rule"
        onAdd={() => dispatch({ type: "rule/add" })}
        visible={visible}
        showNumbers
        emptyText="No rules yet."
        toolbar={
          rules.length > 5 && (
            <div>
              <label htmlFor={filterId} className="sr-only">
                Filter rules
              </label>
              <input
                id={filterId}
                type="search"
                className="field-input mt-0"
                placeholder="Filter by title, id, tag or disposition"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              />
              {visible && (
                <p className="mt-1 text-xs text-slate-600" aria-live="polite">
                  {visible.length} of {rules.length} rules shown
                </p>
              )}
            </div>
          )
        }
      />
      {rule ? (
        <RuleForm key={selected} doc={doc} rule={rule} index={selected} dispatch={dispatch} issues={lint.issuesByItem.rules.get(selected)} onJump={onJump} />
      ) : (
        <p className="card text-sm text-slate-600">Select or add a rule.</p>
      )}
    </div>
  );
}
