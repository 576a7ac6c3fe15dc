/**
 * The clinician's view of an evaluation: which rules fired and why, down to
 * each comparison with the answer it saw. Truth is shown as a word and an icon,
 * never by colour alone. No hooks: it renders in server and client components.
 */
import type { ConditionTrace, EvaluationTrace, RuleTrace, TruthLabel } from "@/lib/engine";
import { factsById, formatAnswer, type RuleSetDoc } from "./answers";

const TRUTH: Record<TruthLabel, { icon: string; className: string }> = {
  true: { icon: "✓", className: "border-emerald-300 bg-emerald-50 text-emerald-900" },
  false: { icon: "✗", className: "border-slate-300 bg-slate-100 text-slate-800" },
  unknown: { icon: "?", className: "border-amber-300 bg-amber-50 text-amber-950" },
};

export function TruthBadge({ result }: { result: TruthLabel }) {
  const t = TRUTH[result];
  return (
    <span className={`inline-flex shrink-0 items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-semibold ${t.className}`} data-truth={result}>
      <span aria-hidden="true">{t.icon}</span>
      {result}
    </span>
  );
}

interface TraceViewProps {
  trace: EvaluationTrace;
  ruleSet: RuleSetDoc;
  title?: string;
  /** Level of the title's heading; the rule groups get the next level. */
  level?: 2 | 3;
}

export function TraceView({ trace, ruleSet, title = "Why: the rules", level = 3 }: TraceViewProps) {
  const Title = level === 2 ? "h2" : "h3";
  const Group = level === 2 ? "h3" : "h4";
  const facts = factsById(ruleSet);
  const dispositionLabel = new Map((ruleSet.dispositions ?? []).map((d) => [d.id, d.label]));
  const fired = trace.rules.filter((r) => r.fired);
  const undecided = trace.rules.filter((r) => r.result === "unknown");
  const notFired = trace.rules.filter((r) => r.result === "false");
  const context = { facts, dispositionLabel };
  return (
    <section className="space-y-3" data-testid="trace" aria-label={title}>
      <Title className="font-semibold text-slate-900">{title}</Title>
      <div>
        <Group className="text-sm font-semibold text-slate-800">Rules that fired ({fired.length})</Group>
        {fired.length === 0 ? (
          <p className="text-sm text-slate-700">No rule fired.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {fired.map((rule) => (
              <RuleItem key={rule.ruleId} rule={rule} {...context} />
            ))}
          </ul>
        )}
      </div>
      {undecided.length > 0 && (
        <details className="rounded-md border border-amber-200 p-2" open={fired.length === 0}>
          <summary className="cursor-pointer text-sm font-semibold text-slate-800">Could still fire if more questions are answered ({undecided.length})</summary>
          <ul className="mt-2 space-y-2">
            {undecided.map((rule) => (
              <RuleItem key={rule.ruleId} rule={rule} {...context} />
            ))}
          </ul>
        </details>
      )}
      {notFired.length > 0 && (
        <details className="rounded-md border border-slate-200 p-2">
          <summary className="cursor-pointer text-sm font-semibold text-slate-800">Did not fire ({notFired.length})</summary>
          <ul className="mt-2 space-y-2">
            {notFired.map((rule) => (
              <RuleItem key={rule.ruleId} rule={rule} {...context} />
            ))}
          </ul>
        </details>
      )}
      {trace.followUps.length > 0 && (
        <details className="rounded-md border border-slate-200 p-2">
          <summary className="cursor-pointer text-sm font-semibold text-slate-800">Follow-up questions ({trace.followUps.length})</summary>
          <ul className="mt-2 space-y-2">
            {trace.followUps.map((f) => (
              <li key={f.factId} className="rounded border border-slate-200 p-2 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <TruthBadge result={f.askWhen} />
                  <span className="font-medium">{facts.get(f.factId)?.question ?? f.factId}</span>
                </div>
                <p className="mt-1 text-slate-700">
                  {f.askWhen === "true" ? "Asked, because:" : f.askWhen === "false" ? "Not asked (does not apply), because:" : "Not decided yet:"}
                </p>
                <ConditionNode node={f.condition} facts={facts} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

type Context = { facts: ReturnType<typeof factsById>; dispositionLabel: Map<string, string> };

function RuleItem({ rule, facts, dispositionLabel }: { rule: RuleTrace } & Context) {
  return (
    <li className={`rounded-md border p-2 text-sm ${rule.fired ? "border-emerald-300 bg-emerald-50/40" : "border-slate-200"}`} data-testid={`trace-rule-${rule.ruleId}`}>
      <div className="flex flex-wrap items-center gap-2">
        <TruthBadge result={rule.result} />
        <span className="font-medium text-slate-900">{rule.title}</span>
        <span className="font-mono text-xs text-slate-600">{rule.ruleId}</span>
        <span className="text-slate-700">→ {dispositionLabel.get(rule.disposition) ?? rule.disposition}</span>
      </div>
      <p className="mt-1 text-slate-800">
        <span className="text-slate-600">When </span>
        {rule.text}
      </p>
      <ConditionNode node={rule.condition} facts={facts} />
    </li>
  );
}

const GROUP_LABEL = { all: "All of these", any: "Any of these" } as const;

function ConditionNode({ node, facts }: { node: ConditionTrace; facts: Context["facts"] }) {
  if (node.kind === "comparison") {
    const seen =
      node.factStatus === "answered"
        ? `answer: ${formatAnswer(facts.get(node.fact), node.actual)}`
        : node.factStatus === "notApplicable"
          ? "not asked: the follow-up does not apply"
          : "not answered";
    return (
      <div className="mt-1 flex flex-wrap items-baseline gap-x-2 gap-y-1" data-testid="trace-comparison">
        <TruthBadge result={node.result} />
        <span className="text-slate-900">{node.text}</span>
        <span className="text-xs text-slate-600">({seen})</span>
      </div>
    );
  }
  if (node.kind === "not") {
    return (
      <div className="mt-1">
        <div className="flex items-center gap-2">
          <TruthBadge result={node.result} />
          <span className="text-xs font-semibold text-slate-700 uppercase">Not</span>
        </div>
        <div className="ml-3 border-l-2 border-slate-200 pl-3">
          <ConditionNode node={node.child} facts={facts} />
        </div>
      </div>
    );
  }
  if (node.children.length === 1) return <ConditionNode node={node.children[0]} facts={facts} />;
  return (
    <div className="mt-1">
      <div className="flex items-center gap-2">
        <TruthBadge result={node.result} />
        <span className="text-xs font-semibold text-slate-700 uppercase">{node.children.length === 0 ? (node.kind === "all" ? "Always" : "Never") : GROUP_LABEL[node.kind]}</span>
      </div>
      {node.children.length > 0 && (
        <div className="ml-3 border-l-2 border-slate-200 pl-3">
          {node.children.map((child, i) => (
            <ConditionNode key={i} node={child} facts={facts} />
          ))}
        </div>
      )}
    </div>
  );
}
