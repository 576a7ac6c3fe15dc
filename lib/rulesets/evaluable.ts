import { RuleSetCompileError } from "@/lib/engine";
import { DomainError } from "@/lib/errors";

/** A draft whose references are broken cannot be evaluated yet: that is the author's to fix (422), not a server error. */
export function evaluable<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RuleSetCompileError) {
      throw new DomainError(
        422,
        "draft_not_evaluable",
        `The draft cannot be evaluated until these are fixed: ${error.issues.map((issue) => issue.message).join(" ")}`,
        error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
      );
    }
    throw error;
  }
}

