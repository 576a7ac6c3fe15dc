import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "./service";

/** Printed in the README. Created only in the embedded demo database or by `npm run db:seed`. */
export const DEMO_PASSWORD = "triage-demo-2026";

export const DEMO_ACCOUNTS: { email: string; name: string; roles: Role[] }[] = [
  { email: "author@triage.test", name: "Ada Author", roles: ["author"] },
  { email: "author2@triage.test", name: "Ben Author", roles: ["author"] },
  { email: "reviewer@triage.test", name: "Rita Reviewer", roles: ["reviewer"] },
  { email: "reviewer2@triage.test", name: "Sam Reviewer", roles: ["reviewer"] },
  { email: "admin@triage.test", name: "Alex Admin", roles: ["admin"] },
];

/** Creates the demo accounts that do not exist yet; returns the e-mails it created. */
export async function seedDemoAccounts(db: PrismaClient): Promise<string[]> {
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const exists = await db.user.findUnique({ where: { email: account.email } });
    if (exists) continue;
    await createUser(db, SYSTEM_ACTOR, { ...account, password: DEMO_PASSWORD });
    created.push(account.email);
  }
  return created;
}
