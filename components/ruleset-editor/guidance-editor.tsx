"use client";

import { useCallback, useDeferredValue, useMemo } from "react";
import { GuidanceMarkdown } from "@/components/guidance-markdown";
import { CitationsEditor } from "./citations-editor";
import { useReadOnly } from "./editor-context";
import { EditorHeading, IdField, ItemToolbar, TextField } from "./fields";
import { ItemList, type ListItemView } from "./item-list";
import { ItemIssues } from "./lint-panel";
import type { TabEditorProps } from "./tab-props";

export function GuidanceEditor({ doc, selected, dispatch, lint, onJump }: TabEditorProps) {
  const readOnly = useReadOnly();
  const blocks = useMemo(() => doc.guidance ?? [], [doc.guidance]);
  const items = useMemo<ListItemView[]>(
    () =>
      blocks.map((g, i) => ({
        key: g.id,
        title: g.title,
        subtitle: g.id,
        chips: g.locale ?? "",
        errors: lint.byItem.guidance.get(i)?.errors ?? 0,
        warnings: lint.byItem.guidance.get(i)?.warnings ?? 0,
      })),
    [blocks, lint],
  );
  const onSelect = useCallback((index: number) => dispatch({ type: "select", collection: "guidance", index }), [dispatch]);
  const block = blocks[selected];
  const index = selected;
  const path = `$.guidance[${index}]`;
  // The preview may lag a keystroke behind on long texts; the textarea never does.
  const previewBody = useDeferredValue(block?.body ?? "");

  const remove = () => {
    if (!block) return;
    const uses =
      doc.rules.filter((r) => r.guidance?.includes(block.id)).length + doc.dispositions.filter((d) => d.guidance?.includes(block.id)).length;
    const warning = uses > 0 ? ` It is attached to ${uses} ${uses === 1 ? "rule or disposition" : "rules or dispositions"}.` : "";
    if (window.confirm(`Delete the guidance “${block.title}”?${warning}`)) dispatch({ type: "item/remove", collection: "guidance", index });
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <ItemList
        label="Guidance"
        items={items}
        selected={selected}
        onSelect={onSelect}
        addLabel="Add guidance"
        onAdd={() => dispatch({ type: "guidance/add" })}
        emptyText="No guidance yet. Guidance is the advice shown with a result."
      />
      {block ? (
        <section key={index} className="card @container space-y-4" aria-label="Guidance editor">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <EditorHeading path={path}>{block.title || "Untitled guidance"}</EditorHeading>
            <ItemToolbar
              index={index}
              count={blocks.length}
              onMove={(to) => dispatch({ type: "item/move", collection: "guidance", index, to })}
              onDelete={remove}
            />
          </div>
          <ItemIssues issues={lint.issuesByItem.guidance.get(index)} onJump={onJump} />
          <fieldset disabled={readOnly} className="min-w-0 space-y-4">
            <legend className="sr-only">Guidance fields</legend>
            <div className="grid gap-4 @3xl:grid-cols-[1fr_14rem_8rem]">
              <TextField label="Guidance title" value={block.title} onChange={(value) => dispatch({ type: "guidance/set", index, field: "title", value })} path={`${path}.title`} />
              <IdField
                label="Guidance id"
                value={block.id}
                onChange={(value) => dispatch({ type: "guidance/set", index, field: "id", value })}
                otherIds={blocks.filter((_, i) => i !== index).map((g) => g.id)}
                path={`${path}.id`}
                hint="Renaming updates rules and dispositions."
              />
              <TextField
                label="Locale"
                value={block.locale ?? ""}
                onChange={(value) => dispatch({ type: "guidance/set", index, field: "locale", value })}
                path={`${path}.locale`}
                placeholder="en"
              />
            </div>
            <div className="grid gap-4 @3xl:grid-cols-2">
              <TextField
                label="Guidance text (Markdown)"
                value={block.body}
                onChange={(value) => dispatch({ type: "guidance/set", index, field: "body", value })}
                path={`${path}.body`}
                multiline
                rows={16}
                monospace
                hint="**bold**, *italic*, - lists, 1. numbered, [link](address), ## heading. HTML is not shown."
              />
              <div>
                <h3 className="field-label" id={`guidance-preview-${index}`}>
                  Preview (as shown in apps)
                </h3>
                <div
                  className="mt-1 min-h-40 rounded-md border border-slate-200 bg-white p-3"
                  aria-labelledby={`guidance-preview-${index}`}
                  role="region"
                  data-testid="guidance-preview"
                >
                  {previewBody.trim() === "" ? <p className="text-sm text-slate-500">Nothing to preview yet.</p> : <GuidanceMarkdown markdown={previewBody} />}
                </div>
              </div>
            </div>
            <CitationsEditor
              citations={block.citations ?? []}
              onChange={(citations) => dispatch({ type: "guidance/setCitations", index, citations })}
              path={`${path}.citations`}
            />
          </fieldset>
        </section>
      ) : (
        <p className="card text-sm text-slate-600">Select or add a guidance block.</p>
      )}
    </div>
  );
}
