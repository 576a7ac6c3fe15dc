"use client";

import { createContext, useContext } from "react";

/** True when the draft is shown but may not be edited (e.g. the person lacks the author role). */
export const ReadOnlyContext = createContext(false);

/**
 * Shape errors from the live lint, keyed by JSONPath (`$.rules[3].title`), so each
 * field can show the problem right under itself.
 */
export const FieldErrorsContext = createContext<ReadonlyMap<string, string>>(new Map());

export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}

export function useFieldError(path: string | undefined): string | undefined {
  const errors = useContext(FieldErrorsContext);
  return path === undefined ? undefined : errors.get(path);
}
