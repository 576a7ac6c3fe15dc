"use client";

import { useCallback, useEffect, useEffectEvent, useId, useMemo, useReducer, useRef, useState } from "react";
import { lintRuleSet } from "@/lib/engine/lint";
import type { LintIssue } from "@/lib/engine/lint-types";
import { RuleSetSchema, type RuleSetInput } from "@/lib/engine/schema";
import type { SaveDraftResult } from "@/lib/rulesets/save-result";
import { counterexampleToTestCase, findEquivalentCase } from "@/lib/testcases/from-counterexample";
import type { TestCase } from "@/lib/testcases/schema";
import type { InvariantVerdict } from "@/lib/verify/schemas";
import { ConflictPanel, type ConflictResult } from "./conflict-panel";
import { draftLinkKey, resolveDraftLink, type DraftLink } from "./deep-links";
import { DetailsEditor } from "./details-editor";
import { DispositionsEditor } from "./dispositions-editor";
import { documentJson, downloadText } from "./download";
import { FieldErrorsContext, ReadOnlyContext } from "./editor-context";
import { editorReducer, initEditorState, isDirty } from "./editor-reducer";
import { EditorTabs, tabButtonId, tabPanelId } from "./editor-tabs";
import { FactsEditor } from "./facts-editor";
import { GuidanceEditor } from "./guidance-editor";
import { InvariantsEditor, type VerdictIndex } from "./invariants-editor";
import { LintPanel } from "./lint-panel";
import { describePath, indexIssues, issuePath, jsonPathFromDotted, jsonPathFromSegments, pathAncestors, plainMessage, targetOf, type TabId } from "./lint-utils";
import { RulesEditor } from "./rules-editor";
import { SaveBar, type SaveStatus } from "./save-bar";
import { useUnsavedChangesGuard } from "./unsaved-changes-guard";
import { useDebouncedValue } from "./use-debounced-value";
import { useLiveVerification, type Verify } from "./use-live-verification";
import { counterexampleKey, VerificationBadge, VerificationPanel, type CaseMessage } from "./verification-panel";
import { verifyOverApi } from "./verify-client";

type SaveTestsResult =
  | { ok: true; revision: number; summary: string }
  | { ok: false; kind: "conflict" | "invalid" | "error"; message: string; fields?: { path: string; message: string }[] };

/** Reading and saving the draft's test cases, for "Add as test case" (the test-case page's server actions). */
export interface TestCaseActions {
  load: (input: { slug: string }) => Promise<{ ok: true; revision: number; testCases: TestCase[] } | { ok: false; message: string }>;
  save: (input: { slug: string; baseRevision: number; testCases: TestCase[] }) => Promise<SaveTestsResult>;
}

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
  /**
   * The live solver check of the unsaved document. Default: the admin API's
   * draft/verify; null switches the safety panel off.
   */
  verify?: Verify | null;
  /** Without them, counterexamples cannot be added as test cases from the editor. */
  testCaseActions?: TestCaseActions;
  /** A deep link (`?path=`, `?rule=`, `?invariant=`): the editor opens on it. */
  link?: DraftLink | null;
}

type Message = { tone: "success" | "error" | "warning"; text: string };
type ServerProblems = { message: string; items: { path: string; message: string }[] };

const LINT_PANEL_ID = "draft-lint-panel";
const VERIFICATION_PANEL_ID = "draft-verification-panel";

export function DraftEditor(props: DraftEditorProps) {
  const { slug, save, readOnly = false, publishedLabel, loadLatest, testCaseActions, link = null } = props;
  const verify = props.verify === undefined ? verifyOverApi : props.verify;
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
  const [addingCase, setAddingCase] = useState(false);
  const [caseMessages, setCaseMessages] = useState<ReadonlyMap<string, CaseMessage>>(new Map());
  const baseId = useId();
  const panelRef = useRef<HTMLDivElement>(null);

  const { doc, revision } = state;
  const dirty = isDirty(state);
  useUnsavedChangesGuard(dirty && !readOnly && !leaving);

  // Lint is the expensive part (~60 ms at 200 rules): run it when typing pauses.
  const lintDoc = useDebouncedValue(doc, doc.rules.length > 60 ? 400 : 150);
  const issues = useMemo(() => lintRuleSet(lintDoc), [lintDoc]);
  const lint = useMemo(() => indexIssues(issues, lintDoc), [issues, lintDoc]);
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
  const onJump = useCallback((issue: LintIssue) => jumpTo(issuePath(issue, lintDoc)), [jumpTo, lintDoc]);

  const live = useLiveVerification({ slug, doc, verify });
  const liveReport = live.shown?.result.ok ? live.shown.result : null;
  const verdicts = useMemo<VerdictIndex | null>(
    () => (liveReport ? { byId: new Map(liveReport.invariants.map((v) => [v.id, v])), stale: live.stale } : null),
    [liveReport, live.stale],
  );

  // Deep links: open the tab and item, then focus it (also when the page is
  // opened again with another link). Adjusted during render, so the first
  // paint already shows the right tab.
  const linkKey = draftLinkKey(link);
  const [openedLink, setOpenedLink] = useState("");
  if (linkKey !== openedLink) {
    setOpenedLink(linkKey);
    if (link) {
      const resolved = resolveDraftLink(link, doc);
      if (resolved.ok) jumpTo(resolved.path);
      else setMessage({ tone: "warning", text: resolved.message });
    }
  }

  const openVerdict = useCallback(
    (verdict: InvariantVerdict) => {
      const resolved = resolveDraftLink(verdict.source === "red-flag" && verdict.ruleId ? { kind: "rule", id: verdict.ruleId } : { kind: "invariant", id: verdict.id }, doc);
      if (resolved.ok) jumpTo(resolved.path);
      else setMessage({ tone: "warning", text: resolved.message });
    },
    [doc, jumpTo],
  );

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
    if (addingCase) {
      setMessage({ tone: "warning", text: "Not saved yet: a test case is being added. Save again in a moment." });
      return;
    }
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
    if (result.ok && result.summary === "No changes" && invariantsDiffer(sent, state.savedDoc)) {
      // The server's change detection (lib/rulesets/diff.ts) does not compare invariants yet: a save
      // whose only change is to invariants is answered "No changes" and NOT stored. Never report that as saved.
      setMessage({
        tone: "error",
        text: "Not saved: the server does not yet detect changes made only to invariants, so nothing was stored. Your edits are still here; they are stored with your next save that also changes something else (e.g. a rule or the description).",
      });
    } else if (result.ok) {
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

  /**
   * "Add as test case": appends the counterexample to the draft's stored test
   * cases (the latest list, read first, so nobody's cases are lost). Saving
   * test cases moves the draft to a new revision with the same document, so
   * the editor adopts that revision as its base (document/rebased): the next
   * Save is not refused as a conflict with the author's own test case. When
   * someone else had saved in between, the base stays, and the next Save
   * shows their changes as a conflict, as it should.
   */
  const addCounterexampleCase = async (verdict: InvariantVerdict, forDocument: RuleSetInput) => {
    if (!testCaseActions || addingCase || saving) return;
    const key = counterexampleKey(verdict);
    const say = (message: CaseMessage) => setCaseMessages((previous) => new Map(previous).set(key, message));
    const editorRevision = revision;
    setAddingCase(true);
    say({ tone: "pending", text: "Adding…" });
    try {
      const latest = await testCaseActions.load({ slug });
      if (!latest.ok) return say({ tone: "error", text: `Not added: ${latest.message}` });
      const built = counterexampleToTestCase(verdict, forDocument.dispositions, latest.testCases);
      if (!built.ok) return say({ tone: "error", text: `Not added: ${built.message}` });
      const same = findEquivalentCase(latest.testCases, built.testCase);
      if (same) return say({ tone: "success", text: `Already a test case: “${same.name}”.` });
      const result = await testCaseActions.save({ slug, baseRevision: latest.revision, testCases: [...latest.testCases, built.testCase] });
      if (!result.ok) {
        const text =
          result.kind === "conflict"
            ? "Not added: someone saved the draft at the same moment. Try again."
            : `Not added: ${[result.message, ...(result.fields ?? []).map((f) => f.message)].join(" ")}`;
        return say({ tone: "error", text });
      }
      dispatch({ type: "document/rebased", from: latest.revision, revision: result.revision });
      say({
        tone: "success",
        text:
          `Added “${built.testCase.name}” to the test cases, expecting “${built.expected.label}” (revision ${result.revision}).` +
          (latest.revision !== editorRevision ? " Someone else had saved this draft since you opened it: your next save shows what they changed." : ""),
      });
    } catch {
      say({ tone: "error", text: "Not added: the server could not be reached. Try again." });
    } finally {
      setAddingCase(false);
    }
  };

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

  const status: SaveStatus = saving || addingCase ? "saving" : dirty ? "dirty" : "saved";
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
              <>
              {verify && <VerificationBadge live={live} href={`#${VERIFICATION_PANEL_ID}`} />}
              <a href={`#${LINT_PANEL_ID}`} className="text-sm text-slate-700 underline-offset-2 hover:underline">
                <span className={lint.counts.errors ? "font-semibold text-red-700" : ""}>
                  {lint.counts.errors} {lint.counts.errors === 1 ? "error" : "errors"}
                </span>
                {" · "}
                <span className={lint.counts.warnings ? "text-amber-900" : ""}>
                  {lint.counts.warnings} {lint.counts.warnings === 1 ? "warning" : "warnings"}
                </span>
              </a>
              </>
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

          <aside id={LINT_PANEL_ID} className="scroll-mt-28 space-y-4">
            <LintPanel issues={issues} doc={lintDoc} pending={!lintIsCurrent} onJump={onJump} />
            {verify && (
              <VerificationPanel
                id={VERIFICATION_PANEL_ID}
                live={live}
                onOpen={openVerdict}
                onAddCase={!readOnly && testCaseActions ? (verdict, forDocument) => void addCounterexampleCase(verdict, forDocument) : undefined}
                caseMessages={caseMessages}
                busy={saving || addingCase}
              />
            )}
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
              invariants: (doc.invariants ?? []).length,
            }}
            errors={lint.errorsByTab}
          />

          <div ref={panelRef} role="tabpanel" id={tabPanelId(baseId, tab)} aria-labelledby={tabButtonId(baseId, tab)} className="min-w-0">
            {tab === "details" && <DetailsEditor doc={doc} dispatch={dispatch} />}
            {tab === "facts" && <FactsEditor {...tabProps} selected={state.selected.facts} />}
            {tab === "dispositions" && <DispositionsEditor {...tabProps} selected={state.selected.dispositions} />}
            {tab === "rules" && <RulesEditor {...tabProps} selected={state.selected.rules} />}
            {tab === "guidance" && <GuidanceEditor {...tabProps} selected={state.selected.guidance} />}
            {tab === "invariants" && <InvariantsEditor {...tabProps} selected={state.selected.invariants} verdicts={verdicts} onOpenPath={jumpTo} />}
          </div>
          {readOnly && <p className="text-sm text-slate-600">This draft is read only.</p>}
        </div>
      </FieldErrorsContext.Provider>
    </ReadOnlyContext.Provider>
  );
}

function invariantsDiffer(a: RuleSetInput, b: RuleSetInput): boolean {
  return a.invariants !== b.invariants && JSON.stringify(a.invariants ?? []) !== JSON.stringify(b.invariants ?? []);
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

