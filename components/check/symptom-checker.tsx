"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { AnswerValue, Answers } from "@/lib/engine";
import { engineDocument, localStorageStore, RuleSetNotFoundError, RuleSetWithdrawnError, TriageClient, type PublishedRuleSet } from "@/lib/sdk";
import { QuestionForm } from "@/components/patient-preview/question-form";
import { patientState } from "@/components/patient-preview/answers";
import { CheckOutcome } from "./check-outcome";

type Load =
  | { state: "loading" }
  | { state: "ready"; ruleSet: PublishedRuleSet; offline: boolean }
  | { state: "error"; title: string; message: string };

/**
 * The reference symptom checker: it uses only the public API through the SDK,
 * keeps the last good copy for offline use, and triages on the device.
 */
export function SymptomChecker({ slug }: { slug: string }) {
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [answers, setAnswers] = useState<Answers>({});
  const [showResult, setShowResult] = useState(false);
  const resultRef = useRef<HTMLHeadingElement>(null);
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
    if (showResult) resultRef.current?.focus();
  }, [showResult]);

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
  const result = client!.evaluateWith(ruleSet, state.answers);
  const onAnswer = (factId: string, value: AnswerValue | null) => {
    setShowResult(false);
    setAnswers((previous) => ({ ...previous, [factId]: value }));
  };

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold text-slate-900">{ruleSet.metadata.title}</h1>
        {ruleSet.metadata.description && <p className="text-slate-700">{ruleSet.metadata.description}</p>}
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-950">
          This is not a diagnosis. It helps you decide where to get care. If you think it is an emergency, call emergency services now.
        </p>
        {load.offline && <p className="text-sm text-slate-700">You are offline: using the copy saved on this device (version {ruleSet.version}).</p>}
      </header>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setShowResult(true);
        }}
        className="space-y-4"
      >
        <QuestionForm ruleSet={document} answers={answers} onAnswer={onAnswer} legend="Your symptoms" />
        <button type="submit" className="btn-primary w-full py-3 text-base sm:w-auto">
          See my advice
        </button>
      </form>
      {showResult && <CheckOutcome ruleSet={ruleSet} result={result} headingRef={resultRef} />}
      <p className="text-xs text-slate-500">
        Rule set {ruleSet.metadata.slug} version {ruleSet.version}, published {ruleSet.publishedAt.slice(0, 10)}.
      </p>
    </div>
  );
}
