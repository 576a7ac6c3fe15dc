/**
 * Two instances on one database (issue #13 Proof): a publication made through one
 * reaches the other's public API within PUBLIC_CACHE_CHECK_MS, by its serial check
 * and an incremental reload of just the rule set that changed, with no signal
 * between the processes. Both are real server processes (tests/setup/instances.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startInstance, type Instance } from "../setup/instances";
import { makeTeam, ruleSetIn, type Team } from "../setup/publication-states";

const CHECK_MS = 400;
let team: Team;
let publishing: Instance;
let other: Instance;

beforeAll(async () => {
  team = await makeTeam();
  const env = { PUBLIC_CACHE_CHECK_MS: String(CHECK_MS), PUBLIC_CATALOG_SNAPSHOT_PATH: "off" };
  [publishing, other] = await Promise.all([startInstance({ name: "a", env }), startInstance({ name: "b", env })]);
}, 120_000);

afterAll(async () => {
  await Promise.all([publishing?.stop(), other?.stop()]);
});

async function currentVersion(instance: Instance, slug: string): Promise<number> {
  const response = await fetch(`${instance.url}/api/public/rulesets/${slug}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { version: number }).version;
}

async function listed(instance: Instance, slug: string): Promise<number | undefined> {
  const response = await fetch(`${instance.url}/api/public/rulesets`);
  const body = (await response.json()) as { ruleSets: { slug: string; version: number }[] };
  return body.ruleSets.find((ruleSet) => ruleSet.slug === slug)?.version;
}

describe("two instances on one database", () => {
  it("a publication through one is served by the other once PUBLIC_CACHE_CHECK_MS has passed", async () => {
    const slug = await ruleSetIn(team, { published: 1, approved: 1, label: "propagate" });
    const untouched = await ruleSetIn(team, { published: 1, label: "untouched" });
    // Both have loaded version 1 and just checked the serial.
    expect(await currentVersion(publishing, slug)).toBe(1);
    expect(await currentVersion(other, slug)).toBe(1);
    const untouchedBody = await (await fetch(`${other.url}/api/public/rulesets/${untouched}`)).text();

    const published = await fetch(`${publishing.url}/api/admin/rulesets/${slug}/versions/2/publish`, {
      method: "POST",
      headers: { authorization: `Bearer ${team.reviewer.token}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(published.status, await published.clone().text()).toBe(200);
    const committedAt = Date.now();
    // The publishing instance drops its copy at once.
    expect(await currentVersion(publishing, slug)).toBe(2);

    // The bound under test is a time: the first read after it has passed must see the publication.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, committedAt + CHECK_MS - Date.now())));
    expect(await currentVersion(other, slug)).toBe(2);
    expect(await listed(other, slug)).toBe(2);
    const pinned = await fetch(`${other.url}/api/public/rulesets/${slug}/versions/1`);
    expect(pinned.status).toBe(200);
    // The rule set that did not change is served exactly as before.
    expect(await (await fetch(`${other.url}/api/public/rulesets/${untouched}`)).text()).toBe(untouchedBody);
  }, 120_000);
});
