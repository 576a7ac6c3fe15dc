/**
 * Rule sets in a given publication state, built through the product's own
 * services (submit, approve and publish each run the real publication gate),
 * and what the database then says about them: the publication events in the
 * order they took effect, the publication audit rows, the current version and
 * the withdrawal.
 */
import { apiUser } from "./api";
import { testDb } from "./fixtures";
import type { Identity } from "@/lib/auth/identity";
import { approveVersion, submitVersion } from "@/lib/reviews/lifecycle";
import { publishVersion, rollback, withdraw } from "@/lib/reviews/publishing";
import { createRuleSet, saveDraft, startDraft } from "@/lib/rulesets/drafts";
import { smallRuleSet, smallRuleSetCases, uniqueSlug } from "./rule-set-fixture";

export type Caller = Awaited<ReturnType<typeof apiUser>>;

export function identityOf(caller: Caller): Identity {
  return { userId: caller.user.id, email: caller.user.email, name: caller.user.name, roles: caller.user.roles, via: "token" };
}

export interface Team {
  author: Caller;
  reviewer: Caller;
}

export async function makeTeam(): Promise<Team> {
  const [author, reviewer] = await Promise.all([apiUser(["author"]), apiUser(["reviewer"])]);
  return { author, reviewer };
}

export interface StateSpec {
  /** Versions 1..published are published, in order. */
  published: number;
  /** How many further versions are approved (all compared with the version current when approved), not published. */
  approved?: number;
  /** Then roll back to this version. */
  rollbackTo?: number;
  /** Then withdraw with this reason. */
  withdrawn?: string;
  label?: string;
}

/** A fresh rule set in that state; returns its slug. */
export async function ruleSetIn(team: Team, spec: StateSpec): Promise<string> {
  const db = testDb();
  const author = identityOf(team.author);
  const reviewer = identityOf(team.reviewer);
  const editor = { id: author.userId, label: author.email, via: "token" as const };
  const slug = uniqueSlug(spec.label ?? "pub");
  await createRuleSet(db, editor, { slug, title: "Small", document: smallRuleSet(slug) });
  await saveDraft(db, editor, slug, { baseRevision: 1, testCases: smallRuleSetCases });
  const approved = spec.approved ?? 0;
  const total = spec.published + approved;
  for (let number = 1; number <= total; number++) {
    if (number > 1) await startDraft(db, editor, slug);
    await submitVersion(db, author, slug, number);
    if (number <= spec.published) {
      await approveVersion(db, reviewer, slug, number);
      await publishVersion(db, reviewer, slug, number);
    }
  }
  // Approved after submitting them all, so each is compared with the same published version.
  for (let number = spec.published + 1; number <= total; number++) await approveVersion(db, reviewer, slug, number);
  if (spec.rollbackTo !== undefined) await rollback(db, reviewer, slug, { toVersion: spec.rollbackTo, reason: "set-up rollback" });
  if (spec.withdrawn !== undefined) await withdraw(db, reviewer, slug, { reason: spec.withdrawn });
  return slug;
}

export interface RecordedEvent {
  seq: bigint;
  kind: "published" | "rolled_back" | "withdrawn" | "withdrawal_lifted";
  version: number | null;
  reason: string;
}

export interface PublicationAudit {
  id: bigint;
  action: string;
  details: Record<string, unknown>;
}

export const PUBLICATION_ACTIONS: Record<RecordedEvent["kind"], string> = {
  published: "version.published",
  rolled_back: "version.rolled_back",
  withdrawn: "ruleset.withdrawn",
  withdrawal_lifted: "ruleset.withdrawal_lifted",
};

/** What the database says about a rule set's publication, read after the fact. */
export async function publicationRecord(slug: string) {
  const db = testDb();
  const ruleSet = await db.ruleSet.findUniqueOrThrow({
    where: { slug },
    include: {
      currentVersion: { select: { number: true } },
      versions: { select: { number: true, state: true } },
      publicationEvents: { orderBy: { seq: "asc" }, include: { version: { select: { number: true } } } },
    },
  });
  const audit = await db.auditEvent.findMany({
    where: { targetType: "ruleset", targetId: slug, action: { in: Object.values(PUBLICATION_ACTIONS) } },
    orderBy: { id: "asc" },
  });
  return {
    current: ruleSet.currentVersion?.number ?? null,
    withdrawn: ruleSet.withdrawnAt !== null,
    withdrawnAt: ruleSet.withdrawnAt,
    withdrawnReason: ruleSet.withdrawnReason,
    states: new Map(ruleSet.versions.map((version) => [version.number, version.state])),
    events: ruleSet.publicationEvents.map(
      (event): RecordedEvent => ({ seq: event.seq, kind: event.kind, version: event.version?.number ?? null, reason: event.reason }),
    ),
    audit: audit.map((row): PublicationAudit => ({ id: row.id, action: row.action, details: row.details as Record<string, unknown> })),
  };
}

export type PublicationRecord = Awaited<ReturnType<typeof publicationRecord>>;

/**
 * Replays the events from nothing and lists every way they disagree with each
 * other, with the audit rows, or with the final state: an empty list means the
 * history is one that could have happened, in that order, with each event
 * naming the version it affected.
 */
export function inconsistencies(record: PublicationRecord): string[] {
  const problems: string[] = [];
  let current: number | null = null;
  let withdrawn = false;
  let reason: string | null = null;
  const before: { current: number | null }[] = [];
  record.events.forEach((event, index) => {
    const at = `event ${index + 1} (${event.kind} v${event.version})`;
    before.push({ current });
    switch (event.kind) {
      case "published":
        if (withdrawn) problems.push(`${at}: published while withdrawn (the withdrawal was cleared without being lifted)`);
        current = event.version;
        break;
      case "rolled_back":
        if (withdrawn) problems.push(`${at}: rolled back while withdrawn (the withdrawal was cleared without being lifted)`);
        if (event.version === current) problems.push(`${at}: rolled back to the version already current`);
        current = event.version;
        break;
      case "withdrawn":
        if (withdrawn) problems.push(`${at}: withdrawn while already withdrawn`);
        if (event.version !== current) problems.push(`${at}: names v${event.version} but v${current} was the version client apps got`);
        withdrawn = true;
        reason = event.reason;
        break;
      case "withdrawal_lifted":
        if (!withdrawn) problems.push(`${at}: lifted a withdrawal that was not in force`);
        if (event.version !== current) problems.push(`${at}: names v${event.version} but v${current} was the withdrawn version`);
        withdrawn = false;
        reason = null;
        break;
    }
    if (event.version !== null && record.states.get(event.version) !== "published") problems.push(`${at}: v${event.version} is ${record.states.get(event.version)}`);
  });
  if (current !== record.current) problems.push(`final: the events end at v${current}, the rule set says v${record.current}`);
  if (withdrawn !== record.withdrawn) problems.push(`final: the events end ${withdrawn ? "withdrawn" : "available"}, the rule set is ${record.withdrawn ? "withdrawn" : "available"}`);
  if (withdrawn && reason !== record.withdrawnReason) problems.push(`final: the last withdrawal said “${reason}”, the rule set says “${record.withdrawnReason}”`);

  // One audit row per event, in the same order, saying the same thing about what it replaced.
  const actions = record.audit.map((row) => row.action);
  const expected = record.events.map((event) => PUBLICATION_ACTIONS[event.kind]);
  if (actions.join() !== expected.join()) {
    problems.push(`audit: [${actions.join(", ")}] for events [${expected.join(", ")}]`);
    return problems;
  }
  record.events.forEach((event, index) => {
    const details = record.audit[index].details;
    const previous = before[index].current;
    const at = `audit row ${index + 1} (${record.audit[index].action})`;
    const expectEqual = (field: string, value: unknown) => {
      if (details[field] !== value) problems.push(`${at}: ${field} is ${JSON.stringify(details[field])}, the events say ${JSON.stringify(value)}`);
    };
    if (event.kind === "published") {
      expectEqual("version", event.version);
      expectEqual("previousVersion", previous);
      // The gate's exact impact compared with what this publication actually replaced.
      expectEqual("comparedWithVersion", previous);
    } else if (event.kind === "rolled_back") {
      expectEqual("to", event.version);
      expectEqual("from", previous);
      expectEqual("reason", event.reason);
    } else if (event.kind === "withdrawn") {
      expectEqual("version", event.version);
      expectEqual("reason", event.reason);
    } else {
      expectEqual("withdrawnVersion", event.version);
      expectEqual("reason", event.reason);
    }
  });
  return problems;
}
