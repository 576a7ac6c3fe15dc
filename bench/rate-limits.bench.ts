/**
 * The shared rate limits, measured without HTTP: what one counted request costs in each store, and
 * what the evaluate limiter (local batches over the store) costs per call.
 *
 *   npx tsx bench/rate-limits.bench.ts            # PostgreSQL (scratch database) and Redis, 64 consumers
 *   BENCH_SECONDS=3 BENCH_CONSUMERS=64 npx tsx bench/rate-limits.bench.ts
 *   BENCH_PART=http npx tsx bench/rate-limits.bench.ts   # only the HTTP part (needs wrk)
 *
 * Part 1, the limiter alone: CONSUMERS concurrent callers in one process, back to back.
 * Part 2, over HTTP: a plain node:http server (what the public fast path is) answering every POST
 * with a small JSON body after the evaluate limiter's decision, loaded by wrk with 64 connections:
 * no limiter (baseline), then each store; "many clients" rotates 10,000 client addresses through
 * X-Forwarded-For (TRUSTED_PROXY_HOPS=1 semantics).
 *
 * PostgreSQL: a scratch database on TEST_DATABASE_SERVER_URL, migrated, dropped afterwards.
 * Redis: TEST_REDIS_URL (default redis://127.0.0.1:6379), keys under a random prefix.
 * Every figure is from one run on this machine: the load generator shares the cores with the store.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { migrate } from "../lib/db/migrate";
import { createScratchDatabase, dropScratchDatabase, testServerUrl } from "../lib/db/scratch";
import { BatchedLimiter } from "../lib/limits/batched";
import { ResilientLimiter, StoreHealth } from "../lib/limits/resilient";
import { memoryStore, postgresStore, redisStore, type LimiterStore } from "../lib/limits/store";
import { clientAddress } from "../lib/http/client-address";
import { rateLimitedReply } from "../lib/public/rate-limit";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONSUMERS = Number(process.env.BENCH_CONSUMERS ?? 64);
const REDIS_URL = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  count: number;
}

/** CONSUMERS loops calling `operation` back to back for SECONDS; per-call latency in ms. */
async function load(operation: (consumer: number, i: number) => Promise<unknown>, consumers = CONSUMERS): Promise<Figures> {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: consumers }, async (_, consumer) => {
      for (let i = 0; performance.now() < end; i += 1) {
        const t = performance.now();
        await operation(consumer, i).catch((error: unknown) => {
          if (!(error instanceof RateLimiterRes)) throw error;
        });
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), count: latencies.length };
}

const rows: string[] = [];
function report(what: string, figures: Figures) {
  const line = `| ${what} | ${Math.round(figures.perSecond).toLocaleString("en")} | ${figures.p50.toFixed(2)} | ${figures.p99.toFixed(2)} |`;
  rows.push(line);
  console.log(line);
}

const run = randomBytes(3).toString("hex");
let keyCounter = 0;
const freshPrefix = (name: string) => `bench-${run}-${name}-${(keyCounter += 1)}`;

/** One counted request per call, straight to the store (what evaluate cost with no batching). */
async function rawStore(store: LimiterStore, label: string, keys: number, consumers = CONSUMERS) {
  const limiter: RateLimiterAbstract = store.limiter({ keyPrefix: freshPrefix("raw"), points: 1e9, duration: 60 });
  const who = consumers === CONSUMERS ? "" : `, ${consumers} caller${consumers === 1 ? "" : "s"} (round-trip latency)`;
  report(`${label}: consume(1) per request, ${keys.toLocaleString("en")} client key${keys === 1 ? "" : "s"}${who}`, await load((c, i) => limiter.consume(String((c * 7919 + i) % keys)), consumers));
}

/** The evaluate limiter as the public endpoint uses it (BatchedLimiter over a ResilientLimiter). */
async function batched(store: LimiterStore, label: string, points: number, batch: number, keys: number) {
  const health = new StoreHealth(store);
  const limiter = new BatchedLimiter(new ResilientLimiter(store, health, { keyPrefix: freshPrefix("batched"), points, duration: 60 }), batch);
  const figures = await load((c, i) => limiter.take(String((c * 7919 + i) % keys)));
  limiter.close();
  report(`${label}: evaluate limiter, limit ${points.toLocaleString("en")}/min, batch ${batch}, ${keys.toLocaleString("en")} key${keys === 1 ? "" : "s"}`, figures);
}

type Decide = ((address: string) => Promise<ReturnType<typeof rateLimitedReply> | null>) | null;

/** A node:http server answering each POST after `decide` (null: no limiter), like the fast path. */
async function limitServer(decide: Decide, trustedHops: number) {
  const body = Buffer.from('{"disposition":{"id":"self_care"},"final":true}');
  const server = http.createServer((request, response) => {
    request.resume();
    const answer = (limited: ReturnType<typeof rateLimitedReply> | null) => {
      if (limited) response.writeHead(limited.status, limited.headers).end(limited.body ?? undefined);
      else response.writeHead(200, { "content-type": "application/json", "content-length": body.length }).end(body);
    };
    if (!decide) return answer(null);
    const forwarded = request.headers["x-forwarded-for"];
    const decision = decide(clientAddress(Array.isArray(forwarded) ? forwarded.join(",") : forwarded, request.socket.remoteAddress, trustedHops)).then(answer, (error) => {
      console.error(error);
      response.writeHead(500).end();
    });
    inFlight.add(decision);
    void decision.finally(() => inFlight.delete(decision));
  });
  const inFlight = new Set<Promise<void>>();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/evaluate`,
    // Closed, and every decision still under way finished, before the store behind it is closed.
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await Promise.allSettled([...inFlight]);
    },
  };
}

function wrkScript(manyClients: boolean): string {
  const file = path.join(os.tmpdir(), `rate-limits-bench-${run}-${manyClients ? "many" : "one"}.lua`);
  writeFileSync(
    file,
    [
      `wrk.method = "POST"`,
      `wrk.body = '{"answers":{}}'`,
      `wrk.headers["Content-Type"] = "application/json"`,
      ...(manyClients
        ? [`local n = 0`, `request = function()`, `  n = n + 1`, `  local c = n % 10000`, `  return wrk.format(nil, nil, { ["X-Forwarded-For"] = "10." .. (math.floor(c / 256) % 256) .. "." .. (c % 256) .. ".1" })`, `end`]
        : []),
      `done = function(summary, latency, requests)`,
      `  io.write(string.format("RESULT %d %d %.3f %.3f %d\\n", summary.requests, summary.duration, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))`,
      `end`,
    ].join("\n"),
  );
  return file;
}

async function overHttp(label: string, decide: Decide, manyClients = false): Promise<number> {
  const server = await limitServer(decide, manyClients ? 1 : 0);
  const seconds = Math.max(SECONDS, 5);
  // wrk runs asynchronously: the server under load is in this process's event loop.
  const result = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn("wrk", ["-t1", "-c64", `-d${seconds}s`, "-s", wrkScript(manyClients), server.url]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", () => resolve({ stdout, stderr }));
  });
  await server.close();
  const line = result.stdout.split("\n").find((entry) => entry.startsWith("RESULT"));
  if (!line) throw new Error(`wrk gave no result: ${result.stderr || result.stdout}`);
  const [, requests, micros, p50, p99, errors] = line.split(" ").map(Number);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(result.stdout)?.[1] ?? "0";
  const row = `| ${label} | ${Math.round(requests / (micros / 1e6)).toLocaleString("en")} | ${p50.toFixed(2)} | ${p99.toFixed(2)} | ${Number(non2xx).toLocaleString("en")} | ${errors} |`;
  rows.push(row);
  console.log(row);
  return requests / (micros / 1e6);
}

function decider(store: LimiterStore, points: number, batch: number): { decide: Decide; close: () => void } {
  const limiter = new BatchedLimiter(new ResilientLimiter(store, new StoreHealth(store), { keyPrefix: freshPrefix("http"), points, duration: 60 }), batch);
  return {
    decide: async (address) => {
      const decision = await limiter.take(address);
      return decision.allowed ? null : rateLimitedReply(decision);
    },
    close: () => limiter.close(),
  };
}

async function httpPart() {
  console.log(`\nOver HTTP: node:http + the evaluate limiter, wrk -t1 -c64, ${Math.max(SECONDS, 5)} s each (server, store and wrk share the 2 cores)\n`);
  console.log("| what | requests/s | p50 ms | p99 ms | 429s | errors |\n| --- | ---: | ---: | ---: | ---: | ---: |");
  const server = testServerUrl();
  const name = `triage_bench_limits_http_${Date.now()}_${run}`;
  const url = await createScratchDatabase(server, name);
  let d: ReturnType<typeof decider>;
  try {
    await migrate(url);
    const store = postgresStore(url, { poolMax: 4 });
    // The no-limiter baseline, the memory store and the PostgreSQL store with the default batch, three
    // rounds interleaved: on shared cores one run says little; the medians are printed after them.
    const memory = memoryStore();
    const contenders: [string, Decide][] = [
      ["no limiter (baseline)", null],
      ["memory store, limit never reached", decider(memory, 1e9, defaultBatch(1e9)).decide],
      ["PostgreSQL, limit never reached, batch 5 % (default)", decider(store, 1e9, defaultBatch(1e9)).decide],
    ];
    const runs = new Map<string, number[]>();
    for (let round = 0; round < 3; round += 1) {
      for (const [label, decide] of contenders) runs.set(label, [...(runs.get(label) ?? []), await overHttp(`${label}, round ${round + 1}`, decide)]);
    }
    for (const [label, values] of runs) {
      const line = `| **${label}: median of 3** | **${Math.round([...values].sort((a, b) => a - b)[1]).toLocaleString("en")}** | | | | |`;
      rows.push(line);
      console.log(line);
    }
    for (const [label, points, batch, many] of [
      ["PostgreSQL, batch 1 (a store round trip per request)", 1e9, 1, false],
      ["PostgreSQL, limit 120/min (default): one client refused from memory", 120, defaultBatch(120), false],
      ["PostgreSQL, limit 120/min, 10,000 clients (X-Forwarded-For)", 120, defaultBatch(120), true],
      ["PostgreSQL, limit 120/min, 10,000 clients, batch 1", 120, 1, true],
    ] as const) {
      d = decider(store, points, batch);
      await overHttp(label, d.decide, many);
      d.close();
    }
    await store.close();
  } finally {
    await dropScratchDatabase(server, name);
  }
  const redis = redisStore(REDIS_URL);
  await redis.ready();
  d = decider(redis, 1e9, 1);
  await overHttp("Redis, batch 1 (a store round trip per request)", d.decide);
  d.close();
  d = decider(redis, 120, defaultBatch(120));
  await overHttp("Redis, limit 120/min, 10,000 clients (X-Forwarded-For)", d.decide, true);
  d.close();
  await redis.close();
}

const defaultBatch = (points: number) => Math.max(1, Math.ceil(points / 20));

async function main() {
  if (process.env.BENCH_PART === "http") return httpPart();
  console.log(`${CONSUMERS} concurrent consumers, ${SECONDS} s each, one process (the stores run on the same 2 cores)\n`);
  console.log("| what | calls/s | p50 ms | p99 ms |\n| --- | ---: | ---: | ---: |");

  const memory = memoryStore();
  await rawStore(memory, "memory", 10_000);
  await batched(memory, "memory", 1_000_000_000, 50_000_000, 1);

  const server = testServerUrl();
  const name = `triage_bench_limits_${Date.now()}_${run}`;
  const url = await createScratchDatabase(server, name);
  try {
    await migrate(url);
    for (const poolMax of [4, 8, 16]) {
      const store = postgresStore(url, { poolMax });
      await rawStore(store, `PostgreSQL UNLOGGED, pool ${poolMax}`, 10_000);
      await store.close();
    }
    const store = postgresStore(url, { poolMax: 4 });
    await rawStore(store, "PostgreSQL UNLOGGED, pool 4", 1);
    await rawStore(store, "PostgreSQL UNLOGGED", 10_000, 1);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`ALTER TABLE "rate_limits" SET LOGGED`);
    const logged = postgresStore(url, { poolMax: 8 });
    await rawStore(logged, "PostgreSQL LOGGED (for comparison), pool 8", 10_000);
    await logged.close();
    await admin.query(`ALTER TABLE "rate_limits" SET UNLOGGED`);
    await admin.end();

    await batched(store, "PostgreSQL", 1_000_000_000, 50_000_000, 1);
    await batched(store, "PostgreSQL", 120, 6, 1);
    await batched(store, "PostgreSQL", 6_000, 300, 64);
    await batched(store, "PostgreSQL", 120, 6, 10_000);
    await batched(store, "PostgreSQL", 120, 1, 10_000);
    await store.close();
  } finally {
    await dropScratchDatabase(server, name);
  }

  const redis = redisStore(REDIS_URL);
  await redis.ready();
  await rawStore(redis, "Redis", 10_000);
  await rawStore(redis, "Redis", 10_000, 1);
  await batched(redis, "Redis", 120, 6, 10_000);
  await redis.close();

  if (spawnSync("wrk", ["--version"]).error) console.log("\n(wrk not installed: apt-get install wrk for the HTTP part)");
  else await httpPart();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
