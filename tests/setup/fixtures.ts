import { randomBytes } from "node:crypto";
import { createDb, type Db } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/users/service";

let shared: Db | undefined;

/** The per-run test database (see global-database.ts). */
export function testDb(): Db {
  shared ??= createDb(process.env.DATABASE_URL!, 4);
  return shared;
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(4).toString("hex")}@triage.test`;
}

export const TEST_PASSWORD = "correct horse battery staple";

export async function makeUser(roles: Role[], overrides: { email?: string; name?: string } = {}) {
  return createUser(testDb(), SYSTEM_ACTOR, {
    email: overrides.email ?? uniqueEmail(roles.join("-") || "nobody"),
    name: overrides.name ?? "Test User",
    password: TEST_PASSWORD,
    roles,
  });
}

/**
 * A database of its own for a test that needs global state (e.g. "the only
 * admin"), so it cannot disturb tests running in parallel. Drop it when done.
 */
export async function isolatedDb(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const { migrate } = await import("@/lib/db/migrate");
  const { createScratchDatabase, dropScratchDatabase, testServerUrl } = await import("@/lib/db/scratch");
  const name = `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_iso_${randomBytes(3).toString("hex")}`;
  const url = await createScratchDatabase(testServerUrl(), name);
  await migrate(url);
  const db = createDb(url, 2);
  return {
    db,
    async drop() {
      await db.$disconnect();
      await dropScratchDatabase(testServerUrl(), name);
    },
  };
}
