/**
 * Three-valued (Kleene) truth, encoded so the logic is arithmetic:
 * FALSE < UNKNOWN < TRUE, `all` is the minimum, `any` the maximum, `not` is 2 - x.
 *
 * A comparison on an unanswered question is UNKNOWN, never false: a missing
 * answer must not silently count as "no".
 */
export const FALSE = 0;
export const UNKNOWN = 1;
export const TRUE = 2;
export type Truth = typeof FALSE | typeof UNKNOWN | typeof TRUE;

export type TruthLabel = "true" | "false" | "unknown";

const LABELS: readonly TruthLabel[] = ["false", "unknown", "true"];

export function truthLabel(truth: Truth): TruthLabel {
  return LABELS[truth];
}

export function kleeneAll(values: readonly Truth[]): Truth {
  let result: Truth = TRUE;
  for (const v of values) if (v < result) result = v;
  return result;
}

export function kleeneAny(values: readonly Truth[]): Truth {
  let result: Truth = FALSE;
  for (const v of values) if (v > result) result = v;
  return result;
}

export function kleeneNot(value: Truth): Truth {
  return (TRUE - value) as Truth;
}
