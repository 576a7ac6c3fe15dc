"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { AnswerValue } from "@/lib/engine";
import { engineDocument, localStorageStore, questionPlan, RuleSetNotFoundError, RuleSetWithdrawnError, TriageClient, type PublishedRuleSet } from "@/lib/sdk";
import { QuestionForm } from "@/components/patient-preview/question-form";
import { patientState } from "@/components/patient-preview/answers";
import { usePersonAnswers } from "@/components/patient-preview/use-person-answers";
import { OutcomePanel } from "./outcome-panel";

type Load =
  | { state: "loading" }
  | { state: "ready"; ruleSet: PublishedRuleSet; offline: boolean }
  | { state: "error"; title: string; message: string };

/** Moves keyboard focus to a question (its first control) and brings it on screen. */
function focusQuestion(form: HTMLElement | null, factId: string) {
  const question = form?.querySelector<HTMLElement>(`[data-question-id="${CSS.escape(factId)}"]`);
  if (!question) return;
  const control = question.querySelector<HTMLInputElement>("input:checked") ?? question.querySelector<HTMLInputElement>("input");
  question.scrollIntoView({ block: "start" });
  control?.focus({ preventScroll: true });
}

/**
 * The reference symptom checker: it uses only the public API through the SDK,
 * keeps the last good copy for offline use, and triages on the device.
 *
 * Safety questions (red flags) come first. Until every question that could make
 * the advice more urgent is answered, the advice shown is that of the most
 * urgent disposition still reachable (the SDK's provisional outcome), never
 * reassurance; "I'm not sure" counts as unanswered.
 */
export function SymptomChecker({ slug }: { slug: string }) {
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const { answers, unsure, answer } = usePersonAnswers();
  // Bumped on every "See my advice", so the result is brought on screen and focused each time; 0 = not shown.
  const [shownAt, setShownAt] = useState(0);
  const [status, setStatus] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const client = useMemo(
    () => (typeof window === "undefined" ? null : new TriageClient({ baseUrl: window.location.origin, store: localStorageStore(window.localStorage) })),
    [],
  );

  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    client
      .getRuleSet(slug)
      .then(({ ruleSet, source }) => !cancelled && setLoad({ state: "ready", ruleSet, offline: source === "offline" }))
      .catch((error: unknown) => {
        if (cancelled) return;
        if (error instanceof RuleSetWithdrawnError) {
          setLoad({ state: "error", title: "This symptom checker is not available", message: `It was withdrawn: ${error.reason}. If you feel unwell, contact a doctor or call emergency services.` });
        } else if (error instanceof RuleSetNotFoundError) {
          setLoad({ state: "error", title: "Not found", message: `There is no published symptom checker called “${slug}”.` });
        } else {
          setLoad({ state: "error", title: "Cannot load the questions", message: "Check your connection and try again. If you feel unwell, contact a doctor or call emergency services." });
        }
      });
    return () => {
      cancelled = true;
    };
  }, [client, slug]);

  useEffect(() => {
    if (shownAt === 0) return;
    // The advice starts at the top of the screen (its action right under the heading), and keyboard and screen-reader users land on it.
    panelRef.current?.scrollIntoView({ block: "start" });
    headingRef.current?.focus({ preventScroll: true });
  }, [shownAt]);

  if (load.state === "loading") return <p className="text-slate-700">Loading the questions…</p>;
  if (load.state === "error") {
    return (
      <section className="rounded-lg border border-red-200 bg-red-50 p-4" data-testid="check-error">
        <h2 className="text-lg font-semibold text-red-900">{load.title}</h2>
        <p className="mt-1 text-red-900">{load.message}</p>
      </section>
    );
  }

  const { ruleSet } = load;
  const document = engineDocument(ruleSet);
  const state = patientState(document, answers);
  const outcome = client!.evaluateWith(ruleSet, state.answers);
  const plan = questionPlan(document);
  const shown = new Set(state.shown);
  const openSafety = plan.safety.filter((id) => shown.has(id) && (state.answers[id] === undefined) && !unsure.has(id)).length;

  const onAnswer = (factId: string, value: AnswerValue | null, isUnsure = false) => {
    if (shownAt !== 0) setStatus("Your answers changed. Select “See my advice” to see advice for them.");
    setShownAt(0);
    answer(factId, value, isUnsure);
  };
  const { summary, audience } = ruleSet.metadata;

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold text-slate-900">{ruleSet.metadata.title}</h1>
        {/* metadata.description is written for authors and reviewers; the person reads the summary. */}
        {summary && (
          <p className="text-slate-700" data-testid="check-summary">
            {summary}
          </p>
        )}
        {audience && <p className="text-sm text-slate-700">For: {audience}</p>}
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-950">
          This is not a diagnosis. It helps you decide where to get care. If you think it is an emergency, call emergency services now.
        </p>
        {load.offline && <p className="text-sm text-slate-700">You are offline: using the copy saved on this device (version {ruleSet.version}).</p>}
      </header>
      <form
        ref={formRef}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setStatus("");
          setShownAt((n) => n + 1);
        }}
        className="space-y-4"
      >
        <QuestionForm ruleSet={document} answers={answers} unsure={unsure} onAnswer={onAnswer} legend="Your symptoms" variant="person" />
        {openSafety > 0 && (
          <p className="text-sm text-slate-800" id="check-open-safety" data-testid="check-open-safety">
            {openSafety === 1 ? "1 safety question is" : `${openSafety} safety questions are`} not answered yet. You can still see advice, but it will
            assume the answer could be yes.
          </p>
        )}
        <button type="submit" className="btn-primary min-h-11 w-full py-3 text-base sm:w-auto" aria-describedby={openSafety > 0 ? "check-open-safety" : undefined}>
          See my advice
        </button>
      </form>
      <p className="sr-only" role="status" aria-live="polite" data-testid="check-status">
        {status}
      </p>
      {shownAt > 0 && (
        <OutcomePanel
          key={shownAt}
          document={document}
          outcome={outcome}
          unsure={unsure}
          visible={shown}
          headingRef={headingRef}
          panelRef={panelRef}
          onAskQuestion={(factId) => focusQuestion(formRef.current, factId)}
        />
      )}
      <p className="text-xs text-slate-500">
        Rule set {ruleSet.metadata.slug} version {ruleSet.version}, published {ruleSet.publishedAt.slice(0, 10)}.
      </p>
    </div>
  );
}
