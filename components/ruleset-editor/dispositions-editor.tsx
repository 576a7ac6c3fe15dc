"use client";

import { useCallback, useMemo } from "react";
import { useReadOnly } from "./editor-context";
import { EditorHeading, GuidancePicker, IdField, ItemToolbar, TextField } from "./fields";
import { ItemList, type ListItemView } from "./item-list";
import { ItemIssues } from "./lint-panel";
import type { TabEditorProps } from "./tab-props";

/** Dispositions in urgency order: the most urgent fired disposition wins, so order is clinical content. */
export function DispositionsEditor({ doc, selected, dispatch, lint, onJump }: TabEditorProps) {
  const readOnly = useReadOnly();
  const dispositions = doc.dispositions;
  const guidance = useMemo(() => doc.guidance ?? [], [doc.guidance]);
  const items = useMemo<ListItemView[]>(
    () =>
      dispositions.map((d, i) => ({
        key: d.id,
        title: d.label,
        subtitle: d.id,
        chips: [
          i === 0 ? "Most urgent" : i === dispositions.length - 1 ? "Least urgent" : "",
          doc.defaultDisposition === d.id ? "Default" : "",
        ]
          .filter(Boolean)
          .join("\u001f"),
        errors: lint.byItem.dispositions.get(i)?.errors ?? 0,
        warnings: lint.byItem.dispositions.get(i)?.warnings ?? 0,
      })),
    [dispositions, doc.defaultDisposition, lint],
  );
  const onSelect = useCallback((index: number) => dispatch({ type: "select", collection: "dispositions", index }), [dispatch]);
  const disposition = dispositions[selected];
  const index = selected;
  const path = `$.dispositions[${index}]`;

  const remove = () => {
    if (!disposition) return;
    const uses = doc.rules.filter((r) => r.disposition === disposition.id).length;
    const warning = uses > 0 ? ` ${uses} ${uses === 1 ? "rule leads" : "rules lead"} to it and will need another disposition.` : "";
    if (window.confirm(`Delete the disposition “${disposition.label}”?${warning}`)) {
      dispatch({ type: "item/remove", collection: "dispositions", index });
    }
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
      <div className="space-y-2">
        <ItemList
          label="Dispositions"
          items={items}
          selected={selected}
          onSelect={onSelect}
          addLabel="Add disposition"
          onAdd={() => dispatch({ type: "disposition/add" })}
          showNumbers
          emptyText="No dispositions yet. A rule set needs at least one."
        />
        <p className="px-1 text-xs text-slate-600">Listed from most to least urgent. When several rules fire, the most urgent disposition wins.</p>
      </div>
      {disposition ? (
        <section key={index} className="card @container space-y-4" aria-label="Disposition editor">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <EditorHeading path={path}>
              {index + 1}. {disposition.label}
              <span className="ml-2 text-sm font-normal text-slate-600">
                {index === 0 ? "(most urgent)" : index === dispositions.length - 1 ? "(least urgent)" : `(urgency ${index + 1} of ${dispositions.length})`}
              </span>
            </EditorHeading>
            <ItemToolbar
              index={index}
              count={dispositions.length}
              onMove={(to) => dispatch({ type: "item/move", collection: "dispositions", index, to })}
              onDelete={remove}
            />
          </div>
          <ItemIssues issues={lint.issuesByItem.dispositions.get(index)} onJump={onJump} />
          <fieldset disabled={readOnly} className="min-w-0 space-y-4">
            <legend className="sr-only">Disposition fields</legend>
            <div className="grid gap-4 @xl:grid-cols-2">
              <TextField label="Label" value={disposition.label} onChange={(value) => dispatch({ type: "disposition/set", index, field: "label", value })} path={`${path}.label`} hint="Short name, e.g. “Emergency”." />
              <IdField
                label="Disposition id"
                value={disposition.id}
                onChange={(value) => dispatch({ type: "disposition/set", index, field: "id", value })}
                otherIds={dispositions.filter((_, i) => i !== index).map((d) => d.id)}
                path={`${path}.id`}
              />
            </div>
            <TextField
              label="Action"
              value={disposition.action}
              onChange={(value) => dispatch({ type: "disposition/set", index, field: "action", value })}
              path={`${path}.action`}
              multiline
              rows={2}
              hint="What the person should do, e.g. “Go to the emergency department now”."
            />
            <GuidancePicker
              legend="Guidance shown with this disposition"
              guidance={guidance}
              value={disposition.guidance ?? []}
              onChange={(ids) => dispatch({ type: "disposition/setGuidance", index, guidance: ids })}
              path={`${path}.guidance`}
            />
          </fieldset>
        </section>
      ) : (
        <p className="card text-sm text-slate-600">Select or add a disposition.</p>
      )}
    </div>
  );
}
