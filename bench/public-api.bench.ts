/**
 * Public API load benchmark: `GET /api/public/rulesets/{slug}` on `next start`
 * against the same bytes served as a static file by nginx (the baseline), plus
 * the 304 revalidation path and `evaluate`. Load comes from wrk when installed
 * (apt-get install wrk nginx), otherwise autocannon; all traffic stays on loopback.
 *
 *   npm run build && npm run bench:public
 *
 * Needs PostgreSQL (TEST_DATABASE_SERVER_URL, default the local server) for a
 * throw-away database; it is dropped at the end.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { constants, gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { seedBackPain } from "@/lib/content/seed-back-pain";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createScratchDatabase, dropScratchDatabase, testServerUrl } from "@/lib/db/scratch";
import { seedDemoAccounts } from "@/lib/users/demo-accounts";

const NEXT_PORT = 3190;
const NGINX_PORT = 3191;
const CACHE_PORT = 3192;
const P99_TARGET_MS = 20;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const SLUG = "back-pain";

interface Result {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

function which(command: string): string | null {
  try {
    return execFileSync("sh", ["-c", `command -v ${command}`]).toString().trim() || null;
  } catch {
    return null;
  }
}

async function waitFor(url: string, timeoutMs = 60_000) {
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

/** wrk with a Lua script for method/body/headers, parsing its latency distribution. */
function runWrk(name: string, url: string, options: { method?: string; body?: string; headers?: Record<string, string>; status?: number }): Result {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-wrk-"));
  const script = path.join(dir, "request.lua");
  const headerLines = Object.entries(options.headers ?? {}).map(([key, value]) => `wrk.headers[${JSON.stringify(key)}] = ${JSON.stringify(value)}`);
  const expected = options.status ?? 200;
  writeFileSync(
    script,
    [
      `wrk.method = ${JSON.stringify(options.method ?? "GET")}`,
      options.body ? `wrk.body = ${JSON.stringify(options.body)}` : "",
      ...headerLines,
      "local unexpected = 0",
      `function response(status, headers, body) if status ~= ${expected} then unexpected = unexpected + 1 end end`,
      "function done(summary, latency, requests)",
      "  io.write(string.format('RESULT %f %f %f %d %d\\n', summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))",
      "end",
    ].join("\n"),
  );
  const output = execFileSync("wrk", ["-t", "2", "-c", String(CONNECTIONS), "-d", `${DURATION_S}s`, "--latency", "-s", script, url]).toString();
  rmSync(dir, { recursive: true, force: true });
  const match = /RESULT ([\d.]+) ([\d.]+) ([\d.]+) (\d+) (\d+)/.exec(output);
  if (!match) throw new Error(`could not read wrk output:\n${output}`);
  return { name, requestsPerSecond: Number(match[1]), p50: Number(match[2]), p99: Number(match[3]), errors: Number(match[4]), non2xx: Number(match[5]) };
}

async function runAutocannon(name: string, url: string, options: { method?: string; body?: string; headers?: Record<string, string>; status?: number }): Promise<Result> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    method: (options.method ?? "GET") as "GET",
    body: options.body,
    headers: options.headers,
  });
  const expected = options.status ?? 200;
  const wrongStatus = expected === 200 ? result.non2xx : result["2xx"];
  return { name, requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: wrongStatus };
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("Build first: npm run build");
  const useWrk = which("wrk") !== null;
  const nginx = which("nginx");
  const server = testServerUrl();
  const database = `triage_bench_${randomBytes(3).toString("hex")}`;
  const work = mkdtempSync(path.join(os.tmpdir(), "bench-public-"));
  const children: ChildProcess[] = [];
  const url = new URL(await createScratchDatabase(server, database));
  try {
    await migrate(url.toString());
    const db = createDb(url.toString(), 1);
    await seedDemoAccounts(db);
    await seedBackPain(db);
    await db.$disconnect();

    // Its own process group, so stopping it also stops the server process Next forks.
    const next = spawn("npx", ["--no-install", "next", "start", "-p", String(NEXT_PORT)], {
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: url.toString(),
        NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
        NEXTAUTH_URL: `http://localhost:${NEXT_PORT}`,
        EVALUATE_RATE_LIMIT_PER_MINUTE: "1000000",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    });
    children.push(next);
    const base = `http://127.0.0.1:${NEXT_PORT}/api/public/rulesets/${SLUG}`;
    await waitFor(base);
    const first = await fetch(base);
    const etag = first.headers.get("etag")!;
    const bytes = Buffer.from(await first.arrayBuffer());

    let nginxUrl: string | null = null;
    let cachedUrl: string | null = null;
    if (nginx) {
      writeFileSync(path.join(work, "document.json"), bytes);
      // The same bytes pre-compressed, for nginx's gzip_static row (what the app does, done by nginx).
      mkdirSync(path.join(work, "precompressed"));
      writeFileSync(path.join(work, "precompressed", "document.json"), bytes);
      writeFileSync(path.join(work, "precompressed", "document.json.gz"), gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }));
      const deployment = readFileSync("docs/deploy/nginx-public-api-cache.conf", "utf8")
        .replaceAll("__APP__", `127.0.0.1:${NEXT_PORT}`)
        .replaceAll("__LISTEN__", `127.0.0.1:${CACHE_PORT}`)
        .replaceAll("__CACHE_DIR__", path.join(work, "cache"));
      const conf = path.join(work, "nginx.conf");
      // The static rows use Debian's stock settings for static files: gzip on the fly (level 1).
      writeFileSync(
        conf,
        `worker_processes auto; pid ${work}/nginx.pid; error_log ${work}/error.log; daemon off;
events { worker_connections 1024; }
http { access_log off; types { application/json json; } default_type application/json; gzip on; gzip_types application/json;
  etag on; sendfile on; keepalive_requests 100000;
  client_body_temp_path ${work}; proxy_temp_path ${work}; fastcgi_temp_path ${work}; uwsgi_temp_path ${work}; scgi_temp_path ${work};
  server { listen 127.0.0.1:${NGINX_PORT}; root ${work};
    location /precompressed/ { gzip_static on; add_header Cache-Control "public, max-age=30"; }
    location / { add_header Cache-Control "public, max-age=30"; } }
${deployment}
}`,
      );
      const server = spawn(nginx, ["-c", conf, "-p", work], { stdio: "ignore", detached: true });
      children.push(server);
      nginxUrl = `http://127.0.0.1:${NGINX_PORT}/document.json`;
      cachedUrl = `http://127.0.0.1:${CACHE_PORT}/api/public/rulesets/${SLUG}`;
      await waitFor(nginxUrl);
    }

    const load = (name: string, target: string, options: Parameters<typeof runWrk>[2] = {}) =>
      useWrk ? Promise.resolve(runWrk(name, target, options)) : runAutocannon(name, target, options);
    const gzip = { "accept-encoding": "gzip" };
    // Warm-up: JIT, the catalog, the compiled rule set and the gzip form of the document.
    await load("warm-up", base, { headers: gzip });

    // Pairings: compressed (what clients get; nginx gzips each response as Debian ships it) and
    // identity (the raw serving cost). Each Next row is compared with the nginx row of its pairing.
    const results: { result: Result; baseline: Result | null }[] = [];
    const nginxGzip = nginxUrl ? await load("nginx static file, gzip (baseline)", nginxUrl, { headers: gzip }) : null;
    if (nginxGzip) results.push({ result: nginxGzip, baseline: nginxGzip });
    const latest = await load("GET latest (next start), gzip", base, { headers: gzip });
    results.push({ result: latest, baseline: nginxGzip });
    const nginxIdentity = nginxUrl ? await load("nginx static file, identity (baseline)", nginxUrl) : null;
    if (nginxIdentity) results.push({ result: nginxIdentity, baseline: nginxIdentity });
    const latestIdentity = await load("GET latest (next start), identity", base);
    results.push({ result: latestIdentity, baseline: nginxIdentity });
    const notModified = await load("GET latest, If-None-Match → 304", base, { headers: { ...gzip, "if-none-match": etag }, status: 304 });
    results.push({ result: notModified, baseline: null });
    results.push({
      result: await load("POST evaluate", `${base}/evaluate`, {
        method: "POST",
        body: JSON.stringify({ answers: { pain_present: true, saddle_numbness: false, bowel_bladder_change: false, symptom_duration_hours: 30 } }),
        headers: { "content-type": "application/json" },
      }),
      baseline: null,
    });
    let cached: Result | null = null;
    let precompressed: Result | null = null;
    if (nginxUrl && cachedUrl) {
      precompressed = await load("nginx gzip_static (pre-compressed file)", nginxUrl.replace("/document.json", "/precompressed/document.json"), { headers: gzip });
      // A second baseline: nginx serving pre-compressed bytes, as the app and the cache do.
      results.push({ result: precompressed, baseline: precompressed });
      // The deployment in docs/deploy: next start behind nginx's cache, honouring the app's Cache-Control.
      await load("warm-up", cachedUrl, { headers: gzip });
      cached = await load("GET latest, next start behind nginx cache (docs/deploy)", cachedUrl, { headers: gzip });
      results.push({ result: cached, baseline: precompressed });
    }

    console.log(`\nPublic API benchmark — ${useWrk ? "wrk" : "autocannon"}, ${CONNECTIONS} connections, ${DURATION_S} s each, ${os.cpus().length} cores, document ${bytes.length} bytes\n`);
    console.log("| endpoint | requests/s | p50 ms | p99 ms | errors | wrong status | vs nginx |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const { result, baseline } of results) {
      const ratio = baseline ? (result.requestsPerSecond / baseline.requestsPerSecond).toFixed(2) : "—";
      console.log(
        `| ${result.name} | ${Math.round(result.requestsPerSecond)} | ${result.p50.toFixed(2)} | ${result.p99.toFixed(2)} | ${result.errors} | ${result.non2xx} | ${ratio} |`,
      );
    }
    if (!nginxGzip) console.log("\nnginx is not installed (apt-get install nginx): no baseline ratio.");
    const ratioTo = (result: Result, baseline: Result | null) => (baseline ? result.requestsPerSecond / baseline.requestsPerSecond : NaN);
    const verdict = (met: boolean) => (met ? "met" : "NOT met");
    const served = results.filter(({ result }) => !result.name.includes("nginx"));
    console.log(`\nTargets on bare next start (≥ 0.5 × nginx, p99 < ${P99_TARGET_MS} ms at ${CONNECTIONS} connections, zero errors):`);
    if (nginxGzip) {
      console.log(`- throughput, gzip: ${ratioTo(latest, nginxGzip).toFixed(2)} × nginx — ${verdict(ratioTo(latest, nginxGzip) >= 0.5)}`);
      console.log(`- throughput, identity: ${ratioTo(latestIdentity, nginxIdentity).toFixed(2)} × nginx — ${verdict(ratioTo(latestIdentity, nginxIdentity) >= 0.5)}`);
    }
    console.log(`- p99: gzip ${latest.p99.toFixed(2)} ms, identity ${latestIdentity.p99.toFixed(2)} ms — ${verdict(Math.max(latest.p99, latestIdentity.p99) < P99_TARGET_MS)}`);
    // Little's law: with every connection always waiting, mean latency = connections / throughput,
    // and p99 cannot be below the mean. The body-less 304 is the cheapest answer Next can give.
    const floorMs = (CONNECTIONS / notModified.requestsPerSecond) * 1000;
    console.log(
      `- why p99 cannot be met here: the 304 path (no body) runs at ${Math.round(notModified.requestsPerSecond)} req/s, so with ${CONNECTIONS} connections always waiting the *mean* latency is already ${floorMs.toFixed(1)} ms (${CONNECTIONS} / throughput); p99 ≥ mean. A ${P99_TARGET_MS} ms p99 needs well over ${Math.round((CONNECTIONS / P99_TARGET_MS) * 1000)} req/s.`,
    );
    console.log(`- zero errors: ${verdict(served.every(({ result }) => result.errors === 0 && result.non2xx === 0))}`);
    if (cached && precompressed) {
      const ratio = ratioTo(cached, precompressed);
      console.log(
        `\nDeployment in docs/deploy (next start behind nginx's cache), against nginx gzip_static: ${ratio.toFixed(2)} × nginx, p99 ${cached.p99.toFixed(2)} ms, ${cached.errors + cached.non2xx} errors — ${verdict(ratio >= 0.5 && cached.p99 < P99_TARGET_MS && cached.errors + cached.non2xx === 0)}`,
      );
    }
  } finally {
    for (const child of children) {
      try {
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      } catch {
        child.kill("SIGTERM");
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    await dropScratchDatabase(server, database).catch(() => {});
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
