/**
 * The database goes away (issue #13 §2), for real: a separate server process
 * (tests/setup/admin-api-instance.ts, the real route handlers over HTTP) reaches
 * PostgreSQL through a TCP proxy the test cuts, which refuses new connections and
 * resets the open ones. While it is cut, every public read and evaluation is
 * answered from the catalog, stale answers say how old they are, the admin API
 * answers 503 with Retry-After, and nothing is half-written; once it is restored
 * the same process notices without a restart. A process restarted during the cut
 * serves the snapshot the first one left on disk.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb } from "../setup/fixtures";
import { startInstance, type Instance } from "../setup/instances";
import { cuttableProxy, viaPort } from "../setup/limits";
import { makeTeam, ruleSetIn, type Team } from "../setup/publication-states";

let team: Team;
let slug: string;
let proxy: Awaited<ReturnType<typeof cuttableProxy>>;
let directory: string;
let snapshotFile: string;
let instance: Instance;
const started: Instance[] = [];

function instanceEnv(): Record<string, string> {
  return {
    DATABASE_URL: viaPort(process.env.DATABASE_URL!, proxy.port),
    PUBLIC_CATALOG_SNAPSHOT_PATH: snapshotFile,
    // Quick retries, so recovery is seen within the test; production caps at 30 s.
    PUBLIC_CATALOG_RETRY_MAX_MS: "200",
    DATABASE_CONNECT_TIMEOUT_MS: "2000",
  };
}

async function start(name: string): Promise<Instance> {
  const next = await startInstance({ name, env: instanceEnv() });
  started.push(next);
  return next;
}

/** Polls an observable condition (bounded), for state another process reaches on its own schedule. */
async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function health(target: Instance) {
  const response = await fetch(`${target.url}/api/public/health`);
  return { status: response.status, cacheControl: response.headers.get("cache-control"), body: (await response.json()) as Record<string, Record<string, unknown> | string> };
}

async function snapshotOnDiskHasCurrent(version: number): Promise<boolean> {
  try {
    const json = JSON.parse(await readFile(snapshotFile, "utf8")) as { ruleSets: { slug: string; current: number }[] };
    return json.ruleSets.some((ruleSet) => ruleSet.slug === slug && ruleSet.current === version);
  } catch {
    return false;
  }
}

const PUBLIC_READS = () => [`/api/public/rulesets`, `/api/public/rulesets/${slug}`, `/api/public/rulesets/${slug}/versions/1`, `/api/public/rulesets/${slug}/versions/2`];
const RED_FLAG = { answers: { saddle_numbness: true, pain_present: true } };

async function read(target: Instance, pathname: string) {
  const response = await fetch(`${target.url}${pathname}`);
  return { status: response.status, age: response.headers.get("triage-catalog-age"), text: await response.text() };
}

async function evaluateRedFlag(target: Instance) {
  const response = await fetch(`${target.url}/api/public/rulesets/${slug}/evaluate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(RED_FLAG),
  });
  return { status: response.status, body: (await response.json()) as { disposition?: { id: string }; ruleSet?: { version: number } } };
}

async function publicationState() {
  const db = testDb();
  const ruleSet = await db.ruleSet.findUniqueOrThrow({ where: { slug }, include: { currentVersion: true, versions: { orderBy: { number: "asc" } }, publicationEvents: true } });
  const [{ serial }] = await db.$queryRaw<{ serial: bigint }[]>`SELECT serial FROM "PublicationState" WHERE id = 1`;
  return {
    current: ruleSet.currentVersion?.number,
    states: ruleSet.versions.map((version) => version.state),
    events: ruleSet.publicationEvents.length,
    serial,
  };
}

beforeAll(async () => {
  team = await makeTeam();
  // Versions 1 and 2 published, 3 approved and waiting: the publication the outage must not half-do.
  slug = await ruleSetIn(team, { published: 2, approved: 1, label: "outage" });
  const url = new URL(process.env.DATABASE_URL!);
  proxy = await cuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
  directory = await mkdtemp(path.join(tmpdir(), "catalog-outage-"));
  snapshotFile = path.join(directory, "public-catalog.json");
  instance = await start("outage");
}, 120_000);

afterAll(async () => {
  await Promise.all(started.map((each) => each.stop()));
  await proxy?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe("a database outage", () => {
  it("is served from the catalog, refused with 503 on the admin side, half-writes nothing, and ends without a restart", async () => {
    const before = new Map<string, string>();
    for (const pathname of PUBLIC_READS()) {
      const answer = await read(instance, pathname);
      expect(answer.status, pathname).toBe(200);
      expect(answer.age, "a current answer carries no age").toBeNull();
      before.set(pathname, answer.text);
    }
    const evaluatedBefore = await evaluateRedFlag(instance);
    expect(evaluatedBefore.status).toBe(200);
    expect((await health(instance)).body).toMatchObject({ status: "ok", database: { answered: true }, catalog: { loadedFrom: "database" } });
    const stateBefore = await publicationState();

    proxy.cut();

    // Every read and evaluation, several rounds: 100 % answered, the same bytes as before.
    for (let round = 0; round < 10; round++) {
      for (const pathname of PUBLIC_READS()) {
        const answer = await read(instance, pathname);
        expect(answer.status, `${pathname} round ${round}`).toBe(200);
        expect(answer.text, pathname).toBe(before.get(pathname));
        expect(answer.age, `${pathname} says how old it is`).toMatch(/^\d+$/);
      }
      const evaluated = await evaluateRedFlag(instance);
      expect(evaluated.status, `evaluate round ${round}`).toBe(200);
      expect(evaluated.body).toEqual(evaluatedBefore.body);
    }
    const outage = await health(instance);
    expect(outage.status).toBe(200);
    expect(outage.cacheControl).toBe("no-store");
    expect(outage.body).toMatchObject({ status: "stale", database: { answered: false }, catalog: { serial: String(stateBefore.serial), ruleSets: expect.any(Number) } });

    // The admin side: 503 problem+json with Retry-After, for a read and for the publication.
    const list = await fetch(`${instance.url}/api/admin/rulesets`, { headers: { authorization: `Bearer ${team.author.token}` } });
    expect(list.status).toBe(503);
    expect(list.headers.get("content-type")).toBe("application/problem+json");
    expect(list.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await list.json()).toMatchObject({ status: 503, code: "database_unavailable" });
    const publish = await fetch(`${instance.url}/api/admin/rulesets/${slug}/versions/3/publish`, {
      method: "POST",
      headers: { authorization: `Bearer ${team.reviewer.token}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(publish.status).toBe(503);
    expect(publish.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(instance.stderr()).not.toMatch(/Internal server error|internal_error/);

    proxy.restore();

    // Nothing was half-written: version 3 is still only approved, no event, the serial did not move.
    expect(await publicationState()).toEqual(stateBefore);
    // The same process notices on its own (backoff capped at 200 ms here).
    await until("the catalog to reach the database again", async () => ((await health(instance)).body.database as Record<string, unknown>).answered === true || undefined);
    expect((await health(instance)).body).toMatchObject({ status: "ok", catalog: { loadedFrom: "database" } });
    expect((await read(instance, `/api/public/rulesets/${slug}`)).age).toBeNull();

    // And writes work again: the publication refused during the cut goes through now.
    const retried = await fetch(`${instance.url}/api/admin/rulesets/${slug}/versions/3/publish`, {
      method: "POST",
      headers: { authorization: `Bearer ${team.reviewer.token}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(retried.status, await retried.clone().text()).toBe(200);
    expect(JSON.parse((await read(instance, `/api/public/rulesets/${slug}`)).text)).toMatchObject({ version: 3 });
    // The outage and the recovery were each logged once.
    expect(instance.stderr().match(/Public catalog: the database did not answer/g)).toHaveLength(1);
  }, 120_000);

  it("a process restarted while the database is unreachable serves the snapshot on disk, then the database again", async () => {
    await until("the snapshot file to hold version 3", async () => (await snapshotOnDiskHasCurrent(3)) || undefined);
    const before = new Map<string, string>();
    for (const pathname of [...PUBLIC_READS(), `/api/public/rulesets/${slug}/versions/3`]) before.set(pathname, (await read(instance, pathname)).text);
    const evaluatedBefore = await evaluateRedFlag(instance);

    proxy.cut();
    await instance.stop();
    const restarted = await start("restarted");

    for (const [pathname, text] of before) {
      const answer = await read(restarted, pathname);
      expect(answer.status, pathname).toBe(200);
      expect(answer.text, pathname).toBe(text);
      expect(answer.age, pathname).toMatch(/^\d+$/);
    }
    const evaluated = await evaluateRedFlag(restarted);
    expect(evaluated.status).toBe(200);
    expect(evaluated.body).toEqual(evaluatedBefore.body);
    expect(evaluated.body.ruleSet?.version).toBe(3);
    expect((await health(restarted)).body).toMatchObject({ status: "stale", catalog: { loadedFrom: "disk" }, database: { answered: false } });
    const admin = await fetch(`${restarted.url}/api/admin/rulesets`, { headers: { authorization: `Bearer ${team.author.token}` } });
    expect(admin.status).toBe(503);

    proxy.restore();
    await until("the restarted process to load from the database", async () => {
      const body = (await health(restarted)).body;
      return (body.catalog as Record<string, unknown>).loadedFrom === "database" || undefined;
    });
    const current = await read(restarted, `/api/public/rulesets/${slug}`);
    expect(current.text).toBe(before.get(`/api/public/rulesets/${slug}`));
    expect(current.age).toBeNull();
  }, 180_000);
});
