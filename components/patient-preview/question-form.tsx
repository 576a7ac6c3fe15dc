"use client";

/**
 * The draft's questions as a client app shows them: document order, follow-ups
 * only while their askWhen holds, and "not answered" as an explicit choice
 * (a missing answer is never the same as "no"). Depends only on the engine and
 * React so the demo client app and the test-case editor can reuse it.
 */
import { useId, useMemo, useState } from "react";
import { formatQuantity, type AnswerValue, type Answers, type Fact } from "@/lib/engine";
import { patientState, type RuleSetDoc } from "./answers";
import { useHydrated } from "@/components/use-hydrated";

export interface QuestionFormProps {
  ruleSet: RuleSetDoc;
  /** Raw answers; answers to questions that are not shown are ignored. */
  answers: Answers;
  /** `null` means "not answered". */
  onAnswer: (factId: string, value: AnswerValue | null) => void;
  /** The group's name, e.g. "Answers". */
  legend?: string;
}

export function QuestionForm({ ruleSet, answers, onAnswer, legend = "Questions" }: QuestionFormProps) {
  const prefix = useId();
  const hydrated = useHydrated();
  const shown = useMemo(() => {
    try {
      return patientState(ruleSet, answers).shown;
    } catch {
      // A draft that cannot be compiled has no follow-up logic to apply: show the top-level questions.
      return (ruleSet.facts ?? []).filter((f) => f.askWhen === undefined).map((f) => f.id);
    }
  }, [ruleSet, answers]);
  const facts = useMemo(() => new Map((ruleSet.facts ?? []).map((f) => [f.id, f as Fact])), [ruleSet]);

  if (shown.length === 0) {
    return <p className="text-sm text-slate-700">This draft has no questions yet. Add them in the editor.</p>;
  }
  return (
    <fieldset className="space-y-4" data-testid="question-form" disabled={!hydrated}>
      <legend className="mb-2 text-base font-semibold text-slate-900">{legend}</legend>
      {shown.map((id) => {
        const fact = facts.get(id)!;
        return (
          <Question
            key={id}
            fact={fact}
            value={answers[id] ?? null}
            onAnswer={(value) => onAnswer(id, value)}
            inputName={`${prefix}-${id}`}
          />
        );
      })}
    </fieldset>
  );
}

interface QuestionProps {
  fact: Fact;
  value: AnswerValue | null;
  onAnswer: (value: AnswerValue | null) => void;
  inputName: string;
}

function Question({ fact, value, onAnswer, inputName }: QuestionProps) {
  const helpId = `${inputName}-help`;
  const followUp = fact.askWhen !== undefined;
  const wrapper = `rounded-md border border-slate-200 bg-white p-3 ${followUp ? "ml-3 border-l-4 border-l-brand-600 sm:ml-6" : ""}`;
  const help = fact.help ? (
    <p id={helpId} className="mt-1 text-sm text-slate-600">
      {fact.help}
    </p>
  ) : null;
  const tag = followUp ? <span className="mb-1 block text-xs font-medium tracking-wide text-brand-700 uppercase">Follow-up</span> : null;

  if (fact.type === "number") {
    return (
      <div className={wrapper} data-testid={`question-${fact.id}`}>
        {tag}
        <NumberQuestion fact={fact} value={typeof value === "number" ? value : null} onAnswer={onAnswer} inputId={inputName} helpId={fact.help ? helpId : undefined} />
        {help}
      </div>
    );
  }

  const choices: { key: string; label: string; checked: boolean; pick: () => void }[] =
    fact.type === "boolean"
      ? [
          { key: "yes", label: "Yes", checked: value === true, pick: () => onAnswer(true) },
          { key: "no", label: "No", checked: value === false, pick: () => onAnswer(false) },
        ]
      : fact.type === "singleChoice"
        ? fact.options.map((o) => ({ key: o.id, label: o.label, checked: value === o.id, pick: () => onAnswer(o.id) }))
        : [];

  return (
    <fieldset className={wrapper} aria-describedby={fact.help ? helpId : undefined} data-testid={`question-${fact.id}`}>
      <legend className="float-left w-full text-sm font-medium text-slate-900">
        {tag}
        {fact.question}
      </legend>
      <div className="clear-both">
        {help}
        {fact.type === "multipleChoice" ? (
          <MultipleChoice fact={fact} value={Array.isArray(value) ? value : null} onAnswer={onAnswer} inputName={inputName} />
        ) : (
          <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
            {choices.map((choice) => (
              <Choice key={choice.key} type="radio" name={inputName} label={choice.label} checked={choice.checked} onChange={choice.pick} />
            ))}
            <Choice type="radio" name={inputName} label="Not answered" checked={value === null} onChange={() => onAnswer(null)} muted />
          </div>
        )}
      </div>
    </fieldset>
  );
}

function Choice(props: { type: "radio" | "checkbox"; name: string; label: string; checked: boolean; onChange: () => void; muted?: boolean }) {
  return (
    <label className={`inline-flex min-h-8 cursor-pointer items-center gap-2 text-sm ${props.muted ? "text-slate-600" : "text-slate-900"}`}>
      <input type={props.type} name={props.name} checked={props.checked} onChange={props.onChange} className="size-4 accent-brand-600" />
      {props.label}
    </label>
  );
}

function MultipleChoice({ fact, value, onAnswer, inputName }: { fact: Extract<Fact, { type: "multipleChoice" }>; value: readonly string[] | null; onAnswer: (value: AnswerValue | null) => void; inputName: string }) {
  const selected = value ?? [];
  const toggle = (id: string) => {
    const next = selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id];
    // Unticking the last option returns to "not answered"; "None of these" is the explicit empty answer.
    onAnswer(next.length === 0 ? null : fact.options.map((o) => o.id).filter((x) => next.includes(x)));
  };
  return (
    <div className="mt-2 flex flex-col gap-1">
      {fact.options.map((o) => (
        <Choice key={o.id} type="checkbox" name={inputName} label={o.label} checked={selected.includes(o.id)} onChange={() => toggle(o.id)} />
      ))}
      <Choice type="checkbox" name={inputName} label="None of these" checked={value !== null && value.length === 0} onChange={() => onAnswer(value !== null && value.length === 0 ? null : [])} />
      <p className="text-xs text-slate-600">{value === null ? "Not answered yet." : `${value.length === 0 ? "None" : value.length} selected.`}</p>
    </div>
  );
}

function boundsText(fact: Extract<Fact, { type: "number" }>): string | null {
  const { min, max, unit } = fact;
  if (min !== undefined && max !== undefined) return `Between ${formatQuantity(min, unit)} and ${formatQuantity(max, unit)}`;
  if (min !== undefined) return `At least ${formatQuantity(min, unit)}`;
  if (max !== undefined) return `At most ${formatQuantity(max, unit)}`;
  return null;
}

/** undefined: empty; null: not a usable number (with the reason). */
function parseNumber(text: string, fact: Extract<Fact, { type: "number" }>): { value: number | undefined; error?: string } {
  if (text.trim() === "") return { value: undefined };
  const value = Number(text);
  if (!Number.isFinite(value)) return { value: undefined, error: "Enter a number." };
  if ((fact.min !== undefined && value < fact.min) || (fact.max !== undefined && value > fact.max)) {
    return { value: undefined, error: `${boundsText(fact)}. This answer is not counted.` };
  }
  return { value };
}

function NumberQuestion({ fact, value, onAnswer, inputId, helpId }: { fact: Extract<Fact, { type: "number" }>; value: number | null; onAnswer: (value: AnswerValue | null) => void; inputId: string; helpId?: string }) {
  // The typed text is kept so half-typed or out-of-range input stays visible with its reason.
  const [text, setText] = useState<string | null>(null);
  const parsed = text === null ? null : parseNumber(text, fact);
  // Follow the answer when it was changed from outside (e.g. a reset) rather than typed here.
  const display = parsed !== null && (parsed.value ?? null) === value ? text! : value === null ? "" : String(value);
  const error = parsed !== null && display === text ? parsed.error : undefined;
  const bounds = boundsText(fact);
  const boundsId = `${inputId}-bounds`;
  const errorId = `${inputId}-error`;
  const describedBy = [bounds ? boundsId : null, helpId ?? null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-900">
        {fact.question}
      </label>
      <div className="mt-2 flex items-center gap-2">
        <input
          id={inputId}
          type="number"
          inputMode="decimal"
          step="any"
          min={fact.min}
          max={fact.max}
          value={display}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            const next = event.target.value;
            setText(next);
            onAnswer(parseNumber(next, fact).value ?? null);
          }}
          className="w-36 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none"
        />
        {fact.unit && <span className="text-sm text-slate-700">{fact.unit}</span>}
      </div>
      {bounds && (
        <p id={boundsId} className="mt-1 text-xs text-slate-600">
          {bounds}. Leave empty if not answered.
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
