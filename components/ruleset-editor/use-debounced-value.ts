"use client";

import { useEffect, useState } from "react";

/**
 * The value as it was `delay` ms after it last changed. Lint takes ~60 ms on a
 * 200-rule set, too long to run on every keystroke; running it once typing
 * pauses keeps each keystroke within a frame.
 */
export function useDebouncedValue<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}
