/**
 * Does the dashboard lose anything behind `npm start`'s server (the public API's fast
 * path in front of Next's custom-server API) against a bare `next start`? Time to first
 * byte of the main pages (/signin as a visitor, the rest signed in as the demo author),
 * under both servers in the same
 * run: requests alternate between the two, one at a time, so drift on a shared machine
 * hits both alike.
 *
 *   npm run build && npm run bench:dashboard
 *
 * Needs PostgreSQL (TEST_DATABASE_SERVER_URL, default the local server) for a throw-away
 * database, dropped at the end. BENCH_ROUNDS (default 40) requests per page and server.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { seedBackPain } from "@/lib/content/seed-back-pain";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createScratchDatabase, dropScratchDatabase, testServerUrl } from "@/lib/db/scratch";
import { DEMO_PASSWORD, seedDemoAccounts } from "@/lib/users/demo-accounts";

const NEXT_PORT = 3180;
const APP_PORT = 3181;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const WARM_UP = 5;
/** "Loses nothing": the median TTFB through npm start's server within 10 % of next start's (what this machine's run-to-run noise allows). */
const TOLERANCE = 1.1;
const PAGES = ["/signin", "/", "/rulesets", "/check/back-pain"];

async function waitFor(url: string, timeoutMs = 180_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not come up`);
}

/** Milliseconds from sending the request to the first byte of the response (its status line), and the status. */
function timeToFirstByte(url: string, cookie: string): Promise<{ ms: number; status: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const outgoing = http.get(url, { headers: { cookie, "accept-encoding": "gzip, br" }, agent: false }, (incoming) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      incoming.resume();
      incoming.on("end", () => resolve({ ms, status: incoming.statusCode ?? 0 }));
    });
    outgoing.on("error", reject);
  });
}

/** Signs in through next-auth's credentials flow and returns the session cookie. */
async function signIn(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
  const answer = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: "author@triage.test", password: DEMO_PASSWORD, json: "true" }),
  });
  const session = answer.headers.getSetCookie().find((cookie) => cookie.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed (${answer.status})`);
  return session.split(";")[0];
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("Build first: npm run build");
  const server = testServerUrl();
  const database = `triage_bench_${randomBytes(3).toString("hex")}`;
  const children: ChildProcess[] = [];
  const loadBefore = os.loadavg().map((value) => value.toFixed(2)).join(", ");
  const url = await createScratchDatabase(server, database);
  try {
    await migrate(url);
    const db = createDb(url, 1);
    await seedDemoAccounts(db);
    await seedBackPain(db);
    await db.$disconnect();
    const env = { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), NEXT_TELEMETRY_DISABLED: "1" };
    const [command, ...args] = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start.split(" ");
    children.push(spawn(command, args, { detached: true, stdio: ["ignore", "ignore", "inherit"], env: { ...env, PORT: String(APP_PORT), NEXTAUTH_URL: `http://localhost:${APP_PORT}` } }));
    children.push(
      spawn("npx", ["--no-install", "next", "start", "-p", String(NEXT_PORT)], {
        detached: true,
        stdio: ["ignore", "ignore", "inherit"],
        env: { ...env, NODE_ENV: "production", NEXTAUTH_URL: `http://localhost:${NEXT_PORT}` },
      }),
    );
    const servers = [
      { name: "next start", base: `http://127.0.0.1:${NEXT_PORT}` },
      { name: "npm start (fast path + Next custom server)", base: `http://127.0.0.1:${APP_PORT}` },
    ];
    for (const { base } of servers) await waitFor(`${base}/signin`);
    const cookies = await Promise.all(servers.map(({ base }) => signIn(base)));

    const samples = new Map<string, number[]>();
    for (const page of PAGES) {
      for (let round = 0; round < WARM_UP + ROUNDS; round += 1) {
        // Alternate which server goes first, so neither always follows the other.
        const order = round % 2 === 0 ? [0, 1] : [1, 0];
        for (const index of order) {
          // The sign-in page as a visitor sees it (signed in, it redirects); the rest signed in.
          const { ms, status } = await timeToFirstByte(`${servers[index].base}${page}`, page === "/signin" ? "" : cookies[index]);
          if (status !== 200) throw new Error(`${servers[index].name} answered ${page} with ${status}`);
          if (round < WARM_UP) continue;
          const key = `${index} ${page}`;
          samples.set(key, [...(samples.get(key) ?? []), ms]);
        }
      }
    }

    console.log(`\nDashboard time to first byte — ${ROUNDS} requests per page and server (after ${WARM_UP} warm-up), /signin as a visitor, the rest signed in as the demo author, alternating servers; ${os.cpus().length} cores`);
    console.log(`Load average before: ${loadBefore}; after: ${os.loadavg().map((value) => value.toFixed(2)).join(", ")}\n`);
    console.log("| page | next start median ms | p90 ms | npm start median ms | p90 ms | ratio (median) |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
    const verdicts: string[] = [];
    for (const page of PAGES) {
      const next = samples.get(`0 ${page}`)!;
      const app = samples.get(`1 ${page}`)!;
      const ratio = quantile(app, 0.5) / quantile(next, 0.5);
      console.log(`| ${page} | ${quantile(next, 0.5).toFixed(1)} | ${quantile(next, 0.9).toFixed(1)} | ${quantile(app, 0.5).toFixed(1)} | ${quantile(app, 0.9).toFixed(1)} | ${ratio.toFixed(2)} × |`);
      verdicts.push(`- ${page}: ${ratio.toFixed(2)} × next start — ${ratio <= TOLERANCE ? "met" : "NOT met"}`);
    }
    console.log(`\nTarget: the dashboard loses nothing (median TTFB through npm start ≤ ${TOLERANCE} × next start):`);
    for (const line of verdicts) console.log(line);
  } finally {
    for (const child of children) {
      try {
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      } catch {
        child.kill("SIGTERM");
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await dropScratchDatabase(server, database).catch(() => {});
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
