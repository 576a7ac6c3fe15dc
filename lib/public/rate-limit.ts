import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { serverEnv } from "@/lib/config/env";
import { publicProblemReply, type PublicReply } from "./http";

const globalForLimiter = globalThis as unknown as { triageEvaluateLimiter?: RateLimiterMemory };

function limiter(): RateLimiterMemory {
  globalForLimiter.triageEvaluateLimiter ??= new RateLimiterMemory({
    keyPrefix: "evaluate",
    points: serverEnv().EVALUATE_RATE_LIMIT_PER_MINUTE,
    duration: 60,
  });
  return globalForLimiter.triageEvaluateLimiter;
}

/** null when the client may go on; otherwise the 429 to send, with Retry-After. */
export async function evaluateRateLimit(address: string): Promise<PublicReply | null> {
  try {
    await limiter().consume(address);
    return null;
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    const reply = publicProblemReply(429, "rate_limited", `Too many evaluations from this address; try again in ${seconds} s.`);
    return { ...reply, headers: { ...reply.headers, "retry-after": String(seconds) } };
  }
}
