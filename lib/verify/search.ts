/**
 * One question to the solver: "is there an answer set where <query> holds?",
 * answered with either a proof that there is none, or the answer set with the
 * FEWEST answered questions (found by asking again with "at most k-1
 * answered" until that is impossible), or "not decided in time".
 */
import type { AnswerSpace, FoundAnswers } from "./answer-space";
import type { Z3 } from "./solver";

type Bool = ReturnType<Z3["Bool"]["const"]>;
type Solver = InstanceType<Z3["Solver"]>;

export type SearchResult =
  | { found: false; decided: true }
  | { found: true; answers: FoundAnswers; minimal: boolean }
  | { found: false; decided: false; reason: string };

export class Deadline {
  readonly at: number;
  constructor(readonly budgetMs: number) {
    this.at = performance.now() + budgetMs;
  }
  remaining(): number {
    return Math.max(0, Math.floor(this.at - performance.now()));
  }
  passed(): boolean {
    return this.remaining() <= 0;
  }
}

export class SearchCounter {
  checks = 0;
}

/**
 * `solver` already holds the space's constraints and the versions' encodings;
 * the query is asserted in a scope of its own and removed again.
 */
export async function search(z3: Z3, solver: Solver, space: AnswerSpace, query: Bool, deadline: Deadline, counter: SearchCounter): Promise<SearchResult> {
  if (deadline.passed()) return { found: false, decided: false, reason: "not decided in time" };
  const answered = space.answeredVars();
  solver.push();
  try {
    solver.add(query);
    const check = async (): Promise<"sat" | "unsat" | "unknown"> => {
      const remaining = deadline.remaining();
      if (remaining <= 0) return "unknown";
      solver.set("timeout", remaining);
      counter.checks++;
      return solver.check();
    };
    const first = await check();
    if (first === "unsat") return { found: false, decided: true };
    if (first === "unknown") return { found: false, decided: false, reason: "not decided in time" };
    let answers = answersOf(space, solver);
    let count = Object.keys(answers).length;
    // Fewest answered questions: tighten until impossible.
    while (count > 0 && answered.length > 0) {
      solver.push();
      solver.add(z3.AtMost(answered as [Bool, ...Bool[]], count - 1));
      const next = await check();
      if (next === "sat") {
        answers = answersOf(space, solver);
        count = Object.keys(answers).length;
        solver.pop();
        continue;
      }
      solver.pop();
      if (next === "unknown") return { found: true, answers, minimal: false };
      break;
    }
    return { found: true, answers, minimal: true };
  } finally {
    solver.pop();
  }
}

/** Reads the model and frees it at once: a server verifies many drafts, and Z3's memory is only returned when released. */
function answersOf(space: AnswerSpace, solver: Solver): FoundAnswers {
  const model = solver.model();
  try {
    return space.answersFrom(model);
  } finally {
    model.release();
  }
}
