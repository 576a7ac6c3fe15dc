/**
 * One Z3 (Microsoft's WebAssembly build, `z3-solver`) per server process.
 *
 * Server side only: the browser build needs cross-origin isolation, and the
 * devices that evaluate rule sets never need a solver (the engine's own
 * `final` is sound without one). Start-up takes ~0.2–0.3 s, paid once; every
 * verification then reuses the context. Z3 runs one check at a time per
 * context, so verifications are queued here: a request waits its turn instead
 * of failing, and each has its own time budget.
 */
import { init, type Context } from "z3-solver";

export type Z3 = Context<"triage">;

interface Loaded {
  ctx: Z3;
  /** How long initialising took (reported by benchmarks separately from the work). */
  startupMs: number;
}

const globalForZ3 = globalThis as unknown as { triageZ3?: Promise<Loaded>; triageZ3Queue?: Promise<unknown> };

export function loadSolver(): Promise<Loaded> {
  globalForZ3.triageZ3 ??= (async () => {
    const started = performance.now();
    const { Context } = await init();
    return { ctx: Context("triage"), startupMs: performance.now() - started };
  })();
  return globalForZ3.triageZ3;
}

/**
 * Runs `work` when no other verification is using the solver. `startupMs` is
 * the time this call spent waiting for Z3 to start (0 once it is running).
 */
export function exclusively<T>(work: (z3: Z3, startupMs: number) => Promise<T>): Promise<T> {
  const previous = globalForZ3.triageZ3Queue ?? Promise.resolve();
  const run = previous.then(async () => {
    const started = performance.now();
    const { ctx } = await loadSolver();
    return work(ctx, performance.now() - started);
  });
  globalForZ3.triageZ3Queue = run.catch(() => undefined);
  return run;
}
