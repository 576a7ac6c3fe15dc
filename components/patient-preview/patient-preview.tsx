"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import type { RuleSet } from "@/lib/engine";
import { triageOutcome } from "@/lib/sdk/outcome";
import { patientState } from "./answers";
import { usePersonAnswers } from "./use-person-answers";
import { PatientOutcome } from "./patient-outcome";
import { QuestionForm } from "./question-form";
import { SaveAsTestCase } from "./save-as-test-case";
import { TraceView } from "./trace-view";

interface PatientPreviewProps {
  slug: string;
  ruleSet: RuleSet;
  revision: number;
}

/**
 * Live: every answer is evaluated in the browser with the same engine the API
 * uses, and shown exactly as the symptom checker shows it (safety questions
 * first, "I'm not sure", provisional advice while an escalation is reachable).
 */
export function PatientPreview({ slug, ruleSet, revision }: PatientPreviewProps) {
  const { answers, unsure, answer: onAnswer, reset } = usePersonAnswers();
  const [formKey, setFormKey] = useState(0);
  const state = useMemo(() => {
    try {
      const patient = patientState(ruleSet, answers);
      return { ok: true as const, ...patient, outcome: triageOutcome(ruleSet, patient.result) };
    } catch (error) {
      return { ok: false as const, message: (error as Error).message };
    }
  }, [ruleSet, answers]);

  if (!state.ok) {
    return (
      <div className="card space-y-2 border-red-300" data-testid="preview-error">
        <h2 className="font-semibold text-red-800">The draft cannot be evaluated yet</h2>
        <pre className="text-sm whitespace-pre-wrap text-slate-800">{state.message}</pre>
        <Link href={`/rulesets/${slug}/draft`} className="btn-secondary">
          Fix it in the editor
        </Link>
      </div>
    );
  }

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="card space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-slate-700">Answer as a person using a client app would.</p>
          <button
            type="button"
            className="btn-secondary py-1"
            onClick={() => {
              reset();
              setFormKey((k) => k + 1);
            }}
          >
            Clear answers
          </button>
        </div>
        <QuestionForm key={formKey} ruleSet={ruleSet} answers={answers} unsure={unsure} onAnswer={onAnswer} legend="Questions" variant="person" headingLevel={3} />
      </div>
      <div className="space-y-4">
        <div className="card">
          <PatientOutcome outcome={state.outcome} ruleSet={ruleSet} unsure={unsure} shown={state.shown} />
        </div>
        <div className="card" data-testid="clinician-view">
          {state.result.trace && <TraceView trace={state.result.trace} ruleSet={ruleSet} title="Clinician’s view: which rules fired and why" level={2} />}
        </div>
        <SaveAsTestCase slug={slug} ruleSet={ruleSet} answers={state.answers} currentDisposition={state.result.disposition?.id ?? null} initialRevision={revision} />
      </div>
    </div>
  );
}
