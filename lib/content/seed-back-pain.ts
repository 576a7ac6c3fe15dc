import { readFile } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Identity } from "@/lib/auth/identity";
import type { Role } from "@/lib/auth/roles";
import { approveVersion, submitVersion } from "@/lib/reviews/lifecycle";
import { publishVersion } from "@/lib/reviews/publishing";
import { createRuleSet, saveDraft } from "@/lib/rulesets/drafts";

export const BACK_PAIN_DIR = path.join(process.cwd(), "content", "back-pain");

async function identityOf(db: PrismaClient, email: string): Promise<Identity> {
  const user = await db.user.findUnique({ where: { email } });
  if (!user) throw new Error(`The demo account ${email} is missing; seed the demo accounts first.`);
  return { userId: user.id, email: user.email, name: user.name, roles: user.roles as Role[], via: "session" };
}

/**
 * Publishes the back-pain rule set as version 1 of the demo database the way a
 * team would: the seeded author creates it with its test cases and submits it,
 * the seeded reviewer approves and publishes it — all through the product's own
 * services, so the audit trail is real. Does nothing if it already exists.
 */
export async function seedBackPain(db: PrismaClient, accounts = { author: "author@triage.test", reviewer: "reviewer@triage.test" }): Promise<boolean> {
  if (await db.ruleSet.findUnique({ where: { slug: "back-pain" } })) return false;
  const [document, testCases] = await Promise.all([
    readFile(path.join(BACK_PAIN_DIR, "back-pain.ruleset.json"), "utf8").then(JSON.parse),
    readFile(path.join(BACK_PAIN_DIR, "back-pain.test-cases.json"), "utf8").then(JSON.parse),
  ]);
  const author = await identityOf(db, accounts.author);
  const reviewer = await identityOf(db, accounts.reviewer);
  const editor = { id: author.userId, label: author.email, via: "system" as const };
  await createRuleSet(db, editor, {
    slug: "back-pain",
    title: document.metadata.title,
    description: document.metadata.description ?? "",
    document,
  });
  await saveDraft(db, editor, "back-pain", { baseRevision: 1, testCases, source: "import" });
  await submitVersion(db, author, "back-pain", 1);
  await approveVersion(db, reviewer, "back-pain", 1, { comment: "Checked against the five source articles (docs/content-review-back-pain.md)." });
  await publishVersion(db, reviewer, "back-pain", 1);
  return true;
}
