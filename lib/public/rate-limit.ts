import { serverEnv } from "@/lib/config/env";
import { BatchedLimiter, type LimitDecision } from "@/lib/limits/batched";
import { sharedLimiter } from "@/lib/limits/instance";
import { publicProblemReply, type PublicReply } from "./http";

/** The evaluate limit's window: EVALUATE_RATE_LIMIT_PER_MINUTE per client address per minute. */
export const EVALUATE_WINDOW_SECONDS = 60;

/** 5 % of the limit, rounded up: what one instance may hold reserved and unused per address. */
export function defaultEvaluateBatch(pointsPerMinute: number): number {
  return Math.max(1, Math.ceil(pointsPerMinute / 20));
}

/**
 * The evaluate limit of this process: counted in the shared store (PostgreSQL, or Redis with
 * REDIS_URL) so that every instance on the same database shares it, reserved in small batches per
 * address (see BatchedLimiter for the exact guarantee), in memory while the store is unreachable.
 */
export function createEvaluateLimiter(points: number, batch = defaultEvaluateBatch(points)): BatchedLimiter {
  return new BatchedLimiter(sharedLimiter({ keyPrefix: "evaluate", points, duration: EVALUATE_WINDOW_SECONDS }), batch);
}

const globalForLimiter = globalThis as unknown as { triageSharedEvaluateLimiter?: BatchedLimiter };

function limiter(): BatchedLimiter {
  if (!globalForLimiter.triageSharedEvaluateLimiter) {
    const env = serverEnv();
    globalForLimiter.triageSharedEvaluateLimiter = createEvaluateLimiter(
      env.EVALUATE_RATE_LIMIT_PER_MINUTE,
      env.EVALUATE_RATE_LIMIT_BATCH ?? defaultEvaluateBatch(env.EVALUATE_RATE_LIMIT_PER_MINUTE),
    );
  }
  return globalForLimiter.triageSharedEvaluateLimiter;
}

// A refused client is answered from memory, often thousands of times a second: the 429 for each
// Retry-After value (1–60 s) is built once; every call still gets objects of its own.
const refusals = new Map<number, PublicReply>();

/** The 429 for a refused decision, with Retry-After in whole seconds (at least 1). */
export function rateLimitedReply(decision: Extract<LimitDecision, { allowed: false }>): PublicReply {
  const seconds = Math.max(1, Math.ceil(decision.msBeforeNext / 1000));
  let reply = refusals.get(seconds);
  if (!reply) {
    const built = publicProblemReply(429, "rate_limited", `Too many evaluations from this address; try again in ${seconds} s.`);
    reply = { ...built, headers: { ...built.headers, "retry-after": String(seconds) } };
    if (seconds <= EVALUATE_WINDOW_SECONDS) refusals.set(seconds, reply);
  }
  return { status: reply.status, headers: { ...reply.headers }, body: reply.body };
}

/** null when the client may go on; otherwise the 429 to send, with Retry-After. */
export async function evaluateRateLimit(address: string): Promise<PublicReply | null> {
  const decision = await limiter().take(address);
  return decision.allowed ? null : rateLimitedReply(decision);
}
