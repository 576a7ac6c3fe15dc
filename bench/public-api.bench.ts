/**
 * Public API load benchmark, one run, side by side (issue #13): nginx serving the same
 * document (gzip_static, gzip on the fly, identity with sendfile), plain node:http writing
 * the same ready Buffer, the product's fast path as `npm start` serves it (gzip, brotli,
 * identity, 304, evaluate), the same handler alone as a public edge (`npm run start:public`),
 * the same routes through Next's router (`next start`, the fallback route), and the fast
 * path behind the nginx cache of docs/deploy.
 *
 *   apt-get install -y wrk nginx      # once; without wrk it falls back to autocannon (costlier)
 *   npm run build && npm run bench:public    # BENCH_SECONDS=10 BENCH_ROUNDS=3 BENCH_CONNECTIONS=64
 *
 * Fairness on a small machine: with `taskset` present (and BENCH_PIN not 0) every server
 * runs on CPU 0 (nginx with one worker, as Node has one thread) and wrk on CPU 1, so the
 * load generator never takes CPU from the server it measures and nginx gets no more cores
 * than Node. Needs PostgreSQL (TEST_DATABASE_SERVER_URL, default the local server) for a
 * throw-away database, dropped at the end.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync, constants, gunzipSync, gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { seedBackPain } from "@/lib/content/seed-back-pain";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createScratchDatabase, dropScratchDatabase, testServerUrl } from "@/lib/db/scratch";
import { seedDemoAccounts } from "@/lib/users/demo-accounts";

const NEXT_PORT = 3190;
const NGINX_PORT = 3191;
const CACHE_PORT = 3192;
const FAST_PORT = 3193;
const PLAIN_PORT = 3194;
const EDGE_PORT = 3195;
const GET_P99_TARGET_MS = 20;
const EVALUATE_RPS_TARGET = 10_000;
const EVALUATE_P99_TARGET_MS = 50;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_S = Math.min(3, DURATION_S);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SLUG = "back-pain";

interface Result {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

interface LoadOptions {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
}

function which(command: string): string | null {
  try {
    return execFileSync("sh", ["-c", `command -v ${command}`]).toString().trim() || null;
  } catch {
    return null;
  }
}

const pin = which("taskset") !== null && process.env.BENCH_PIN !== "0";
/** A server's command line, on CPU 0 when pinning. */
const onServerCore = (command: string, args: string[]): [string, string[]] => (pin ? ["taskset", ["-c", "0", command, ...args]] : [command, args]);

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

/**
 * wrk with a Lua script for method, body and headers. No per-response Lua callback (it would
 * make wrk copy every body into Lua and become the bottleneck); each target's status and
 * coding are checked once before its run instead, and wrk counts every status ≥ 400 as an error.
 */
function runWrk(name: string, url: string, options: LoadOptions, seconds = DURATION_S): Result {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-wrk-"));
  const script = path.join(dir, "request.lua");
  writeFileSync(
    script,
    [
      `wrk.method = ${JSON.stringify(options.method ?? "GET")}`,
      options.body ? `wrk.body = ${JSON.stringify(options.body)}` : "",
      ...Object.entries(options.headers ?? {}).map(([key, value]) => `wrk.headers[${JSON.stringify(key)}] = ${JSON.stringify(value)}`),
      "function done(summary, latency, requests)",
      "  io.write(string.format('RESULT %f %f %f %d\\n', summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status))",
      "end",
    ].join("\n"),
  );
  const wrkArgs = ["-t", pin ? "1" : "2", "-c", String(CONNECTIONS), "-d", `${seconds}s`, "--latency", "-s", script, url];
  const output = (pin ? execFileSync("taskset", ["-c", "1", "wrk", ...wrkArgs]) : execFileSync("wrk", wrkArgs)).toString();
  rmSync(dir, { recursive: true, force: true });
  const match = /RESULT ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(output);
  if (!match) throw new Error(`could not read wrk output:\n${output}`);
  return { name, requestsPerSecond: Number(match[1]), p50: Number(match[2]), p99: Number(match[3]), errors: Number(match[4]) };
}

async function runAutocannon(name: string, url: string, options: LoadOptions, seconds = DURATION_S): Promise<Result> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, method: (options.method ?? "GET") as "GET", body: options.body, headers: options.headers });
  return { name, requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result["4xx"] + result["5xx"] };
}

/** One request before the load: the status and coding the run will measure, and the decoded body equal to the document. */
async function check(url: string, options: LoadOptions, expected: { status: number; coding?: string; document?: Buffer }) {
  // node:http, not fetch: fetch would decode the body and hide which coding was sent.
  const { status, coding, raw } = await new Promise<{ status: number; coding?: string; raw: Buffer }>((resolve, reject) => {
    const outgoing = http.request(url, { method: options.method ?? "GET", headers: options.headers, agent: false }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, coding: incoming.headers["content-encoding"], raw: Buffer.concat(chunks) }));
    });
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
  if (status !== expected.status || coding !== expected.coding) {
    throw new Error(`${url} answered ${status} ${coding ?? "identity"}, expected ${expected.status} ${expected.coding ?? "identity"}`);
  }
  if (expected.document) {
    const decoded = coding === "gzip" ? gunzipSync(raw) : coding === "br" ? brotliDecompressSync(raw) : raw;
    if (!decoded.equals(expected.document)) throw new Error(`${url} (${coding ?? "identity"}) did not decode to the document`);
  }
}

function loadAverage(): string {
  return os.loadavg().map((value) => value.toFixed(2)).join(", ");
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("Build first: npm run build");
  const nginx = which("nginx");
  const useWrk = which("wrk") !== null;
  const server = testServerUrl();
  const database = `triage_bench_${randomBytes(3).toString("hex")}`;
  const work = mkdtempSync(path.join(os.tmpdir(), "bench-public-"));
  const children: ChildProcess[] = [];
  const loadBefore = loadAverage();
  const url = new URL(await createScratchDatabase(server, database));
  try {
    await migrate(url.toString());
    const db = createDb(url.toString(), 1);
    await seedDemoAccounts(db);
    await seedBackPain(db);
    await db.$disconnect();

    const appEnv = {
      ...process.env,
      DATABASE_URL: url.toString(),
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      EVALUATE_RATE_LIMIT_PER_MINUTE: "1000000",
      NEXT_TELEMETRY_DISABLED: "1",
    };
    // The product as the README starts it: `npm start`'s own command line (fast path in front of Next).
    const [startCommand, ...startArgs] = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start.split(" ");
    const [fastCommand, fastArgs] = onServerCore(startCommand, startArgs);
    children.push(spawn(fastCommand, fastArgs, { detached: true, stdio: ["ignore", "ignore", "inherit"], env: { ...appEnv, PORT: String(FAST_PORT), NEXTAUTH_URL: `http://localhost:${FAST_PORT}` } }));
    // The same routes through Next's router, for comparison (its own process group: Next may fork).
    const [nextCommand, nextArgs] = onServerCore("npx", ["--no-install", "next", "start", "-p", String(NEXT_PORT)]);
    children.push(spawn(nextCommand, nextArgs, { detached: true, stdio: ["ignore", "ignore", "inherit"], env: { ...appEnv, NODE_ENV: "production", NEXTAUTH_URL: `http://localhost:${NEXT_PORT}` } }));
    // The stateless public edge: the same handler alone, `npm run start:public`'s own command line.
    const [edgeCommand, ...edgeArgs] = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts["start:public"].split(" ");
    const [edgeRun, edgeRunArgs] = onServerCore(edgeCommand, edgeArgs);
    children.push(spawn(edgeRun, edgeRunArgs, { detached: true, stdio: ["ignore", "ignore", "inherit"], env: { ...appEnv, PORT: String(EDGE_PORT) } }));
    const edge = `http://127.0.0.1:${EDGE_PORT}/api/public/rulesets/${SLUG}`;
    const fast = `http://127.0.0.1:${FAST_PORT}/api/public/rulesets/${SLUG}`;
    const routed = `http://127.0.0.1:${NEXT_PORT}/api/public/rulesets/${SLUG}`;
    await waitFor(fast);
    await waitFor(routed);
    await waitFor(edge);
    const bytes = Buffer.from(await (await fetch(fast, { headers: { "accept-encoding": "identity" } })).arrayBuffer());
    const gzipEtag = (await fetch(fast, { headers: { "accept-encoding": "gzip" } })).headers.get("etag")!;

    // The same document for nginx and for plain node:http; gzip at the level the app uses.
    writeFileSync(path.join(work, "document.json"), bytes);
    mkdirSync(path.join(work, "precompressed"));
    writeFileSync(path.join(work, "precompressed", "document.json"), bytes);
    writeFileSync(path.join(work, "precompressed", "document.json.gz"), gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }));
    const [plainCommand, plainArgs] = onServerCore(process.execPath, [
      "bench/fixtures/plain-http-server.mjs",
      String(PLAIN_PORT),
      path.join(work, "document.json"),
      path.join(work, "precompressed", "document.json.gz"),
    ]);
    children.push(spawn(plainCommand, plainArgs, { detached: true, stdio: "ignore" }));
    const plain = `http://127.0.0.1:${PLAIN_PORT}/`;
    await waitFor(plain);

    let nginxBase: string | null = null;
    let cachedUrl: string | null = null;
    if (nginx) {
      const deployment = readFileSync("docs/deploy/nginx-public-api-cache.conf", "utf8")
        .replaceAll("__APP__", `127.0.0.1:${FAST_PORT}`)
        .replaceAll("__LISTEN__", `127.0.0.1:${CACHE_PORT}`)
        .replaceAll("__CACHE_DIR__", path.join(work, "cache"));
      const conf = path.join(work, "nginx.conf");
      // /fly/: Debian's stock gzip on the fly (level 1); /static/: gzip_static; /: identity with sendfile.
      writeFileSync(
        conf,
        `worker_processes ${pin ? 1 : "auto"}; pid ${work}/nginx.pid; error_log ${work}/error.log; daemon off;
events { worker_connections 1024; }
http { access_log off; types { application/json json; } default_type application/json;
  etag on; sendfile on; tcp_nopush on; keepalive_requests 1000000;
  client_body_temp_path ${work}; proxy_temp_path ${work}; fastcgi_temp_path ${work}; uwsgi_temp_path ${work}; scgi_temp_path ${work};
  server { listen 127.0.0.1:${NGINX_PORT}; root ${work};
    location = /fly/document.json { alias ${work}/document.json; gzip on; gzip_types application/json; add_header Cache-Control "public, max-age=30"; }
    location /precompressed/ { gzip_static on; add_header Cache-Control "public, max-age=30"; }
    location / { gzip off; add_header Cache-Control "public, max-age=30"; } }
${deployment}
}`,
      );
      const [command, args] = onServerCore(nginx, ["-c", conf, "-p", work]);
      children.push(spawn(command, args, { stdio: "ignore", detached: true }));
      nginxBase = `http://127.0.0.1:${NGINX_PORT}`;
      cachedUrl = `http://127.0.0.1:${CACHE_PORT}/api/public/rulesets/${SLUG}`;
      await waitFor(`${nginxBase}/document.json`);
    }

    const run = (name: string, target: string, options: LoadOptions = {}, seconds = DURATION_S) =>
      useWrk ? Promise.resolve(runWrk(name, target, options, seconds)) : runAutocannon(name, target, options, seconds);
    const gzip = { "accept-encoding": "gzip" };
    const br = { "accept-encoding": "br" };
    const evaluateBody = JSON.stringify({ answers: { pain_present: true, saddle_numbness: false, bowel_bladder_change: false, symptom_duration_hours: 30 } });
    const evaluate = { method: "POST", body: evaluateBody, headers: { "content-type": "application/json" } };

    // Every row is measured ROUNDS times, the rows interleaved round by round, and reported by its median
    // round: on a machine shared with other work, load that comes and goes then hits baselines and
    // candidates alike instead of whichever row happened to run at that moment.
    const plan: { name: string; target: string; options: LoadOptions; expected: Parameters<typeof check>[2] }[] = [];
    const row = (name: string, target: string, options: LoadOptions, expected: Parameters<typeof check>[2]) => (plan.push({ name, target, options, expected }), name);
    const document = { status: 200, document: bytes };
    const gzipDocument = { status: 200, coding: "gzip", document: bytes };
    const nginxStaticRow = nginxBase ? row("nginx gzip_static (baseline, gzip)", `${nginxBase}/precompressed/document.json`, { headers: gzip }, gzipDocument) : null;
    const nginxFlyRow = nginxBase ? row("nginx gzip on the fly (level 1)", `${nginxBase}/fly/document.json`, { headers: gzip }, gzipDocument) : null;
    const nginxSendfileRow = nginxBase ? row("nginx identity, sendfile (baseline, identity)", `${nginxBase}/document.json`, {}, document) : null;
    const plainGzipRow = row("plain node:http, same gzip Buffer", plain, { headers: gzip }, gzipDocument);
    const plainIdentityRow = row("plain node:http, same identity Buffer", plain, {}, document);
    const fastGzipRow = row("fast path (npm start), gzip", fast, { headers: gzip }, gzipDocument);
    const fastBrotliRow = row("fast path (npm start), brotli", fast, { headers: br }, { status: 200, coding: "br", document: bytes });
    const fastIdentityRow = row("fast path (npm start), identity", fast, {}, document);
    const fastNotModifiedRow = row("fast path (npm start), If-None-Match → 304", fast, { headers: { ...gzip, "if-none-match": gzipEtag } }, { status: 304 });
    const fastEvaluateRow = row("fast path (npm start), POST evaluate", `${fast}/evaluate`, evaluate, { status: 200 });
    const edgeGzipRow = row("public edge (start:public), gzip", edge, { headers: gzip }, gzipDocument);
    const edgeIdentityRow = row("public edge (start:public), identity", edge, {}, document);
    const routedGzipRow = row("through Next's router (next start), gzip", routed, { headers: gzip }, gzipDocument);
    const routedIdentityRow = row("through Next's router (next start), identity", routed, {}, document);
    const routedEvaluateRow = row("through Next's router (next start), POST evaluate", `${routed}/evaluate`, evaluate, { status: 200 });
    const cachedRow = cachedUrl ? row("fast path behind nginx cache (docs/deploy), gzip", cachedUrl, { headers: gzip }, gzipDocument) : null;

    for (const entry of plan) {
      await check(entry.target, entry.options, entry.expected);
      await run("warm-up", entry.target, entry.options, WARM_UP_S); // JIT, catalog, compressed forms, keep-alive pools
    }
    const samples = new Map<string, Result[]>(plan.map((entry) => [entry.name, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const entry of plan) samples.get(entry.name)!.push(await run(entry.name, entry.target, entry.options));
    }
    /** The median round by throughput; errors summed over all rounds. */
    const measured = (name: string): Result => {
      const rounds = [...samples.get(name)!].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
      const median = rounds[Math.floor(rounds.length / 2)];
      return { ...median, errors: rounds.reduce((sum, result) => sum + result.errors, 0) };
    };
    const maybe = (name: string | null) => (name ? measured(name) : null);
    const nginxStatic = maybe(nginxStaticRow);
    const nginxFly = maybe(nginxFlyRow);
    const nginxSendfile = maybe(nginxSendfileRow);
    const plainGzip = measured(plainGzipRow);
    const plainIdentity = measured(plainIdentityRow);
    const fastGzip = measured(fastGzipRow);
    const fastBrotli = measured(fastBrotliRow);
    const fastIdentity = measured(fastIdentityRow);
    const fastNotModified = measured(fastNotModifiedRow);
    const fastEvaluate = measured(fastEvaluateRow);
    const edgeGzip = measured(edgeGzipRow);
    const edgeIdentity = measured(edgeIdentityRow);
    const routedGzip = measured(routedGzipRow);
    const routedIdentity = measured(routedIdentityRow);
    const routedEvaluate = measured(routedEvaluateRow);
    const cached = maybe(cachedRow);

    const rows: { result: Result; baseline: Result | null }[] = [];
    if (nginxStatic) rows.push({ result: nginxStatic, baseline: nginxStatic });
    if (nginxFly) rows.push({ result: nginxFly, baseline: nginxStatic });
    if (nginxSendfile) rows.push({ result: nginxSendfile, baseline: nginxSendfile });
    rows.push({ result: plainGzip, baseline: nginxStatic }, { result: plainIdentity, baseline: nginxSendfile });
    rows.push({ result: fastGzip, baseline: nginxStatic }, { result: fastBrotli, baseline: nginxStatic }, { result: fastIdentity, baseline: nginxSendfile });
    rows.push({ result: fastNotModified, baseline: null }, { result: fastEvaluate, baseline: null });
    rows.push({ result: edgeGzip, baseline: nginxStatic }, { result: edgeIdentity, baseline: nginxSendfile });
    rows.push({ result: routedGzip, baseline: nginxStatic }, { result: routedIdentity, baseline: nginxSendfile }, { result: routedEvaluate, baseline: null });
    if (cached) rows.push({ result: cached, baseline: nginxStatic });

    const generator = useWrk ? (pin ? "wrk -t1 on CPU 1, every server on CPU 0 (taskset)" : "wrk -t2, unpinned") : "autocannon (wrk not installed), unpinned";
    console.log(`\nPublic API benchmark — ${generator}; ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${DURATION_S} s per row (median round shown, errors summed) after a ${WARM_UP_S} s warm-up; ${os.cpus().length} cores; document ${bytes.length} bytes`);
    console.log(`Load average before: ${loadBefore}; after: ${loadAverage()} (other work on the machine shows here)\n`);
    console.log("| endpoint | requests/s | p50 ms | p99 ms | errors | vs baseline |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (const { result, baseline } of rows) {
      const ratio = baseline ? `${(result.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)} ×` : "—";
      console.log(`| ${result.name} | ${Math.round(result.requestsPerSecond)} | ${result.p50.toFixed(2)} | ${result.p99.toFixed(2)} | ${result.errors} | ${ratio} |`);
    }
    if (!nginxBase) console.log("\nnginx is not installed (apt-get install -y nginx): no baseline, so the ratio targets cannot be judged.");

    const verdict = (met: boolean) => (met ? "met" : "NOT met");
    const ratio = (result: Result, baseline: Result | null) => (baseline ? result.requestsPerSecond / baseline.requestsPerSecond : NaN);
    console.log(`\nTargets (fast path, ${CONNECTIONS} connections):`);
    console.log(`- gzip ≥ 0.5 × nginx gzip_static: ${ratio(fastGzip, nginxStatic).toFixed(2)} × — ${verdict(ratio(fastGzip, nginxStatic) >= 0.5)}`);
    console.log(`- identity ≥ 0.5 × nginx sendfile: ${ratio(fastIdentity, nginxSendfile).toFixed(2)} × — ${verdict(ratio(fastIdentity, nginxSendfile) >= 0.5)}`);
    const gets = [fastGzip, fastBrotli, fastIdentity, fastNotModified];
    console.log(
      `- p99 < ${GET_P99_TARGET_MS} ms for GET and 304: ${gets.map((result) => `${result.p99.toFixed(2)}`).join(" / ")} ms (gzip / brotli / identity / 304) — ${verdict(gets.every((result) => result.p99 < GET_P99_TARGET_MS))}`,
    );
    console.log(
      `- evaluate ≥ ${EVALUATE_RPS_TARGET} req/s with p99 < ${EVALUATE_P99_TARGET_MS} ms: ${Math.round(fastEvaluate.requestsPerSecond)} req/s, p99 ${fastEvaluate.p99.toFixed(2)} ms — ${verdict(fastEvaluate.requestsPerSecond >= EVALUATE_RPS_TARGET && fastEvaluate.p99 < EVALUATE_P99_TARGET_MS)}`,
    );
    const fastRows = [...gets, fastEvaluate];
    console.log(`- zero errors on the fast path: ${fastRows.reduce((sum, result) => sum + result.errors, 0)} — ${verdict(fastRows.every((result) => result.errors === 0))}`);
    console.log(`\nFor comparison: the fast path serves gzip at ${ratio(fastGzip, routedGzip).toFixed(1)} × and evaluate at ${ratio(fastEvaluate, routedEvaluate).toFixed(1)} × the rate of the same handler behind Next's router.`);
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
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
