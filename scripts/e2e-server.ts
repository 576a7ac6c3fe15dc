// Serves the app for Playwright exactly as the README starts it: a fresh PostgreSQL
// database of its own (migrated and seeded with the demo accounts), then `npm start`'s
// own script (scripts/start.ts: the public API's fast path in front of Next, one process),
// and the database dropped again when Playwright stops the server.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createDb } from "@/lib/db/client";
import { createScratchDatabase, dropScratchDatabase, testServerUrl } from "@/lib/db/scratch";
import { migrate } from "@/lib/db/migrate";
import { seedBackPain } from "@/lib/content/seed-back-pain";
import { seedDemoAccounts } from "@/lib/users/demo-accounts";

const port = process.env.E2E_PORT || "3100";

async function main() {
  const server = testServerUrl();
  const name = `triage_e2e_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const databaseUrl = await createScratchDatabase(server, name);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await dropScratchDatabase(server, name).catch((error) => console.error(error));
  };

  await migrate(databaseUrl);
  const db = createDb(databaseUrl, 1);
  await seedDemoAccounts(db);
  await seedBackPain(db);
  await db.$disconnect();

  // `npm start`'s own command line, run without npm in between so that signals reach it.
  const [command, ...args] = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start.split(" ");
  const child = spawn(command, args, {
    stdio: "inherit",
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: port,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: "5",
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: `http://localhost:${port}`,
    },
  });
  const stop = async () => {
    child.kill("SIGTERM");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", async (code) => {
    await drop();
    process.exit(code ?? 0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
