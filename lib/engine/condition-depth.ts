import type { z } from "zod";

/**
 * How deep all/any/not groups may nest. A clinician's condition is rarely more
 * than four or five levels deep; 32 leaves room for generated rule sets while
 * keeping every recursive walk of a condition (the zod parse, compile, lint,
 * the sentence reader, the solver encoding) far from the stack limit.
 */
export const MAX_CONDITION_DEPTH = 32;

type Path = (string | number)[];

/**
 * Finds the first condition nested deeper than MAX_CONDITION_DEPTH, walking with
 * an explicit stack rather than recursion: the point is to answer for a tree
 * 10,000 levels deep before anything recursive touches it. Returns its path
 * relative to the condition given, or null when the tree is within the limit.
 */
export function tooDeepConditionPath(condition: unknown): Path | null {
  const stack: { node: unknown; depth: number; path: Path }[] = [{ node: condition, depth: 1, path: [] }];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (depth > MAX_CONDITION_DEPTH) return path;
    const group = node as Record<string, unknown>;
    for (const key of ["all", "any"] as const) {
      const children = group[key];
      if (Array.isArray(children)) {
        for (let index = children.length - 1; index >= 0; index--) {
          stack.push({ node: children[index], depth: depth + 1, path: [...path, key, index] });
        }
      }
    }
    if ("not" in group) stack.push({ node: group.not, depth: depth + 1, path: [...path, "not"] });
  }
  return null;
}

/** zod preprocess step: a 400 naming the path of the too-deep condition, and the recursive parse never starts. */
export function refuseDeepConditions(value: unknown, ctx: z.RefinementCtx): unknown {
  const path = tooDeepConditionPath(value);
  if (path) {
    ctx.addIssue({
      code: "custom",
      path,
      message: `is nested more than ${MAX_CONDITION_DEPTH} levels deep (all/any/not groups); flatten the groups or split the rule`,
    });
  }
  return value;
}
