import { Redis } from "ioredis";
import pg from "pg";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";

/**
 * Where the rate limits count. Every app instance that uses the same store shares the same
 * counters: PostgreSQL (the app's own database, table `rate_limits`, created by a migration) by
 * default, Redis when REDIS_URL is set, or memory (one process only: the embedded demo database,
 * and tests that need an unshared limiter).
 */
export type LimiterStoreKind = "postgres" | "redis" | "memory";

export interface LimiterOptions {
  /** Namespaces the keys of one limit in the store ("evaluate", "signin-pair", …). */
  keyPrefix: string;
  points: number;
  /** The window in whole seconds (the Redis store cannot count fractions of a second). */
  duration: number;
  /** Once over the limit, the key stays blocked this many seconds (0: until the window ends). */
  blockDuration?: number;
}

export interface LimiterStore {
  readonly kind: LimiterStoreKind;
  /** A limiter counting in the store itself, with no fallback: its errors are the store's. */
  limiter(options: LimiterOptions): RateLimiterAbstract;
  /** Cheap round trip that succeeds only when the store answers (used to probe after an outage). */
  ping(): Promise<void>;
  /**
   * Resolves when the store can take calls, or after its connect timeout (then the first call
   * fails over as in any outage). Redis connects at start-up; PostgreSQL connects per query.
   */
  ready(): Promise<void>;
  /** The last connection or query error seen, for the outage log line. */
  lastError(): string | undefined;
  close(): Promise<void>;
}

export const RATE_LIMIT_TABLE = "rate_limits";

/** How long a store call may take before it counts as a failure (the request falls back to memory). */
const STORE_TIMEOUT_MS = 2000;

function rlfOptions(options: LimiterOptions): IRateLimiterOptions {
  if (!Number.isInteger(options.duration) || options.duration < 1) throw new Error(`${options.keyPrefix}: duration must be whole seconds ≥ 1`);
  return { keyPrefix: options.keyPrefix, points: options.points, duration: options.duration, blockDuration: options.blockDuration ?? 0 };
}

export interface PostgresStoreOptions {
  /** Connections of the limiter's own pool (default 4). */
  poolMax?: number;
  /** For tests: the table of another schema-compatible database. */
  tableName?: string;
}

/**
 * rate-limiter-flexible's PostgreSQL store over a small pg.Pool of its own (so a burst of
 * rate-limit writes never waits behind, or starves, the app's Prisma pool). The table is created
 * by the migration `*_rate_limits` (UNLOGGED), never by the limiter: `tableCreated: true`.
 */
export function postgresStore(connectionString: string, options: PostgresStoreOptions = {}): LimiterStore {
  let last: string | undefined;
  const pool = new pg.Pool({
    connectionString,
    max: options.poolMax ?? 4,
    connectionTimeoutMillis: STORE_TIMEOUT_MS,
    query_timeout: STORE_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    application_name: "triage-rate-limits",
  });
  // An idle connection that dies (database restart) must not crash the process; the next query fails over instead.
  pool.on("error", (error) => {
    last = error.message;
  });
  // RLF calls `client.query(...)` for storeType "pool"; this wrapper only remembers why a query failed.
  const client = {
    query: (query: pg.QueryConfig) =>
      pool.query(query).catch((error: Error) => {
        last = error.message || String(error);
        throw error;
      }),
  };
  const tableName = options.tableName ?? RATE_LIMIT_TABLE;
  let sweeping = false;
  return {
    kind: "postgres",
    limiter: (limiterOptions) => {
      // One limiter per store deletes rows that expired over an hour ago, every 5 minutes (all
      // limits share the table): rate-limiter-flexible would otherwise run that DELETE per limiter.
      const clearExpiredByTimeout = !sweeping;
      sweeping = true;
      return new RateLimiterPostgres({
        ...rlfOptions(limiterOptions),
        storeClient: client,
        storeType: "pool",
        tableName,
        tableCreated: true,
        clearExpiredByTimeout,
      });
    },
    ping: async () => {
      await client.query({ text: `SELECT 1 FROM "${tableName}" LIMIT 1` });
    },
    ready: async () => {},
    lastError: () => last,
    close: () => pool.end(),
  };
}

/**
 * rate-limiter-flexible's Redis store over ioredis. No offline queue: while Redis is unreachable a
 * call fails at once (and the limiter counts in memory) instead of waiting for a reconnect.
 */
export function redisStore(url: string): LimiterStore {
  let last: string | undefined;
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: STORE_TIMEOUT_MS,
    commandTimeout: STORE_TIMEOUT_MS,
    // Keep reconnecting, at most every 2 s, for as long as the process runs.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    connectionName: "triage-rate-limits",
  });
  client.on("error", (error: Error) => {
    last = error.message || String(error);
  });
  return {
    kind: "redis",
    // Redis expires keys itself (PX); rejectIfRedisNotReady: fail at once, not queue, while reconnecting.
    limiter: (limiterOptions) => new RateLimiterRedis({ ...rlfOptions(limiterOptions), storeClient: client, rejectIfRedisNotReady: true }),
    ping: async () => {
      await client.ping();
    },
    lastError: () => last,
    ready: () =>
      client.status === "ready"
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const onReady = () => {
              clearTimeout(timer);
              resolve();
            };
            const timer = setTimeout(() => {
              client.off("ready", onReady);
              reject(new Error(`Redis did not answer within ${STORE_TIMEOUT_MS} ms: ${last ?? "no connection"}`));
            }, STORE_TIMEOUT_MS);
            client.once("ready", onReady);
          }),
    close: async () => {
      client.disconnect();
    },
  };
}

/** Counters in this process only: not shared with any other instance. */
export function memoryStore(): LimiterStore {
  return {
    kind: "memory",
    limiter: (limiterOptions) => new RateLimiterMemory(rlfOptions(limiterOptions)),
    ping: async () => {},
    ready: async () => {},
    lastError: () => undefined,
    close: async () => {},
  };
}

export function isRejection(value: unknown): value is RateLimiterRes {
  return value instanceof RateLimiterRes;
}
