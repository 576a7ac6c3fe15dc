import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from "@/lib/users/demo-accounts";
import { startEmbeddedPostgres } from "../../scripts/embedded-postgres";

// What `npm start` does without DATABASE_URL, minus `next start`: the same wire
// protocol path, migrations and seed, and the data surviving a restart.
describe("embedded PostgreSQL (PGlite)", () => {
  it("migrates, seeds the demo accounts once, lets the seeded author sign in, and persists across restarts", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "triage-pglite-"));
    try {
      let embedded = await startEmbeddedPostgres(path.join(dir, "pglite"));
      expect((await migrate(embedded.url)).applied.length).toBeGreaterThan(0);
      let db = createDb(embedded.url, 1);
      expect(await seedDemoAccounts(db)).toEqual(DEMO_ACCOUNTS.map((account) => account.email));
      const signIn = await signInWithPassword(db, { email: "author@triage.test", password: DEMO_PASSWORD });
      expect(signIn.ok).toBe(true);
      await db.$disconnect();
      await embedded.stop();

      embedded = await startEmbeddedPostgres(path.join(dir, "pglite"));
      expect((await migrate(embedded.url)).applied).toEqual([]);
      db = createDb(embedded.url, 1);
      expect(await seedDemoAccounts(db)).toEqual([]);
      expect(await db.auditEvent.count({ where: { action: "auth.signed_in" } })).toBe(1);
      await db.$disconnect();
      await embedded.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
