"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { loadDraftTestsAction } from "@/app/(dashboard)/rulesets/[slug]/draft/preview-actions";
import { saveTestCasesAction } from "@/app/(dashboard)/rulesets/test-actions";
import { evaluate, isRedFlagRule, type RuleSet } from "@/lib/engine";
import { describeAnswers } from "@/lib/preview/examples";
import { testCaseIdFromName, type TestCase } from "@/lib/testcases";
import { factsById, type AnswerMap } from "./answers";
import { useHydrated } from "@/components/use-hydrated";

interface SaveAsTestCaseProps {
  slug: string;
  ruleSet: RuleSet;
  /** The answers that count (shown questions only). */
  answers: AnswerMap;
  /** The draft's result for them, the default expectation. */
  currentDisposition: string | null;
  initialRevision: number;
}

type Message = { tone: "success" | "error"; text: string; link?: boolean };

const MAX_NAME = 200;

function uniqueName(base: string, taken: ReadonlySet<string>): string {
  const trimmed = base.trim().slice(0, MAX_NAME);
  if (!taken.has(trimmed)) return trimmed;
  for (let n = 2; ; n++) {
    const candidate = `${trimmed.slice(0, MAX_NAME - ` (${n})`.length)} (${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Appends the current answers to the draft's test cases. The latest stored
 * list is read first, so a case someone saved after this page opened is kept.
 */
export function SaveAsTestCase({ slug, ruleSet, answers, currentDisposition, initialRevision }: SaveAsTestCaseProps) {
  const id = useId();
  const hydrated = useHydrated();
  const [nameOverride, setNameOverride] = useState<string | null>(null);
  const [expectedOverride, setExpectedOverride] = useState<string | null>(null);
  const [redFlag, setRedFlag] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [knownRevision, setKnownRevision] = useState(initialRevision);

  const facts = factsById(ruleSet);
  const suggested = `Preview: ${describeAnswers(answers, facts, ruleSet.facts.map((f) => f.id))}`.slice(0, MAX_NAME);
  const name = nameOverride ?? suggested;
  const expected = expectedOverride ?? currentDisposition ?? "";
  const rank = (d: string | null) => (d === null ? Infinity : ruleSet.dispositions.findIndex((x) => x.id === d));
  const expectsLessUrgent = expected !== "" && rank(expected) > rank(currentDisposition);

  // A red-flag case pins the red-flag rules it fires with the expected disposition (what the publication gate asks).
  const pinned = redFlag && expected ? pinnedRedFlags(ruleSet, answers, expected) : [];

  const save = async () => {
    if (!name.trim()) return setMessage({ tone: "error", text: "Give the test case a name." });
    if (!expected) return setMessage({ tone: "error", text: "Choose the expected disposition." });
    setSaving(true);
    setMessage(null);
    try {
      const latest = await loadDraftTestsAction({ slug });
      if (!latest.ok) return setMessage({ tone: "error", text: `Not saved: ${latest.message}` });
      const finalName = uniqueName(name, new Set(latest.testCases.map((c) => c.name.trim())));
      const testCase: TestCase = {
        id: testCaseIdFromName(finalName, new Set(latest.testCases.map((c) => c.id))),
        name: finalName,
        answers: { ...answers } as TestCase["answers"],
        expected: { disposition: expected, ...(pinned.length > 0 ? { firedRules: pinned } : {}) },
        tags: redFlag ? ["red-flag"] : [],
        note: "Saved from the patient preview.",
      };
      const result = await saveTestCasesAction({ slug, baseRevision: latest.revision, testCases: [...latest.testCases, testCase] });
      if (result.ok) {
        const changed = latest.revision !== knownRevision;
        setKnownRevision(result.revision);
        setNameOverride(null);
        setExpectedOverride(null);
        setRedFlag(false);
        setMessage({
          tone: "success",
          link: true,
          text:
            `Saved “${finalName}” as a test case (revision ${result.revision}).` +
            (changed ? " The draft had changed since this page was opened: reload to preview the latest version." : ""),
        });
      } else if (result.kind === "conflict") {
        setMessage({ tone: "error", text: `Not saved: ${result.savedBy} saved the draft at the same moment. Reload the page and save the case again.` });
      } else if (result.kind === "invalid") {
        setMessage({ tone: "error", text: `Not saved: ${[result.message, ...result.fields.map((f) => f.message)].join(" ")}` });
      } else {
        setMessage({ tone: "error", text: `Not saved: ${result.message}` });
      }
    } catch {
      setMessage({ tone: "error", text: "Not saved: the server could not be reached. Try again." });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card space-y-3" aria-labelledby={`${id}-heading`} data-testid="save-as-test-case">
      <h2 id={`${id}-heading`} className="font-semibold">
        Save as test case
      </h2>
      <div>
        <label htmlFor={`${id}-name`} className="field-label">
          Test case name
        </label>
        <input id={`${id}-name`} className="field-input" value={name} maxLength={MAX_NAME} onChange={(e) => setNameOverride(e.target.value)} />
      </div>
      <div>
        <label htmlFor={`${id}-expected`} className="field-label">
          Expected disposition
        </label>
        <select
          id={`${id}-expected`}
          className="field-input"
          value={expected}
          onChange={(e) => setExpectedOverride(e.target.value)}
          aria-describedby={expectsLessUrgent ? `${id}-less` : undefined}
        >
          <option value="">Choose…</option>
          {ruleSet.dispositions.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
              {d.id === currentDisposition ? " (what the draft gives now)" : ""}
            </option>
          ))}
        </select>
        {expectsLessUrgent && (
          <p id={`${id}-less`} className="mt-1 text-sm text-amber-900">
            This expects a less urgent result than the draft gives now; the case will fail until the rules change.
          </p>
        )}
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={redFlag} onChange={(e) => setRedFlag(e.target.checked)} className="size-4 accent-red-700" />
        Tag as <span className="rounded bg-red-100 px-1.5 font-semibold text-red-800">red-flag</span>
      </label>
      <button type="button" className="btn-primary" onClick={() => void save()} disabled={saving || !hydrated}>
        {saving ? "Saving…" : "Save as test case"}
      </button>
      <div aria-live="polite">
        {message && (
          <p className={`text-sm ${message.tone === "success" ? "text-emerald-800" : "text-red-700"}`} data-testid="save-case-message">
            {message.text}{" "}
            {message.link && (
              <Link href={`/rulesets/${slug}/draft/tests`} className="font-medium text-brand-700 underline">
                Open the test cases
              </Link>
            )}
          </p>
        )}
      </div>
    </section>
  );
}

/** Red-flag rules these answers fire whose disposition is the expected one: the case must then keep firing them. */
function pinnedRedFlags(ruleSet: RuleSet, answers: AnswerMap, expected: string): string[] {
  try {
    const fired = new Set(evaluate(ruleSet, answers, { trace: false }).firedRules);
    return ruleSet.rules.filter((rule) => fired.has(rule.id) && isRedFlagRule(rule) && rule.disposition === expected).map((rule) => rule.id);
  } catch {
    return []; // a draft that cannot be evaluated has nothing to pin
  }
}
