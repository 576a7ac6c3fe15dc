"use client";

/**
 * The questions as a client app shows them, follow-ups only while their askWhen
 * holds. A missing answer is never the same as "no".
 *
 * Two variants:
 * - "author" (test-case editor): document order, "Not answered" as an explicit choice.
 * - "person" (the symptom checker and the patient preview): safety questions
 *   (red flags, see questionPlan) first in their own section, then the rest;
 *   yes/no and single-choice questions offer "I'm not sure", which the engine
 *   gets as unanswered (null) but the form shows as chosen.
 * Depends only on the engine, the SDK and React.
 */
import { useId, useMemo, useState, type ReactNode } from "react";
import { formatQuantity, type AnswerValue, type Answers, type Fact } from "@/lib/engine";
import { questionPlan } from "@/lib/sdk/question-plan";
import { patientState, type RuleSetDoc } from "./answers";
import { useHydrated } from "@/components/use-hydrated";

export interface QuestionFormProps {
  ruleSet: RuleSetDoc;
  /** Raw answers; answers to questions that are not shown are ignored. */
  answers: Answers;
  /** `null` means "not answered"; `unsure` is true when the person chose "I'm not sure" (the value is then null). */
  onAnswer: (factId: string, value: AnswerValue | null, unsure?: boolean) => void;
  /** The group's name, e.g. "Answers". */
  legend?: string;
  /** "author" (default): document order with "Not answered"; "person": safety questions first, "I'm not sure". */
  variant?: "author" | "person";
  /** Person variant: the questions answered "I'm not sure". */
  unsure?: ReadonlySet<string>;
  /** Person variant: the level of the section headings (default 2). */
  headingLevel?: 2 | 3;
}

export function QuestionForm(props: QuestionFormProps) {
  if (props.variant === "person") return <PersonQuestionForm {...props} />;
  return <AuthorQuestionForm {...props} />;
}

function AuthorQuestionForm({ ruleSet, answers, onAnswer, legend = "Questions" }: QuestionFormProps) {
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

function PersonQuestionForm({ ruleSet, answers, onAnswer, legend = "Questions", unsure = new Set<string>(), headingLevel = 2 }: QuestionFormProps) {
  const prefix = useId();
  const hydrated = useHydrated();
  const [announcement, setAnnouncement] = useState("");
  const shown = useMemo(() => {
    try {
      return patientState(ruleSet, answers).shown;
    } catch {
      return (ruleSet.facts ?? []).filter((f) => f.askWhen === undefined).map((f) => f.id);
    }
  }, [ruleSet, answers]);
  const plan = useMemo(() => questionPlan(ruleSet), [ruleSet]);
  const facts = useMemo(() => new Map((ruleSet.facts ?? []).map((f) => [f.id, f as Fact])), [ruleSet]);

  if (shown.length === 0) return <p className="text-sm text-slate-700">There are no questions yet.</p>;

  const visible = new Set(shown);
  const answer = (id: string, value: AnswerValue | null, isUnsure?: boolean) => {
    // A follow-up that appears is announced: it is inserted after the question just answered.
    try {
      const next = patientState(ruleSet, { ...answers, [id]: value }).shown.filter((x) => !visible.has(x));
      setAnnouncement(next.length === 0 ? "" : `${next.length === 1 ? "A follow-up question appeared" : `${next.length} follow-up questions appeared`}: ${next.map((x) => facts.get(x)?.question ?? x).join(" ")}`);
    } catch {
      setAnnouncement("");
    }
    onAnswer(id, value, isUnsure);
  };
  const render = (id: string) => (
    <Question
      key={id}
      fact={facts.get(id)!}
      value={answers[id] ?? null}
      onAnswer={(value, isUnsure) => answer(id, value, isUnsure)}
      inputName={`${prefix}-${id}`}
      person
      unsure={unsure.has(id)}
    />
  );
  const isAnswered = (id: string) => (answers[id] !== null && answers[id] !== undefined) || unsure.has(id);
  const safety = plan.safety.filter((id) => visible.has(id));
  const other = plan.other.filter((id) => visible.has(id));
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const section = (key: string, title: string, intro: ReactNode, ids: string[], tone: string) => (
    <fieldset key={key} className={`space-y-3 rounded-lg border p-3 sm:p-4 ${tone}`} data-testid={`questions-${key}`}>
      <legend className="float-left w-full">
        <Heading className="text-lg font-semibold text-slate-900">{title}</Heading>
      </legend>
      <div className="clear-both text-sm text-slate-800">{intro}</div>
      <p className="text-xs text-slate-600" data-testid={`questions-${key}-progress`}>
        {ids.filter(isAnswered).length} of {ids.length} answered
      </p>
      {ids.map(render)}
    </fieldset>
  );

  return (
    <fieldset className="space-y-6" data-testid="question-form" disabled={!hydrated}>
      <legend className="sr-only">{legend}</legend>
      {safety.length > 0 &&
        section(
          "safety",
          "Safety questions first",
          <p>These check for signs that need urgent care. Please answer each one. If you are not sure, choose “I’m not sure”: we will then advise you as if the answer could be yes.</p>,
          safety,
          "border-red-200 bg-red-50/40",
        )}
      {other.length > 0 &&
        section(
          "other",
          safety.length > 0 ? "More about your symptoms" : "Your symptoms",
          <p>These help us give advice that fits you.</p>,
          other,
          "border-slate-200 bg-white",
        )}
      <p className="sr-only" role="status" aria-live="polite" data-testid="question-announcement">
        {announcement}
      </p>
    </fieldset>
  );
}

interface QuestionProps {
  fact: Fact;
  value: AnswerValue | null;
  onAnswer: (value: AnswerValue | null, unsure?: boolean) => void;
  inputName: string;
  /** Person variant: offer "I'm not sure" (checked when `unsure`) instead of "Not answered". */
  person?: boolean;
  unsure?: boolean;
}

function Question({ fact, value, onAnswer, inputName, person = false, unsure = false }: QuestionProps) {
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
      <div className={wrapper} data-testid={`question-${fact.id}`} data-question-id={fact.id}>
        {tag}
        <NumberQuestion fact={fact} value={typeof value === "number" ? value : null} onAnswer={onAnswer} inputId={inputName} helpId={fact.help ? helpId : undefined} person={person} />
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
    <fieldset className={wrapper} aria-describedby={fact.help ? helpId : undefined} data-testid={`question-${fact.id}`} data-question-id={fact.id}>
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
              <Choice key={choice.key} type="radio" name={inputName} label={choice.label} checked={choice.checked} onChange={choice.pick} large={person} />
            ))}
            {person ? (
              <Choice type="radio" name={inputName} label="I’m not sure" checked={value === null && unsure} onChange={() => onAnswer(null, true)} large />
            ) : (
              <Choice type="radio" name={inputName} label="Not answered" checked={value === null} onChange={() => onAnswer(null)} muted />
            )}
          </div>
        )}
      </div>
    </fieldset>
  );
}

function Choice(props: { type: "radio" | "checkbox"; name: string; label: string; checked: boolean; onChange: () => void; muted?: boolean; large?: boolean }) {
  // The person variant gets 44 px touch targets.
  const size = props.large
    ? "min-h-11 rounded-md border border-slate-300 px-3 text-base has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600"
    : "min-h-8 text-sm";
  return (
    <label className={`inline-flex cursor-pointer items-center gap-2 ${size} ${props.muted ? "text-slate-600" : "text-slate-900"}`}>
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

function NumberQuestion({ fact, value, onAnswer, inputId, helpId, person = false }: { fact: Extract<Fact, { type: "number" }>; value: number | null; onAnswer: (value: AnswerValue | null) => void; inputId: string; helpId?: string; person?: boolean }) {
  // The typed text is kept so half-typed or out-of-range input stays visible with its reason.
  const [text, setText] = useState<string | null>(null);
  const parsed = text === null ? null : parseNumber(text, fact);
  // Follow the answer when it was changed from outside (e.g. a reset) rather than typed here.
  const display = parsed !== null && (parsed.value ?? null) === value ? text! : value === null ? "" : String(value);
  const error = parsed !== null && display === text ? parsed.error : undefined;
  const bounds = boundsText(fact);
  const boundsId = `${inputId}-bounds`;
  const errorId = `${inputId}-error`;
  const describedBy = [bounds || person ? boundsId : null, helpId ?? null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
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
          // The person variant keeps the global focus outline (brand-600, 3:1 against white); the light ring alone is too faint.
          className={`w-36 rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-100 ${person ? "min-h-11 text-base" : "text-sm focus:outline-none"}`}
        />
        {fact.unit && <span className="text-sm text-slate-700">{fact.unit}</span>}
      </div>
      {(bounds || person) && (
        <p id={boundsId} className="mt-1 text-xs text-slate-600">
          {bounds ? `${bounds}. ` : ""}
          {person ? "Leave empty if you are not sure." : "Leave empty if not answered."}
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
