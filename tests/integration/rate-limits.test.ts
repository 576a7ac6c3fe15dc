import { spawn, type ChildProcess } from "node:child_process";
import { randomInt } from "node:crypto";
import http from "node:http";
import { createInterface } from "node:readline";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatchedLimiter } from "@/lib/limits/batched";
import { createEvaluateLimiter, defaultEvaluateBatch } from "@/lib/public/rate-limit";
import { closedPort, cuttableProxy, deadDatabaseUrl, postgresLimits, redisLimits, uniqueKey, unreadyRedisLimits, viaPort, type TestLimits } from "../setup/limits";

const opened: { close(): unknown }[] = [];
afterAll(async () => {
  for (const item of opened.reverse()) await item.close();
});
function keep<T extends { close(): unknown }>(item: T): T {
  opened.push(item);
  return item;
}

/** An instance's evaluate limiter: its own memory (local batches, insurance) over its own store client. */
function evaluateLimiter(limits: TestLimits, points: number, batch: number, keyPrefix = "evaluate") {
  return keep(new BatchedLimiter(limits.limiter({ keyPrefix, points, duration: 60 }), batch));
}

/** Takes until refused (at most `max`), alternating over the instances; returns how many each admitted. */
async function spend(instances: BatchedLimiter[], key: string, max: number): Promise<number[]> {
  const admitted = instances.map(() => 0);
  for (let i = 0; i < max; i += 1) {
    const which = i % instances.length;
    if ((await instances[which].take(key)).allowed) admitted[which] += 1;
  }
  return admitted;
}

async function storedPoints(key: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ points: number }>(`SELECT points FROM rate_limits WHERE key = $1`, [key]);
    return rows[0]?.points ?? null;
  } finally {
    await client.end();
  }
}

describe("the evaluate limit across instances (PostgreSQL store)", () => {
  it("holds on the second instance once spent on the first (two limiters, separate memory and pools, one database)", async () => {
    const [first, second] = [evaluateLimiter(keep(postgresLimits()), 12, 3), evaluateLimiter(keep(postgresLimits()), 12, 3)];
    const address = `client-${uniqueKey("a")}`;
    // One instance alone admits exactly the limit: the last reservation gets only what was left.
    expect(await spend([first], address, 20)).toEqual([12]);
    const refused = await second.take(address);
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.msBeforeNext).toBeGreaterThan(50_000);
    // Every admitted evaluation was counted in the store before it was admitted (12), and the refused
    // reservations are counted too; refusals after that cost no store round trip.
    const stored = await storedPoints(`evaluate:${address}`);
    expect(stored).toBe(12 + 3);
    for (let i = 0; i < 50; i += 1) expect((await first.take(address)).allowed).toBe(false);
    expect(await storedPoints(`evaluate:${address}`)).toBe(stored);
    // Another address is not affected.
    expect((await second.take(`other-${address}`)).allowed).toBe(true);
  });

  it("never admits more than the limit in all, and at most (N − 1) × (batch − 1) fewer, under concurrency", async () => {
    const points = 60;
    const batch = 4;
    const instances = Array.from({ length: 3 }, () => evaluateLimiter(keep(postgresLimits()), points, batch));
    const address = `client-${uniqueKey("b")}`;
    // 3 instances × 40 concurrent requests from one address: 120 for a limit of 60.
    const decisions = await Promise.all(instances.flatMap((instance) => Array.from({ length: 40 }, () => instance.take(address))));
    const admitted = decisions.filter((decision) => decision.allowed).length;
    expect(admitted).toBeLessThanOrEqual(points);
    expect(admitted).toBeGreaterThanOrEqual(points - (instances.length - 1) * (batch - 1));
  });

  it("refuses nobody the limit allows, however many requests for one address wait on one reservation", async () => {
    for (const batch of [1, 3]) {
      const limiter = evaluateLimiter(keep(postgresLimits()), 1000, batch);
      const address = `client-${uniqueKey("h")}`;
      const decisions = await Promise.all(Array.from({ length: 100 }, () => limiter.take(address)));
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(100);
      expect(await storedPoints(`evaluate:${address}`)).toBeLessThanOrEqual(100 + batch - 1);
    }
  });

  it("admits exactly the limit per address when the batch is 1, however the calls are spread", async () => {
    const instances = [evaluateLimiter(keep(postgresLimits()), 10, 1), evaluateLimiter(keep(postgresLimits()), 10, 1)];
    expect((await spend(instances, `client-${uniqueKey("c")}`, 30)).reduce((a, b) => a + b)).toBe(10);
  });

  it("reserves 5 % of the limit at a time by default", () => {
    expect([1, 20, 21, 120, 1000].map(defaultEvaluateBatch)).toEqual([1, 1, 2, 6, 50]);
    const limiter = keep(createEvaluateLimiter(120));
    expect(limiter.batch).toBe(6);
  });
});

describe("the evaluate limit while the store is unreachable", () => {
  it("counts in memory (the insurance limiter) when the store is a closed port, and says so once", async () => {
    const limits = keep(postgresLimits(await deadDatabaseUrl(), 60_000));
    const limiter = evaluateLimiter(limits, 5, 2);
    const address = `client-${uniqueKey("d")}`;
    expect(await spend([limiter], address, 10)).toEqual([5]);
    expect((await limiter.take(`other-${address}`)).allowed).toBe(true);
    expect(limits.logs).toHaveLength(1);
    expect(limits.logs[0]).toMatch(/\[rate-limits\] the postgres store does not answer \((ECONNREFUSED|connect).*\): counting in this instance's memory/);
  });

  it("fails over when the store goes away, and shares the counters again when it is back, without a restart", async () => {
    const database = new URL(process.env.DATABASE_URL!);
    const proxy = keep(await cuttableProxy({ host: database.hostname, port: Number(database.port || 5432) }));
    const limits = keep(postgresLimits(viaPort(process.env.DATABASE_URL!, proxy.port), 20));
    const limiter = evaluateLimiter(limits, 4, 1);
    const before = `client-${uniqueKey("e")}`;
    expect((await limiter.take(before)).allowed).toBe(true);
    expect(await storedPoints(`evaluate:${before}`)).toBe(1);

    proxy.cut();
    const during = `client-${uniqueKey("f")}`;
    // Still limited, in this instance's memory: 4 admitted, then refused; nothing reached the store.
    expect(await spend([limiter], during, 8)).toEqual([4]);
    await limits.health.whenDown();
    expect(limits.logs).toHaveLength(1);
    expect(await storedPoints(`evaluate:${during}`)).toBeNull();

    proxy.restore();
    await limits.health.whenUp();
    expect(limits.logs[1]).toMatch(/the postgres store answers again after \d+ s: limits are shared again/);
    const after = `client-${uniqueKey("g")}`;
    expect((await limiter.take(after)).allowed).toBe(true);
    expect(await storedPoints(`evaluate:${after}`)).toBe(1);
    expect(limits.logs).toHaveLength(2);
  });
});

describe("the evaluate limit across instances (Redis store, REDIS_URL)", () => {
  it("holds on the second instance once spent on the first", async () => {
    const prefix = uniqueKey("evaluate");
    const [first, second] = [evaluateLimiter(keep(await redisLimits()), 12, 3, prefix), evaluateLimiter(keep(await redisLimits()), 12, 3, prefix)];
    const address = "203.0.113.7";
    expect(await spend([first], address, 20)).toEqual([12]);
    expect((await second.take(address)).allowed).toBe(false);
    expect((await second.take("203.0.113.8")).allowed).toBe(true);
  });

  it("counts in memory while Redis is unreachable, and says so once", async () => {
    // ioredis without an offline queue: every command fails at once while it cannot connect.
    const limits = keep(unreadyRedisLimits(`redis://127.0.0.1:${await closedPort()}`, 60_000));
    const limiter = evaluateLimiter(limits, 3, 1);
    expect(await spend([limiter], "203.0.113.9", 6)).toEqual([3]);
    expect(limits.logs).toHaveLength(1);
    expect(limits.logs[0]).toMatch(/the redis store does not answer/);
  });
});

// ---------------------------------------------------------------------------------------------
// Two separate processes, each configured by the environment exactly like an app instance.

interface Instance {
  url: string;
  process: ChildProcess;
}

async function startInstance(env: Record<string, string>): Promise<Instance> {
  // node itself with tsx's loader (not npx, which would not pass SIGTERM on): one process to stop.
  const child = spawn(process.execPath, ["--import", "tsx", "tests/setup/evaluate-limit-instance.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`instance exited with ${code}`)));
  });
  return { url, process: child };
}

function post(url: string, localAddress: string, forwardedFor?: string): Promise<{ status: number; retryAfter?: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", localAddress, agent: false, headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} }, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers["retry-after"] as string | undefined }));
    });
    request.on("error", reject);
    request.end("{}");
  });
}

describe("two app processes on one database", () => {
  const instances: Instance[] = [];

  beforeAll(async () => {
    const env = { DATABASE_URL: process.env.DATABASE_URL!, EVALUATE_RATE_LIMIT_PER_MINUTE: "30", TRUSTED_PROXY_HOPS: "0", REDIS_URL: "" };
    instances.push(...(await Promise.all([startInstance(env), startInstance(env)])));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(
      instances.map(
        (instance) =>
          new Promise<void>((resolve) => {
            instance.process.once("exit", () => resolve());
            instance.process.kill("SIGTERM");
          }),
      ),
    );
  });

  it("share the evaluate limit: spent on one, refused on the other, per real client address; X-Forwarded-For is ignored", async () => {
    const [a, b] = instances;
    const client = `127.${randomInt(1, 255)}.${randomInt(0, 256)}.1`;
    const statuses: number[] = [];
    // Each request claims another origin in X-Forwarded-For: with TRUSTED_PROXY_HOPS=0 that changes nothing.
    for (let i = 0; i < 31; i += 1) statuses.push((await post(a.url, client, `10.0.0.${i}`)).status);
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    const onB = await post(b.url, client);
    expect(onB.status).toBe(429);
    expect(Number(onB.retryAfter)).toBeGreaterThan(0);
    expect(Number(onB.retryAfter)).toBeLessThanOrEqual(60);
    // Another client address, on either instance, is not affected.
    expect((await post(b.url, client.replace(/\.1$/, ".2"))).status).toBe(200);
  });

  it("share it when the calls alternate: the two together admit at most the limit", async () => {
    const [a, b] = instances;
    const client = `127.${randomInt(1, 255)}.${randomInt(0, 256)}.3`;
    let admitted = 0;
    for (let i = 0; i < 40; i += 1) if ((await post(i % 2 ? b.url : a.url, client)).status === 200) admitted += 1;
    // Limit 30, batch 2 (5 % rounded up): at most 30, at most (2 − 1) × (2 − 1) = 1 fewer.
    expect(admitted).toBeLessThanOrEqual(30);
    expect(admitted).toBeGreaterThanOrEqual(29);
  });
});

