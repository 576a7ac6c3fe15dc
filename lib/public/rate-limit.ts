import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { serverEnv } from "@/lib/config/env";
import { CORS_HEADERS, publicProblem } from "./http";

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
export async function evaluateRateLimit(address: string): Promise<Response | null> {
  try {
    await limiter().consume(address);
    return null;
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    const response = publicProblem(429, "rate_limited", `Too many evaluations from this address; try again in ${seconds} s.`);
    response.headers.set("retry-after", String(seconds));
    for (const [key, value] of Object.entries(CORS_HEADERS)) response.headers.set(key, value);
    return response;
  }
}
