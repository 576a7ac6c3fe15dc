// `npm start`: the one command that brings Triage Studio up.
//  - DATABASE_URL unset: runs an embedded PostgreSQL (PGlite) persisted under .data/, migrates and seeds it.
//  - DATABASE_URL set: migrates that database; never seeds it (use `npm run db:seed` explicitly).
// Then builds the app if the sources changed since the last build, and serves it in this same process
// (scripts/app-server.ts: the public API's fast path in front of Next), or runs `next dev` with --dev.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { EnvError, parseServerEnv } from "@/lib/config/env";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { seedBackPain } from "@/lib/content/seed-back-pain";
import { DEMO_PASSWORD, seedDemoAccounts } from "@/lib/users/demo-accounts";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const dataDir = path.resolve(process.env.TRIAGE_DATA_DIR || path.join(root, ".data"));
const port = process.env.PORT || "3000";

function log(message: string) {
  console.log(`[triage-studio] ${message}`);
}

/** A secret for the embedded demo database, kept across restarts so sessions survive them. */
function demoSecret(): string {
  const file = path.join(dataDir, "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function buildIsCurrent(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const inputs = ["app", "pages", "components", "lib", "public", "next.config.js", "postcss.config.mjs", "package-lock.json", "tsconfig.json", "proxy.ts", "instrumentation.ts"];
  const newestInput = Math.max(...inputs.map((input) => newestMtime(path.join(root, input))));
  return statSync(buildId).mtimeMs >= newestInput;
}

async function main() {
  const env: Record<string, string | undefined> = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: port };
  env.NODE_ENV = dev ? "development" : "production";
  // The edge's relaxation (no session secret) never applies to the dashboard.
  delete env.TRIAGE_PUBLIC_EDGE;
  let embedded: EmbeddedPostgres | undefined;

  if (!env.DATABASE_URL) {
    log(`no DATABASE_URL: starting the embedded PostgreSQL in ${path.relative(root, dataDir) || dataDir}/pglite`);
    embedded = await startEmbeddedPostgres(path.join(dataDir, "pglite"));
    env.DATABASE_URL = embedded.url;
    env.TRIAGE_EMBEDDED_DATABASE = "true";
    env.DATABASE_POOL_MAX = "1";
  }
  if (!env.NEXTAUTH_SECRET && (embedded || dev)) env.NEXTAUTH_SECRET = demoSecret();
  env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  try {
    parseServerEnv(env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`[triage-studio] cannot start. ${error.message}`);
      await embedded?.stop();
      process.exit(1);
    }
    throw error;
  }

  const result = await migrate(env.DATABASE_URL, { log });
  log(`database ready (${result.applied.length} migrations applied now, ${result.alreadyApplied} before)`);

  if (embedded) {
    const db = createDb(env.DATABASE_URL, 1);
    try {
      const created = await seedDemoAccounts(db);
      if (created.length) log(`demo accounts created (password "${DEMO_PASSWORD}"): ${created.join(", ")}`);
      if (await seedBackPain(db)) log("published the back-pain rule set as version 1 (author → reviewer, with its test cases)");
    } finally {
      await db.$disconnect();
    }
  }

  if (!dev && !buildIsCurrent()) {
    log("building the app (first start, or the sources changed)…");
    const build = spawnSync("npx", ["--no-install", "next", "build"], { stdio: "inherit", env: env as NodeJS.ProcessEnv });
    if (build.status !== 0) {
      await embedded?.stop();
      process.exit(build.status ?? 1);
    }
  }

  log(`starting on http://localhost:${port}`);
  if (dev) {
    // Next's own dev server (hot reload); the public API is served by its fallback route, the same handler.
    const child = spawn("npx", ["--no-install", "next", "dev", "-p", port], { stdio: "inherit", env: env as NodeJS.ProcessEnv });
    const shutdown = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", shutdown);
    process.on("SIGTERM", shutdown);
    child.on("exit", async (code) => {
      await embedded?.stop();
      process.exit(code ?? 0);
    });
    return;
  }

  // One process: Next and the public API's fast path read the environment from here.
  Object.assign(process.env, env);
  const { startAppServer } = await import("./app-server");
  const app = await startAppServer({ dir: root, port: Number(port) });
  log(`ready: the dashboard through Next, /api/public/* through the fast path`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    // Requests in flight get a few seconds; then the process goes anyway.
    setTimeout(() => process.exit(0), 5_000).unref();
    await app.close().catch((error: unknown) => console.error(error));
    await embedded?.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error) => {
  console.error(`[triage-studio] ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  process.exit(1);
});
