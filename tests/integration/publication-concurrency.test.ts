/**
 * Publication changes are serialised (issue #14), shown with real concurrency:
 * two separate Node processes ("instances", tests/setup/admin-api-instance.ts)
 * serve the admin API's publish, rollback and withdraw handlers over HTTP on
 * one database, authenticated with API tokens; each round sends two
 * conflicting requests, one to each instance, the second after a per-round
 * offset that walks it across the first one's solver run and transaction.
 * After every round the history must be one that could have happened: every
 * answer 200 or 409 with a known code (never 500), the events replayable in
 * `seq` order to the final state, each naming the version it affected, one
 * audit row per event saying the same, events only for the 200s, and both
 * instances' public API agreeing with the final state.
 *
 * The same rounds then run against instances whose rule-set lock is replaced
 * (test-only, tests/setup/lock-variant.ts): without the lock, with both
 * requests made to read the rule set before either acts, every round is
 * caught; with the lock held across a wide window, none is.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiUser } from "../setup/api";
import { startInstance, type Instance } from "../setup/instances";
import {
  inconsistencies,
  makeTeam,
  publicationRecord,
  ruleSetIn,
  type Caller,
  type PublicationRecord,
  type StateSpec,
  type Team,
} from "../setup/publication-states";

interface Request {
  /** "publish", "withdraw", … : what the scenario's expectations call it. */
  label: string;
  path: string;
  body?: unknown;
}

interface Answer {
  label: string;
  instance: string;
  status: number;
  code: string | null;
  detail: string;
  contentType: string | null;
  body: Record<string, unknown>;
  ms: number;
}

interface Scenario {
  name: string;
  state: (round: number) => StateSpec;
  requests: (slug: string, round: number) => [Request, Request];
  /** The answers each request may give in this scenario (200, or a 409 code), and anything else to check. */
  allowed: Record<string, string[]>;
  check: (answers: Record<string, Answer>, record: PublicationRecord, round: number) => string[];
}

interface RoundResult {
  round: number;
  slug: string;
  offsetMs: number;
  answers: Answer[];
  outcome: string;
  problems: string[];
}

/** Every 409 the publication services give, each with its own meaning. */
const KNOWN_CONFLICTS = new Set(["withdrawn", "already_withdrawn", "not_withdrawn", "withdrawal_changed", "changed_while_checking", "wrong_state", "already_current", "not_published"]);

async function send(instance: Instance, caller: Caller, request: Request, delayMs: number): Promise<Answer> {
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  const started = performance.now();
  const response = await fetch(`${instance.url}${request.path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${caller.token}`, ...(request.body === undefined ? {} : { "content-type": "application/json" }) },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { unparsed: text };
  }
  return {
    label: request.label,
    instance: instance.name,
    status: response.status,
    code: typeof body.code === "string" ? body.code : null,
    detail: typeof body.detail === "string" ? body.detail : "",
    contentType: response.headers.get("content-type"),
    body,
    ms: Math.round(performance.now() - started),
  };
}

/** How many publication events (and so audit rows) a 200 must have written. */
function eventsWritten(answer: Answer): number {
  if (answer.status !== 200) return 0;
  if (answer.label.startsWith("publish")) return answer.body.withdrawalLifted ? 2 : 1;
  if (answer.label.startsWith("withdraw")) return 1;
  // A rollback: restoring the withdrawn version is one event (the lift), to another version with a lift two.
  if (!answer.body.withdrawalLifted) return 1;
  return answer.body.currentVersion === answer.body.previousVersion ? 1 : 2;
}

function answerProblems(answers: Answer[], allowed: Record<string, string[]>): string[] {
  const problems: string[] = [];
  for (const answer of answers) {
    const what = `${answer.label} on ${answer.instance}: ${answer.status}${answer.code ? ` ${answer.code}` : ""}`;
    if (answer.status !== 200 && answer.status !== 409) {
      problems.push(`${what} (neither 200 nor 409): ${JSON.stringify(answer.body).slice(0, 300)}`);
      continue;
    }
    if (answer.status === 409) {
      if (!answer.code || !KNOWN_CONFLICTS.has(answer.code)) problems.push(`${what}: not a known conflict code`);
      if (answer.contentType !== "application/problem+json" || answer.detail.length < 20) problems.push(`${what}: not a problem+json with a message`);
    }
    const key = answer.status === 200 ? "200" : String(answer.code);
    if (!(allowed[answer.label] ?? []).includes(key)) problems.push(`${what}: not an answer this request may give here (${(allowed[answer.label] ?? []).join(", ")})`);
  }
  return problems;
}

/** Both instances' public API say what the database says: 410 while withdrawn, else the current version. */
async function publicProblems(slug: string, record: PublicationRecord, instances: Instance[]): Promise<string[]> {
  const problems: string[] = [];
  for (const instance of instances) {
    const response = await fetch(`${instance.url}/api/public/rulesets/${slug}`);
    const body = (await response.json()) as { version?: number; reason?: string };
    if (record.withdrawn) {
      if (response.status !== 410 || body.reason !== record.withdrawnReason) problems.push(`public API on ${instance.name}: ${response.status} (${body.reason}) while withdrawn (“${record.withdrawnReason}”)`);
    } else if (response.status !== 200 || body.version !== record.current) {
      problems.push(`public API on ${instance.name}: ${response.status} v${body.version} while v${record.current} is current`);
    }
  }
  return problems;
}

function outcomeOf(answers: Answer[]): string {
  return answers.map((a) => `${a.label} ${a.status === 200 ? "200" : `409 ${a.code}`}`).join(" ∥ ");
}

const byLabel = (answers: Answer[]) => Object.fromEntries(answers.map((answer) => [answer.label, answer]));

async function runRounds(
  context: { team: Team; callers: [Caller, Caller]; instances: [Instance, Instance] },
  scenario: Scenario,
  rounds: number | number[],
  offsetMs: (round: number) => number,
): Promise<RoundResult[]> {
  const results: RoundResult[] = [];
  for (const round of typeof rounds === "number" ? Array.from({ length: rounds }, (_, index) => index) : rounds) {
    const slug = await ruleSetIn(context.team, { label: "race", ...scenario.state(round) });
    const before = await publicationRecord(slug);
    const [first, second] = scenario.requests(slug, round);
    // Alternate which instance gets which request, so neither is always "first".
    const [a, b] = round % 2 === 0 ? context.instances : ([context.instances[1], context.instances[0]] as const);
    const offset = offsetMs(round);
    const answers = await Promise.all([send(a, context.callers[0], first, 0), send(b, context.callers[1], second, offset)]);
    const record = await publicationRecord(slug);
    const written = record.events.length - before.events.length;
    const expected = answers.reduce((sum, answer) => sum + eventsWritten(answer), 0);
    const problems = [
      ...answerProblems(answers, scenario.allowed),
      ...inconsistencies(record),
      ...(written === expected ? [] : [`${written} publication event(s) written for answers that account for ${expected}`]),
      ...(record.audit.length - before.audit.length === written ? [] : [`${record.audit.length - before.audit.length} audit row(s) for ${written} event(s)`]),
      ...scenario.check(byLabel(answers), record, round),
      ...(await publicProblems(slug, record, context.instances)),
    ];
    results.push({ round, slug, offsetMs: offset, answers, outcome: outcomeOf(answers), problems });
  }
  return results;
}

function summary(name: string, results: RoundResult[]): string {
  const outcomes = new Map<string, number>();
  for (const result of results) outcomes.set(result.outcome, (outcomes.get(result.outcome) ?? 0) + 1);
  const requests = results.reduce((sum, result) => sum + result.answers.length, 0);
  const caught = results.filter((result) => result.problems.length > 0).length;
  const lines = [...outcomes].map(([outcome, count]) => `    ${count} × ${outcome}`);
  const slowest = Math.max(...results.flatMap((result) => result.answers.map((answer) => answer.ms)));
  return [`${name}: ${results.length} rounds, ${requests} requests, ${caught} round(s) inconsistent, slowest answer ${slowest} ms`, ...lines].join("\n");
}

const reason = (round: number, who: string) => `${who} in round ${round}: safety concern`;

/** The scenarios of the audit in issue #14, and publish racing publish. */
const SCENARIOS: Record<string, Scenario> = {
  publishWithdraw: {
    name: "publish ∥ withdraw",
    state: () => ({ published: 1, approved: 1 }),
    requests: (slug, round) => [
      { label: "publish", path: `/api/admin/rulesets/${slug}/versions/2/publish` },
      { label: "withdraw", path: `/api/admin/rulesets/${slug}/withdraw`, body: { reason: reason(round, "withdraw") } },
    ],
    allowed: { publish: ["200", "withdrawn"], withdraw: ["200"] },
    check: ({ publish, withdraw }, record, round) => {
      const problems: string[] = [];
      // The withdrawal always stands, whoever came first, with its own reason, on the version clients actually had.
      if (!record.withdrawn || record.withdrawnReason !== reason(round, "withdraw")) problems.push("the withdrawal that answered 200 is not in force");
      const last = record.events.at(-1);
      if (last?.kind !== "withdrawn" || last.version !== record.current) problems.push(`the last event is ${last?.kind} v${last?.version}, not the withdrawal of v${record.current}`);
      if (withdraw.body.version !== record.current) problems.push(`withdraw answered version ${String(withdraw.body.version)} but v${record.current} was withdrawn`);
      if (publish.status === 200 && record.current !== 2) problems.push("publish answered 200 but v2 is not current");
      return problems;
    },
  },
  withdrawWithdraw: {
    name: "withdraw ∥ withdraw",
    state: () => ({ published: 1 }),
    requests: (slug, round) => [
      { label: "withdraw A", path: `/api/admin/rulesets/${slug}/withdraw`, body: { reason: reason(round, "A") } },
      { label: "withdraw B", path: `/api/admin/rulesets/${slug}/withdraw`, body: { reason: reason(round, "B") } },
    ],
    allowed: { "withdraw A": ["200", "already_withdrawn"], "withdraw B": ["200", "already_withdrawn"] },
    check: (answers, record, round) => {
      const won = Object.values(answers).filter((answer) => answer.status === 200);
      if (won.length !== 1) return [`${won.length} withdrawals answered 200`];
      const winner = won[0].label === "withdraw A" ? "A" : "B";
      return record.withdrawnReason === reason(round, winner) ? [] : [`the reason in force is “${record.withdrawnReason}”, not the one that answered 200 (${winner})`];
    },
  },
  publishRollback: {
    name: "publish ∥ rollback",
    state: () => ({ published: 2, approved: 1 }),
    requests: (slug, round) => [
      { label: "publish", path: `/api/admin/rulesets/${slug}/versions/3/publish` },
      { label: "rollback", path: `/api/admin/rulesets/${slug}/rollback`, body: { toVersion: 1, reason: reason(round, "rollback") } },
    ],
    allowed: { publish: ["200", "changed_while_checking"], rollback: ["200"] },
    check: ({ publish, rollback }, record) => {
      const problems: string[] = [];
      if (rollback.body.previousVersion !== (publish.status === 200 && record.current === 1 ? 3 : 2)) {
        problems.push(`rollback answered previousVersion ${String(rollback.body.previousVersion)}`);
      }
      if (publish.status === 200 && publish.body.previousVersion !== (record.current === 1 ? 2 : 1)) {
        problems.push(`publish answered previousVersion ${String(publish.body.previousVersion)}`);
      }
      return problems;
    },
  },
  publishLift: {
    name: "publish ∥ lift (even rounds: publish also lifts; odd rounds: plain publish)",
    state: (round) => ({ published: 1, approved: 1, withdrawn: `set-up withdrawal ${round}` }),
    requests: (slug, round) => [
      {
        label: round % 2 === 0 ? "publish+lift" : "publish",
        path: `/api/admin/rulesets/${slug}/versions/2/publish`,
        body: round % 2 === 0 ? { liftWithdrawal: { reason: reason(round, "publish lifts") } } : undefined,
      },
      {
        label: "lift",
        path: `/api/admin/rulesets/${slug}/rollback`,
        body: { toVersion: 1, reason: reason(round, "lift"), liftWithdrawal: { reason: reason(round, "lift") } },
      },
    ],
    allowed: { "publish+lift": ["200", "not_withdrawn"], publish: ["200", "withdrawn"], lift: ["200", "not_withdrawn"] },
    check: (answers, record, round) => {
      const problems: string[] = [];
      const lifts = record.events.filter((event) => event.kind === "withdrawal_lifted").length;
      if (record.withdrawn || lifts !== 1) problems.push(`${lifts} lift(s) recorded, withdrawn: ${record.withdrawn}`);
      if (round % 2 === 0 && [answers["publish+lift"], answers.lift].filter((answer) => answer.status === 200).length !== 1) {
        problems.push("not exactly one of two lifts answered 200");
      }
      // A plain publish never ends a withdrawal: it either came after the lift or was refused.
      if (round % 2 === 1 && answers.lift.status !== 200) problems.push("the lift was refused, though only it could end the withdrawal");
      return problems;
    },
  },
  publishPublish: {
    name: "publish ∥ publish (two approved versions)",
    state: () => ({ published: 1, approved: 2 }),
    requests: (slug) => [
      { label: "publish v2", path: `/api/admin/rulesets/${slug}/versions/2/publish` },
      { label: "publish v3", path: `/api/admin/rulesets/${slug}/versions/3/publish` },
    ],
    allowed: { "publish v2": ["200", "changed_while_checking"], "publish v3": ["200", "changed_while_checking"] },
    check: (answers) => (Object.values(answers).some((answer) => answer.status === 200) ? [] : ["neither publication went through"]),
  },
};

/** One publication on each instance first (the solver's start-up, first connections), so the rounds race warm requests. */
async function warmUp(team: Team, instances: Instance[]) {
  for (const instance of instances) {
    const slug = await ruleSetIn(team, { published: 1, approved: 1, label: "warm" });
    const answer = await send(instance, team.reviewer, { label: "publish", path: `/api/admin/rulesets/${slug}/versions/2/publish` }, 0);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
}

const ROUNDS = 20;
/** The second request of round r leaves r mod 10 steps after the first: before, during and after its solver run and transaction. */
const staggered = (round: number) => (round % 10) * 12;

describe("publication changes across two server instances on one database", () => {
  let team: Team;
  let callers: [Caller, Caller];
  let instances: [Instance, Instance];
  const all: RoundResult[] = [];

  beforeAll(async () => {
    // Two busy people: a reviewer on one side, an admin on the other.
    const [made, second] = await Promise.all([makeTeam(), apiUser(["admin"])]);
    team = made;
    callers = [team.reviewer, second];
    instances = await Promise.all([startInstance({ name: "A" }), startInstance({ name: "B" })]);
    await warmUp(team, instances);
  }, 240_000);

  afterAll(async () => {
    if (all.length > 0) {
      const requests = all.reduce((sum, result) => sum + result.answers.length, 0);
      const statuses = new Map<string, number>();
      for (const answer of all.flatMap((result) => result.answers)) statuses.set(String(answer.status), (statuses.get(String(answer.status)) ?? 0) + 1);
      console.log(`total: ${all.length} rounds, ${requests} requests: ${[...statuses].map(([status, count]) => `${count} × ${status}`).join(", ")}`);
    }
    await Promise.all((instances ?? []).map((instance) => instance.stop()));
  });

  for (const [key, scenario] of Object.entries(SCENARIOS)) {
    const rounds = key === "publishPublish" ? 10 : ROUNDS;
    it(`${scenario.name}: ${rounds} rounds, every history consistent`, async () => {
      const results = await runRounds({ team, callers, instances }, scenario, rounds, staggered);
      all.push(...results);
      console.log(summary(scenario.name, results));
      expect(results.flatMap((result) => result.problems.map((problem) => `round ${result.round} (${result.outcome}): ${problem}`))).toEqual([]);
      expect(instances.map((instance) => instance.stderr()).join("")).not.toMatch(/Error/);
    }, 300_000);
  }
});

/**
 * The same rounds with the race window held open between reading the rule set
 * and acting on it. Without the lock, each request waits (up to 3.5 s, inside
 * Prisma's 5 s transaction timeout) until the other has read the rule set
 * too, so both act on the same state every round, even on a slow machine;
 * with the lock, each holds it 0.5 s.
 */
const HOLD_MS = { unlocked: 3_500, held: 500 } as const;

for (const variant of ["unlocked", "held"] as const) {
  describe(`the same rounds against a deliberately ${variant === "unlocked" ? "UNLOCKED" : "slow but locked"} variant (test-only lock replacement)`, () => {
    let team: Team;
    let callers: [Caller, Caller];
    let instances: [Instance, Instance];

    beforeAll(async () => {
      const [made, second] = await Promise.all([makeTeam(), apiUser(["reviewer"])]);
      team = made;
      callers = [team.reviewer, second];
      instances = await Promise.all([
        startInstance({ name: `${variant}-A`, lockVariant: variant, lockHoldMs: HOLD_MS[variant] }),
        startInstance({ name: `${variant}-B`, lockVariant: variant, lockHoldMs: HOLD_MS[variant] }),
      ]);
      await warmUp(team, instances);
    }, 240_000);
    afterAll(() => Promise.all((instances ?? []).map((instance) => instance.stop())));

    for (const key of ["publishWithdraw", "withdrawWithdraw", "publishRollback", "publishLift"]) {
      const scenario = SCENARIOS[key];
      it(`${scenario.name}: ${variant === "unlocked" ? "every round is caught" : "no round is inconsistent"}`, async () => {
        // Both requests leave together; publish ∥ lift in its "both lift" form only (even rounds).
        const kept = await runRounds({ team, callers, instances }, scenario, key === "publishLift" ? [0, 2, 4, 6] : [0, 1, 2, 3], () => 0);
        console.log(summary(`${scenario.name} [${variant}]`, kept));
        for (const result of kept) if (result.problems.length > 0) console.log(`  round ${result.round}: ${result.problems.slice(0, 3).join("; ")}`);
        if (variant === "unlocked") {
          for (const result of kept) expect(result.problems, `round ${result.round} (${result.outcome}) was not caught`).not.toEqual([]);
        } else {
          expect(kept.flatMap((result) => result.problems)).toEqual([]);
          // The replacement really ran: every change waited out the held window.
          expect(Math.min(...kept.flatMap((result) => result.answers.filter((a) => a.status === 200).map((a) => a.ms)))).toBeGreaterThanOrEqual(HOLD_MS.held - 50);
        }
      }, 300_000);
    }
  });
}
