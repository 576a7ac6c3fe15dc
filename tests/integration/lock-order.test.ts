/**
 * One lock order everywhere: the rule set's row first, then a version's row
 * (lib/rulesets/lock.ts), so two transactions on the same rule set wait for
 * each other instead of deadlocking. Shown deterministically for every
 * service that writes a rule set or its versions: while another connection
 * holds the rule set's row lock, the service waits — on that lock, holding no
 * version row yet (another connection can still lock every version row with
 * NOWAIT) — and finishes once the lock is released.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "@/lib/auth/identity";
import { waiveCoverage } from "@/lib/reviews/coverage-waiver";
import { approveVersion, requestChanges, submitVersion } from "@/lib/reviews/lifecycle";
import { publishVersion, rollback, withdraw } from "@/lib/reviews/publishing";
import { discardDraft, saveDraft, startDraft } from "@/lib/rulesets/drafts";
import { apiUser } from "../setup/api";
import { testDb } from "../setup/fixtures";
import { identityOf, makeTeam, ruleSetIn, type StateSpec, type Team } from "../setup/publication-states";
import { smallRuleSet } from "../setup/rule-set-fixture";

type Work = (slug: string) => Promise<unknown>;

describe("every writing transaction takes the rule set's lock before any version's", () => {
  let team: Team;
  let author: Identity;
  let reviewer: Identity;
  let admin: Identity;
  let editor: { id: string; label: string; via: "token" };
  const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const prober = new pg.Client({ connectionString: process.env.DATABASE_URL });

  beforeAll(async () => {
    team = await makeTeam();
    author = identityOf(team.author);
    reviewer = identityOf(await apiUser(["reviewer"]));
    admin = identityOf(await apiUser(["admin"]));
    editor = { id: author.userId, label: author.email, via: "token" };
    await Promise.all([holder.connect(), prober.connect()]);
  });
  afterAll(() => Promise.all([holder.end(), prober.end()]));

  /** Sets the state up, locks the rule set from outside, starts the work, and checks what it holds while it waits. */
  async function waitsForTheRuleSetFirst(spec: StateSpec, prepare: (slug: string) => Promise<void>, work: Work) {
    const slug = await ruleSetIn(team, spec);
    await prepare(slug);
    await holder.query("BEGIN");
    const { rows } = await holder.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid FROM "RuleSet" WHERE slug = $1 FOR UPDATE`, [slug]);
    let settled = false;
    const running = work(slug).finally(() => (settled = true));
    try {
      // Wait until the work is blocked by the holder (the solver may run first: that takes no lock).
      for (let attempt = 0; ; attempt++) {
        const blocked = await prober.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))`, [rows[0].pid]);
        if (Number(blocked.rows[0].n) > 0) break;
        if (settled || attempt > 600) throw new Error(`the work ${settled ? "finished" : "did not block"} while the rule set's row was locked`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // It holds no version row: all of them can be locked from a third connection without waiting.
      await prober.query("BEGIN");
      await prober.query(`SELECT v.id FROM "RuleSetVersion" v JOIN "RuleSet" r ON r.id = v."ruleSetId" WHERE r.slug = $1 FOR UPDATE OF v NOWAIT`, [slug]);
      await prober.query("ROLLBACK");
      expect(settled).toBe(false);
    } finally {
      await holder.query("ROLLBACK");
    }
    await running;
  }

  const noPreparation = async () => {};
  const withDraft = async (slug: string) => {
    await startDraft(testDb(), editor, slug);
  };
  const inReview = async (slug: string) => {
    await startDraft(testDb(), editor, slug);
    await submitVersion(testDb(), author, slug, 2);
  };
  const cases: [string, StateSpec, (slug: string) => Promise<void>, Work][] = [
    ["startDraft", { published: 1 }, noPreparation, (slug) => startDraft(testDb(), editor, slug)],
    [
      "saveDraft (renaming the rule set)",
      { published: 1 },
      withDraft,
      (slug) => saveDraft(testDb(), editor, slug, { baseRevision: 1, document: { ...smallRuleSet(slug), metadata: { ...smallRuleSet(slug).metadata, title: "Renamed" } } }),
    ],
    ["discardDraft", { published: 1 }, withDraft, (slug) => discardDraft(testDb(), editor, slug)],
    ["submitVersion", { published: 1 }, withDraft, (slug) => submitVersion(testDb(), author, slug, 2)],
    ["approveVersion", { published: 1 }, inReview, (slug) => approveVersion(testDb(), reviewer, slug, 2)],
    ["requestChanges", { published: 1 }, inReview, (slug) => requestChanges(testDb(), reviewer, slug, 2, { comment: "Please add the duration rule" })],
    ["publishVersion", { published: 1, approved: 1 }, noPreparation, (slug) => publishVersion(testDb(), reviewer, slug, 2)],
    ["rollback", { published: 2 }, noPreparation, (slug) => rollback(testDb(), reviewer, slug, { toVersion: 1, reason: "Back to one" })],
    ["withdraw", { published: 1 }, noPreparation, (slug) => withdraw(testDb(), reviewer, slug, { reason: "Safety review" })],
    [
      "lifting a withdrawal",
      { published: 1, withdrawn: "Checking" },
      noPreparation,
      (slug) => rollback(testDb(), admin, slug, { toVersion: 1, reason: "Checked", liftWithdrawal: { reason: "Checked" } }),
    ],
    ["waiveCoverage", { published: 1 }, noPreparation, (slug) => waiveCoverage(testDb(), admin, slug, { reason: "Pilot content under review" })],
  ];

  for (const [name, spec, prepare, work] of cases) {
    it(name, () => waitsForTheRuleSetFirst({ label: "order", ...spec }, prepare, work), 60_000);
  }
});
