import { serverEnv } from "@/lib/config/env";
import { ResilientLimiter, StoreHealth } from "./resilient";
import { memoryStore, postgresStore, redisStore, type LimiterOptions, type LimiterStore } from "./store";

/**
 * The process's rate-limit store, chosen from the configuration:
 *  - REDIS_URL set: Redis;
 *  - the embedded demo database (npm start without DATABASE_URL): memory. PGlite is one backend
 *    session that only this process can reach, so there is no second instance to share with, and
 *    a limiter write per sign-in or evaluation batch would queue behind the dashboard's queries;
 *  - otherwise the app's PostgreSQL (table rate_limits), through a pool of its own.
 */
function createStore(): LimiterStore {
  const env = serverEnv();
  if (env.REDIS_URL) return redisStore(env.REDIS_URL);
  if (env.TRIAGE_EMBEDDED_DATABASE) return memoryStore();
  return postgresStore(env.DATABASE_URL!, { poolMax: env.RATE_LIMIT_POOL_MAX });
}

const globalForLimits = globalThis as unknown as { triageLimits?: { store: LimiterStore; health: StoreHealth } };

export function limits(): { store: LimiterStore; health: StoreHealth } {
  if (!globalForLimits.triageLimits) {
    const store = createStore();
    globalForLimits.triageLimits = { store, health: new StoreHealth(store) };
  }
  return globalForLimits.triageLimits;
}

export function sharedLimiter(options: LimiterOptions): ResilientLimiter {
  const { store, health } = limits();
  return new ResilientLimiter(store, health, options);
}
