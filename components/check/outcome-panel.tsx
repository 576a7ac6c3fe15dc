/**
 * The advice as the person reads it, shared by the symptom checker and the
 * dashboard's patient preview. No hooks, so it renders anywhere.
 *
 * Safety rules it enforces:
 * - a provisional outcome shows the advice of `couldEscalateTo` ("We could not
 *   rule out …, so …"), says it is provisional and lists what is unanswered;
 *   it is never worded or styled as reassurance (never green);
 * - green is kept for a FINAL least-urgent outcome that a rule decided (a
 *   default alone is not evidence enough to reassure);
 * - the action comes right under the heading, so it is on screen as soon as the
 *   panel is.
 */
import type { Ref } from "react";
import { GuidanceMarkdown } from "@/components/guidance-markdown";
import type { Disposition, Fact, RuleSet, RuleSetInput } from "@/lib/engine";
import { questionPlan } from "@/lib/sdk/question-plan";
import type { TriageOutcome } from "@/lib/sdk/outcome";

// Colour supports the words, never replaces them; all pairs meet WCAG AA contrast.
const TONES = {
  emergency: "border-red-700 bg-red-50 text-red-950",
  urgent: "border-orange-600 bg-orange-50 text-orange-950",
  soon: "border-amber-600 bg-amber-50 text-amber-950",
  reassure: "border-green-700 bg-green-50 text-green-950",
  neutral: "border-slate-400 bg-white text-slate-900",
} as const;
type Tone = keyof typeof TONES;
const BY_LEVEL: Tone[] = ["emergency", "urgent", "soon", "reassure"];

function toneOf(rank: number, count: number): Tone {
  const level = Math.min((Math.max(rank, 0) * (BY_LEVEL.length - 1)) / Math.max(count - 1, 1), BY_LEVEL.length - 1) | 0;
  return BY_LEVEL[level];
}

/** "Go to …" → "go to …" (but "NHS 111 …" stays), with a full stop. */
function asClause(action: string): string {
  const text = action.trim();
  const lowered = /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
  return /[.!?]$/.test(lowered) ? lowered : `${lowered}.`;
}

export interface OutcomePanelProps {
  document: RuleSet | RuleSetInput;
  outcome: TriageOutcome;
  /** Questions answered "I'm not sure". */
  unsure?: ReadonlySet<string>;
  headingRef?: Ref<HTMLHeadingElement>;
  panelRef?: Ref<HTMLElement>;
  headingLevel?: 2 | 3;
  /**
   * The questions on screen. A follow-up that cannot be shown yet (its parent is
   * unanswered) is left out of the lists: its parent is listed instead.
   */
  visible?: ReadonlySet<string>;
  /** Offers a button per unanswered question that takes the person to it. */
  onAskQuestion?: (factId: string) => void;
  /** Prefix of the data-testid hooks ("check" → check-result, check-disposition…). */
  testIdPrefix?: string;
}

export function OutcomePanel({ document, outcome, unsure = new Set(), visible, headingRef, panelRef, headingLevel = 2, onAskQuestion, testIdPrefix = "check" }: OutcomePanelProps) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  const id = (name: string) => `${testIdPrefix}-${name}`;
  const dispositions = document.dispositions ?? [];
  const rankOf = (disposition: Disposition) => dispositions.findIndex((d) => d.id === disposition.id);
  const least = dispositions.length - 1;

  const questionList = (facts: readonly Fact[], testId: string) => (
    <ul className="mt-2 list-disc space-y-1 pl-5" data-testid={testId}>
      {facts.map((fact) => (
        <li key={fact.id}>
          {onAskQuestion ? (
            // Block, so the list marker sits on the first line of a long question.
            <button type="button" className="block text-left font-medium text-brand-900 underline underline-offset-2 hover:text-brand-700" onClick={() => onAskQuestion(fact.id)}>
              {fact.question}
            </button>
          ) : (
            <span>{fact.question}</span>
          )}
          {unsure.has(fact.id) && <span className="text-xs text-slate-600"> (you were not sure)</span>}
        </li>
      ))}
    </ul>
  );

  const guidanceBlocks = (blocks: readonly { id: string; title: string; body: string }[]) =>
    blocks.length > 0 && (
      <div className="space-y-3" data-testid={id("guidance")}>
        {blocks.map((block) => (
          <article key={block.id} className="rounded-md bg-white p-3 text-slate-900">
            <Sub className="text-lg font-semibold">{block.title}</Sub>
            <GuidanceMarkdown markdown={block.body} />
          </article>
        ))}
      </div>
    );

  // --- Provisional: the advice of the most urgent disposition still reachable.
  if (outcome.status === "provisional") {
    const escalation = outcome.couldEscalateTo;
    const plan = questionPlan(document);
    const order = new Map(plan.order.map((factId, index) => [factId, index]));
    const byForm = (a: Fact, b: Fact) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);
    const onScreen = visible ? outcome.askNext.filter((fact) => visible.has(fact.id)) : outcome.askNext;
    const askable = onScreen.length > 0 ? onScreen : outcome.askNext;
    const safety = askable.filter((fact) => plan.redFlag.has(fact.id)).sort(byForm);
    const others = askable.filter((fact) => !plan.redFlag.has(fact.id)).sort(byForm);
    const noun = safety.length > 0 ? "safety question" : "question";
    const count = safety.length > 0 ? safety.length : others.length;
    const anyUnsure = askable.some((fact) => unsure.has(fact.id));
    const counted = `${count} ${noun}${count === 1 ? "" : "s"}`;

    // Nothing fired and only the least urgent disposition is reachable: there is no advice to give yet, and "self-care" must not be it.
    if (rankOf(escalation) >= least && !outcome.disposition) {
      return (
        <section ref={panelRef} className={`scroll-mt-4 space-y-4 rounded-lg border-2 p-4 ${TONES.neutral}`} data-testid={id("result")} data-status="provisional" data-tone="neutral" aria-labelledby={id("heading")}>
          <p className="text-sm font-semibold tracking-wide uppercase" data-testid={id("provisional")}>
            Provisional · {counted} unanswered
          </p>
          <Heading ref={headingRef} id={id("heading")} tabIndex={-1} className="text-2xl font-bold" data-testid={id("disposition")}>
            We need more answers before we can advise you
          </Heading>
          <p className="text-lg font-semibold" data-testid={id("action")}>
            If you cannot answer them, contact a doctor or nurse for advice. If you feel very unwell, call emergency services.
          </p>
          {questionList([...safety, ...others], id("unanswered"))}
        </section>
      );
    }

    const tone: Tone = (() => {
      const t = toneOf(rankOf(escalation), dispositions.length);
      return t === "reassure" ? "soon" : t;
    })();
    return (
      <section ref={panelRef} className={`scroll-mt-4 space-y-4 rounded-lg border-2 p-4 ${TONES[tone]}`} data-testid={id("result")} data-status="provisional" data-tone={tone} aria-labelledby={id("heading")}>
        <div>
          <p className="flex flex-wrap items-center gap-2 text-sm font-semibold tracking-wide uppercase" data-testid={id("provisional")}>
            <span className="rounded-sm bg-white/80 px-1.5 py-0.5 ring-1 ring-current">Provisional</span>
            <span>
              {counted} {anyUnsure ? "unanswered or not sure" : "unanswered"}
            </span>
          </p>
          <Heading ref={headingRef} id={id("heading")} tabIndex={-1} className="mt-1 text-2xl font-bold" data-testid={id("disposition")}>
            {escalation.label}
          </Heading>
          <p className="mt-1 text-lg font-semibold" data-testid={id("action")}>
            We could not rule out a problem that needs “{escalation.label}”, so {asClause(escalation.action)}
          </p>
        </div>
        <div className="rounded-md bg-white/80 p-3 text-sm text-slate-900" data-testid={id("why-provisional")}>
          <p className="font-medium">
            This advice is provisional: {safety.length > 0 ? "these safety questions are" : "these questions are"} still unanswered
            {anyUnsure ? " or you were not sure" : ""}. Follow the advice above unless you can answer them; your advice may then change.
          </p>
          {questionList(safety.length > 0 ? safety : others, id("unanswered"))}
          {safety.length > 0 && others.length > 0 && (
            <>
              <p className="mt-3 font-medium">Other questions that could change this advice:</p>
              {questionList(others, id("unanswered-other"))}
            </>
          )}
        </div>
        {guidanceBlocks(outcome.escalationGuidance)}
      </section>
    );
  }

  // --- Final, but the rule set gives no advice for these answers: a safe fallback, never reassurance.
  const disposition = outcome.disposition;
  if (!disposition) {
    return (
      <section ref={panelRef} className={`scroll-mt-4 space-y-3 rounded-lg border-2 p-4 ${TONES.neutral}`} data-testid={id("result")} data-status="final" data-tone="neutral" aria-labelledby={id("heading")}>
        <Heading ref={headingRef} id={id("heading")} tabIndex={-1} className="text-xl font-semibold" data-testid={id("disposition")}>
          We cannot advise you on these answers
        </Heading>
        <p className="text-lg font-semibold" data-testid={id("action")}>
          Please contact a doctor or nurse for advice. If you feel very unwell, call emergency services.
        </p>
        <p className="text-sm">Your answers are outside what this checker covers. This does not mean that nothing is wrong.</p>
      </section>
    );
  }

  // --- Final: this is the advice.
  const rank = rankOf(disposition);
  let tone = toneOf(rank, dispositions.length);
  if (tone === "reassure" && outcome.decidedBy !== "rule") tone = "neutral";
  return (
    <section ref={panelRef} className={`scroll-mt-4 space-y-4 rounded-lg border-2 p-4 ${TONES[tone]}`} data-testid={id("result")} data-status="final" data-tone={tone} aria-labelledby={id("heading")}>
      <div>
        <p className="text-sm font-medium tracking-wide uppercase">Our advice</p>
        <Heading ref={headingRef} id={id("heading")} tabIndex={-1} className="text-2xl font-bold" data-testid={id("disposition")}>
          {disposition.label}
        </Heading>
        <p className="mt-1 text-lg" data-testid={id("action")}>
          {disposition.action}
        </p>
      </div>
      {/* Final: more answers can only make it less urgent. At the most urgent level they can only add advice: don't suggest otherwise. */}
      {rank > 0 && outcome.askNext.length > 0 && (
        <div className="rounded-md bg-white/70 p-3 text-sm text-slate-900" data-testid={id("missing")}>
          <p className="font-medium">Answering these could change the advice:</p>
          {questionList(outcome.askNext, id("missing-list"))}
        </div>
      )}
      {guidanceBlocks(outcome.guidance)}
    </section>
  );
}
