"use client";

import { useCallback, useEffect, useEffectEvent, useId, useMemo, useReducer, useRef, useState } from "react";
import { lintRuleSet } from "@/lib/engine/lint";
import type { LintIssue } from "@/lib/engine/lint-types";
import { RuleSetSchema, type RuleSetInput } from "@/lib/engine/schema";
import type { SaveDraftResult } from "@/lib/rulesets/save-result";
import { ConflictPanel, type ConflictResult } from "./conflict-panel";
import { DetailsEditor } from "./details-editor";
import { DispositionsEditor } from "./dispositions-editor";
import { documentJson, downloadText } from "./download";
import { FieldErrorsContext, ReadOnlyContext } from "./editor-context";
import { editorReducer, initEditorState, isDirty } from "./editor-reducer";
import { EditorTabs, tabButtonId, tabPanelId } from "./editor-tabs";
import { FactsEditor } from "./facts-editor";
import { GuidanceEditor } from "./guidance-editor";
import { LintPanel } from "./lint-panel";
import { describePath, indexIssues, jsonPathFromDotted, jsonPathFromSegments, pathAncestors, plainMessage, targetOf, type TabId } from "./lint-utils";
import { RulesEditor } from "./rules-editor";
import { SaveBar, type SaveStatus } from "./save-bar";
import { useUnsavedChangesGuard } from "./unsaved-changes-guard";
import { useDebouncedValue } from "./use-debounced-value";

export interface DraftEditorProps {
  slug: string;
  /** The stored draft document. */
  initialDocument: RuleSetInput;
  initialRevision: number;
  /** Server action: saves if `baseRevision` is still current, otherwise answers a conflict. */
  save: (input: { slug: string; baseRevision: number; document: unknown }) => Promise<SaveDraftResult>;
  readOnly?: boolean;
  /** Display only, e.g. "v3 (published)". */
  publishedLabel?: string;
  /**
   * Fetches the draft as currently stored, for "Load their version" after a
   * conflict. Without it that button reloads the page (after downloading the
   * person's version).
   */
  loadLatest?: (slug: string) => Promise<{ document: RuleSetInput; revision: number }>;
}

type Message = { tone: "success" | "error" | "warning"; text: string };
type ServerProblems = { message: string; items: { path: string; message: string }[] };

const LINT_PANEL_ID = "draft-lint-panel";

export function DraftEditor(props: DraftEditorProps) {
  const { slug, save, readOnly = false, publishedLabel, loadLatest } = props;
  const [state, dispatch] = useReducer(editorReducer, props, initEditorState);
  const [tab, setTab] = useState<TabId>("details");
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message>();
  const [conflict, setConflict] = useState<{ result: ConflictResult; base: number } | null>(null);
  const [conflictNotice, setConflictNotice] = useState<string>();
  const [loadingTheirs, setLoadingTheirs] = useState(false);
  /** After a failed client-side check, the live list of shape errors stays open until they are fixed. */
  const [shapeErrorsAtSave, setShapeErrorsAtSave] = useState<{ path: string; message: string }[] | null>(null);
  const [serverProblems, setServerProblems] = useState<ServerProblems | null>(null);
  /** The person's own version after they chose to load someone else's, kept for download. */
  const [replacedMine, setReplacedMine] = useState<RuleSetInput | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ path: string; n: number } | null>(null);
  const baseId = useId();
  const panelRef = useRef<HTMLDivElement>(null);

  const { doc, revision } = state;
  const dirty = isDirty(state);
  useUnsavedChangesGuard(dirty && !readOnly && !leaving);

  // Lint is the expensive part (~60 ms at 200 rules): run it when typing pauses.
  const lintDoc = useDebouncedValue(doc, doc.rules.length > 60 ? 400 : 150);
  const issues = useMemo(() => lintRuleSet(lintDoc), [lintDoc]);
  const lint = useMemo(() => indexIssues(issues), [issues]);
  const lintIsCurrent = lintDoc === doc;
  const shapeIssues = useMemo(
    () => issues.filter((i) => i.code === "schema").map((i) => ({ path: i.path, message: plainMessage(i.message) })),
    [issues],
  );

  const jumpTo = useCallback((path: string) => {
    const target = targetOf(path);
    setTab(target.tab);
    if (target.tab !== "details" && target.index !== undefined) dispatch({ type: "select", collection: target.tab, index: target.index });
    setFocusRequest((previous) => ({ path, n: (previous?.n ?? 0) + 1 }));
  }, []);
  const onJump = useCallback((issue: LintIssue) => jumpTo(issue.path), [jumpTo]);

  // Runs after the tab and selection above have rendered, so the target exists.
  useEffect(() => {
    if (!focusRequest || !panelRef.current) return;
    for (const path of pathAncestors(focusRequest.path)) {
      const element = panelRef.current.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`);
      if (element) {
        element.scrollIntoView({ block: "center" });
        element.focus({ preventScroll: true });
        return;
      }
    }
  }, [focusRequest]);

  // "Load their version" without loadLatest: reload once the unsaved-changes guard is off.
  useEffect(() => {
    if (leaving) window.location.reload();
  }, [leaving]);

  const performSave = async (baseRevision: number) => {
    if (readOnly || saving) return;
    const sent = doc;
    const parsed = RuleSetSchema.safeParse(sent);
    if (!parsed.success) {
      setShapeErrorsAtSave(parsed.error.issues.map((i) => ({ path: jsonPathFromSegments(i.path), message: plainMessage(i.message) })));
      setServerProblems(null);
      setMessage({ tone: "error", text: "Not saved: some fields need fixing first (listed below)." });
      return;
    }
    setShapeErrorsAtSave(null);
    setServerProblems(null);
    setSaving(true);
    setMessage(undefined);
    let result: SaveDraftResult;
    try {
      result = await save({ slug, baseRevision, document: sent });
    } catch {
      result = { ok: false, kind: "error", message: "The server could not be reached. Your changes are still here; try again." };
    } finally {
      setSaving(false);
    }
    if (result.ok) {
      // Edits made while the request was in flight stay marked as unsaved.
      dispatch({ type: "document/saved", revision: result.revision, savedDocument: sent });
      setConflict(null);
      setMessage({ tone: "success", text: result.summary ? `Saved: ${result.summary}` : "Saved." });
    } else if (result.kind === "conflict") {
      setConflict({ result, base: baseRevision });
      setConflictNotice(undefined);
      setMessage({ tone: "warning", text: "Not saved: someone else saved a newer revision. Your edits are kept; see below." });
    } else if (result.kind === "invalid") {
      setServerProblems({
        message: result.message,
        items: result.fields.map((f) => ({ path: jsonPathFromDotted(f.path), message: plainMessage(f.message) })),
      });
      setMessage({ tone: "error", text: `Not saved: ${result.message}` });
    } else {
      setMessage({ tone: "error", text: `Not saved: ${result.message}` });
    }
  };

  const requestSave = () => void performSave(revision);

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
      // Always swallow it: the browser's "Save page" is never what someone editing a draft wants.
      event.preventDefault();
      if (!readOnly) requestSave();
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  const copyMine = async () => {
    const json = documentJson(doc);
    let copied = false;
    try {
      await navigator.clipboard.writeText(json);
      copied = true;
    } catch {
      // Clipboard access can be refused (permissions, insecure context); the download still works.
    }
    downloadText(json, `${slug}-my-version.json`);
    setConflictNotice(
      copied ? `Copied to the clipboard and downloaded as ${slug}-my-version.json.` : `Downloaded as ${slug}-my-version.json (the browser did not allow copying).`,
    );
  };

  const loadTheirs = async () => {
    if (!conflict) return;
    const ok = window.confirm(
      `Replace everything in the editor with revision ${conflict.result.currentRevision} saved by ${conflict.result.savedBy}? ` +
        "Your version will be downloaded as a JSON file first.",
    );
    if (!ok) return;
    downloadText(documentJson(doc), `${slug}-my-version.json`);
    if (!loadLatest) {
      setLeaving(true);
      return;
    }
    setLoadingTheirs(true);
    try {
      const latest = await loadLatest(slug);
      setReplacedMine(doc);
      dispatch({ type: "document/replace", document: latest.document, revision: latest.revision });
      setConflict(null);
      setMessage({ tone: "success", text: `Loaded revision ${latest.revision}. Your previous version was downloaded and can be downloaded again below.` });
    } catch {
      setConflictNotice("Their version could not be loaded. Your version is still in the editor.");
    } finally {
      setLoadingTheirs(false);
    }
  };

  const overwrite = () => {
    if (!conflict) return;
    const ok = window.confirm(
      `Save your version over revision ${conflict.result.currentRevision}? The changes ${conflict.result.savedBy} made (listed below) will be replaced by yours.`,
    );
    if (ok) void performSave(conflict.result.currentRevision);
  };

  const status: SaveStatus = saving ? "saving" : dirty ? "dirty" : "saved";
  const tabProps = { doc, dispatch, lint, onJump };

  return (
    <ReadOnlyContext.Provider value={readOnly}>
      <FieldErrorsContext.Provider value={lint.fieldErrors}>
        <div className="space-y-4" data-testid="draft-editor">
          <SaveBar
            title={doc.metadata.title}
            status={status}
            revision={revision}
            publishedLabel={publishedLabel}
            readOnly={readOnly}
            onSave={requestSave}
            message={message}
            extra={
              <a href={`#${LINT_PANEL_ID}`} className="text-sm text-slate-700 underline-offset-2 hover:underline">
                <span className={lint.counts.errors ? "font-semibold text-red-700" : ""}>
                  {lint.counts.errors} {lint.counts.errors === 1 ? "error" : "errors"}
                </span>
                {" · "}
                <span className={lint.counts.warnings ? "text-amber-900" : ""}>
                  {lint.counts.warnings} {lint.counts.warnings === 1 ? "warning" : "warnings"}
                </span>
              </a>
            }
          />

          {conflict && (
            <ConflictPanel
              conflict={conflict.result}
              baseRevision={conflict.base}
              onCopyMine={() => void copyMine()}
              onLoadTheirs={() => void loadTheirs()}
              onOverwrite={overwrite}
              onDismiss={() => setConflict(null)}
              notice={conflictNotice}
              busy={saving || loadingTheirs}
            />
          )}

          {replacedMine && (
            <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
              <span>You replaced your version with theirs. Your version is kept until you leave this page.</span>
              <button type="button" className="btn-secondary py-1" onClick={() => downloadText(documentJson(replacedMine), `${slug}-my-version.json`)}>
                Download my previous version
              </button>
              <button type="button" className="btn-secondary py-1" onClick={() => setReplacedMine(null)}>
                Dismiss
              </button>
            </div>
          )}

          {shapeErrorsAtSave && (
            // Follows the live lint once it has caught up, so fixed fields drop off the list as they are fixed.
            <ProblemList
              title={(lintIsCurrent ? shapeIssues : shapeErrorsAtSave).length ? "Fix these before saving" : "All fixed. Save again when ready."}
              items={lintIsCurrent ? shapeIssues : shapeErrorsAtSave}
              doc={doc}
              onJump={jumpTo}
              onClose={() => setShapeErrorsAtSave(null)}
            />
          )}
          {serverProblems && (
            <ProblemList title={serverProblems.message} items={serverProblems.items} doc={doc} onJump={jumpTo} onClose={() => setServerProblems(null)} />
          )}

          <aside id={LINT_PANEL_ID} className="scroll-mt-28">
            <LintPanel issues={issues} doc={lintDoc} pending={!lintIsCurrent} onJump={onJump} />
          </aside>

          <EditorTabs
            baseId={baseId}
            active={tab}
            onChange={setTab}
            counts={{
              details: undefined,
              facts: doc.facts.length,
              dispositions: doc.dispositions.length,
              rules: doc.rules.length,
              guidance: (doc.guidance ?? []).length,
            }}
            errors={lint.errorsByTab}
          />

          <div ref={panelRef} role="tabpanel" id={tabPanelId(baseId, tab)} aria-labelledby={tabButtonId(baseId, tab)} className="min-w-0">
            {tab === "details" && <DetailsEditor doc={doc} dispatch={dispatch} />}
            {tab === "facts" && <FactsEditor {...tabProps} selected={state.selected.facts} />}
            {tab === "dispositions" && <DispositionsEditor {...tabProps} selected={state.selected.dispositions} />}
            {tab === "rules" && <RulesEditor {...tabProps} selected={state.selected.rules} />}
            {tab === "guidance" && <GuidanceEditor {...tabProps} selected={state.selected.guidance} />}
          </div>
          {readOnly && <p className="text-sm text-slate-600">This draft is read only.</p>}
        </div>
      </FieldErrorsContext.Provider>
    </ReadOnlyContext.Provider>
  );
}

interface ProblemListProps {
  title: string;
  items: { path: string; message: string }[];
  doc: RuleSetInput;
  onJump: (path: string) => void;
  onClose: () => void;
}

/** Validation problems named in plain words, each a link to the field. */
function ProblemList({ title, items, doc, onJump, onClose }: ProblemListProps) {
  return (
    <section
      role="alert"
      data-testid="save-problems"
      className={`space-y-2 rounded-lg border p-3 ${items.length ? "border-red-300 bg-red-50" : "border-emerald-300 bg-emerald-50"}`}
    >
      <div className="flex items-start justify-between gap-2">
        <h2 className={`font-semibold ${items.length ? "text-red-900" : "text-emerald-900"}`}>{title}</h2>
        <button type="button" className="text-sm underline" onClick={onClose}>
          Hide
        </button>
      </div>
      {items.length > 0 && (
        <ul className="space-y-1 text-sm">
          {items.map((item, i) => (
            <li key={`${item.path}-${i}`}>
              <button type="button" className="text-left hover:underline" onClick={() => onJump(item.path)}>
                <span className="font-medium text-red-900">{describePath(item.path, doc)}:</span> <span className="text-slate-900">{item.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

