import { randomBytes, randomInt } from "node:crypto";
import net, { type AddressInfo } from "node:net";
import { ResilientLimiter, StoreHealth } from "@/lib/limits/resilient";
import { memoryStore, postgresStore, redisStore, type LimiterOptions, type LimiterStore } from "@/lib/limits/store";

/** Redis for the REDIS_URL path: the machine's own (see .ci/run), or TEST_REDIS_URL. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";

/**
 * One app instance's view of the rate limits: its own store client (its own pool or connection)
 * and its own memory (insurance counters, local batches), as a separate process would have.
 */
export interface TestLimits {
  store: LimiterStore;
  health: StoreHealth;
  limiter: (options: LimiterOptions) => ResilientLimiter;
  logs: string[];
  close(): Promise<void>;
}

function wrap(store: LimiterStore, retryMs: number): TestLimits {
  const logs: string[] = [];
  const health = new StoreHealth(store, retryMs, (message) => logs.push(message));
  return { store, health, logs, limiter: (options) => new ResilientLimiter(store, health, options), close: () => store.close() };
}

export function postgresLimits(url = process.env.DATABASE_URL!, retryMs = 50): TestLimits {
  return wrap(postgresStore(url, { poolMax: 2 }), retryMs);
}

export async function redisLimits(url = TEST_REDIS_URL, retryMs = 50): Promise<TestLimits> {
  const store = redisStore(url);
  await store.ready();
  return wrap(store, retryMs);
}

/** Redis without waiting for a connection (for a Redis that is down). */
export function unreadyRedisLimits(url: string, retryMs = 50): TestLimits {
  return wrap(redisStore(url), retryMs);
}

export function memoryLimits(): TestLimits {
  return wrap(memoryStore(), 50);
}

/** A loopback port nothing listens on (bound once, then closed). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A PostgreSQL URL pointing at a closed port: a store that is down. */
export async function deadDatabaseUrl(): Promise<string> {
  return `postgresql://postgres@127.0.0.1:${await closedPort()}/nowhere`;
}

/**
 * A TCP proxy in front of a real server that a test can cut and restore: an outage of the store
 * without touching the store itself. `cut()` refuses new connections and resets open ones.
 */
export async function cuttableProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let open = true;
  const server = net.createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    restore() {
      open = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        open = false;
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The same database URL through another host and port (e.g. a proxy's). */
export function viaPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = "127.0.0.1";
  parsed.port = String(port);
  return parsed.toString();
}

/** A client address no other test uses (documentation range 198.18.0.0/15 for benchmarks, never routed). */
export function randomAddress(): string {
  return `198.${18 + randomInt(2)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** A key no other test (or earlier run against the same Redis) uses. */
export function uniqueKey(label: string): string {
  return `${label}-${Date.now()}-${randomBytes(4).toString("hex")}`;
}
