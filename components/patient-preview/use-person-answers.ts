"use client";

import { useCallback, useState } from "react";
import type { AnswerValue, Answers } from "@/lib/engine";

/**
 * A person's answers as the checker and the patient preview keep them: the
 * value per question (null = unanswered, which "I'm not sure" also sends to
 * the engine), and which questions they said they were not sure about, so the
 * advice can say so.
 */
export function usePersonAnswers() {
  const [answers, setAnswers] = useState<Answers>({});
  const [unsure, setUnsure] = useState<ReadonlySet<string>>(new Set());
  const answer = useCallback((factId: string, value: AnswerValue | null, isUnsure = false) => {
    setAnswers((previous) => ({ ...previous, [factId]: value }));
    setUnsure((previous) => {
      if (isUnsure === previous.has(factId)) return previous;
      const next = new Set(previous);
      if (isUnsure) next.add(factId);
      else next.delete(factId);
      return next;
    });
  }, []);
  const reset = useCallback(() => {
    setAnswers({});
    setUnsure(new Set());
  }, []);
  return { answers, unsure, answer, reset };
}
