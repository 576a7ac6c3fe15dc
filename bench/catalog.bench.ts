/**
 * The public catalog at scale (issue #13 §5): RULE_SETS rule sets × VERSIONS
 * published versions of the back-pain document (~64 KB of JSON each) in a
 * throw-away database, seeded in SQL (the template document generated server-side;
 * only current versions' content hashes computed here, older ones are left for
 * the catalog to record once, as for versions published before that column existed).
 *
 *   npm run bench:catalog            (BENCH_RULE_SETS=2000 BENCH_VERSIONS=20 by default)
 *
 * Prints, each with its target and "met" / "NOT met":
 * - first public answer after a restart (a new catalog and database pool): < 2 s;
 *   the baseline in the same run is the bare read of the same current documents as text;
 * - first answer for every other rule set after a publication: < 100 ms;
 * - memory: heap after loading the current versions, after filling the older-versions
 *   cache, and after asking for many more older versions than it holds (must not grow
 *   past the filled cache by more than 10 %).
 * Needs PostgreSQL (TEST_DATABASE_SERVER_URL, default the local server); run with
 * --expose-gc (the npm script does). The database is dropped at the end.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createScratchDatabase, dropScratchDatabase, testServerUrl } from "@/lib/db/scratch";
import { currentsLoaded, databaseCatalogSource, PublishedCatalog } from "@/lib/public/catalog";
import { contentHash } from "@/lib/public/content-hash";
import { currentVersion, findRuleSet, findVersion } from "@/lib/public/service";
import { storedDocument } from "@/lib/rulesets/documents";
import { seedDemoAccounts } from "@/lib/users/demo-accounts";

const RULE_SETS = Number(process.env.BENCH_RULE_SETS ?? 2000);
const VERSIONS = Number(process.env.BENCH_VERSIONS ?? 20);
const OLDER_CACHED = Number(process.env.BENCH_OLDER_CACHED ?? 200);
const PUBLICATIONS = 5;
const RESTART_TARGET_MS = 2_000;
const PUBLICATION_TARGET_MS = 100;

const gc = (globalThis as { gc?: () => void }).gc;
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
const slugOf = (i: number) => `bench-${String(i).padStart(4, "0")}`;

function memory() {
  gc?.();
  const { heapUsed, rss, external, arrayBuffers } = process.memoryUsage();
  return { heapUsed, rss, external, arrayBuffers, total: heapUsed + external };
}

/** The template document with this rule set's slug and a title naming the version, as the catalog will read it. */
function documentFor(template: Record<string, unknown>, i: number, n: number) {
  const metadata = template.metadata as Record<string, unknown>;
  return { ...template, metadata: { ...metadata, slug: slugOf(i), title: `Back pain ${i} v${n}` } };
}

async function seed(client: pg.Client, userId: string, template: Record<string, unknown>) {
  const currentHashes: string[] = [];
  for (let i = 1; i <= RULE_SETS; i++) currentHashes.push(await contentHash(storedDocument(documentFor(template, i, VERSIONS) as never)));
  await client.query("BEGIN");
  await client.query(`CREATE TEMP TABLE template (doc jsonb) ON COMMIT DROP`);
  await client.query(`INSERT INTO template VALUES ($1::jsonb)`, [JSON.stringify(template)]);
  await client.query(
    `INSERT INTO "RuleSet" (id, slug, title, description, "createdById", "updatedAt")
     SELECT 'rs' || i, 'bench-' || lpad(i::text, 4, '0'), 'Back pain ' || i, '', $1, now() FROM generate_series(1, $2::int) AS i`,
    [userId, RULE_SETS],
  );
  // Every version published, generated from the template on the server: no 2 GB over the socket.
  await client.query(
    `INSERT INTO "RuleSetVersion" (id, "ruleSetId", number, state, document, "createdById", "lastEditedById", "updatedAt", "frozenAt", "publishedAt", "contentHash")
     SELECT 'v' || i || '-' || n, 'rs' || i, n, 'published',
            jsonb_set(jsonb_set(t.doc, '{metadata,slug}', to_jsonb('bench-' || lpad(i::text, 4, '0'))), '{metadata,title}', to_jsonb('Back pain ' || i || ' v' || n)),
            $1, $1, now(), now(), now() - make_interval(days => $3::int - n),
            CASE WHEN n = $3::int THEN ($4::text[])[i] END
     FROM generate_series(1, $2::int) AS i, generate_series(1, $3::int) AS n, template t`,
    [userId, RULE_SETS, VERSIONS, currentHashes],
  );
  await client.query(`UPDATE "RuleSet" SET "currentVersionId" = 'v' || substr(id, 3) || '-' || $1::int`, [VERSIONS]);
  await client.query(`UPDATE "PublicationState" SET serial = serial + 1 WHERE id = 1`);
  await client.query("COMMIT");
  await client.query("ANALYZE");
}

/** What a publication's transaction writes that the catalog reads: a new published version made current, the serial bumped. */
async function publishNewVersion(client: pg.Client, userId: string, template: Record<string, unknown>, i: number, n: number) {
  const document = documentFor(template, i, n);
  const hash = await contentHash(storedDocument(document as never));
  await client.query("BEGIN");
  await client.query(
    `INSERT INTO "RuleSetVersion" (id, "ruleSetId", number, state, document, "createdById", "lastEditedById", "updatedAt", "frozenAt", "publishedAt", "contentHash")
     VALUES ($1, $2, $3, 'published', $4::jsonb, $5, $5, now(), now(), now(), $6)`,
    [`v${i}-${n}`, `rs${i}`, n, JSON.stringify(document), userId, hash],
  );
  await client.query(`UPDATE "RuleSet" SET "currentVersionId" = $1 WHERE id = $2`, [`v${i}-${n}`, `rs${i}`]);
  await client.query(`INSERT INTO "PublicationEvent" (id, "ruleSetId", "versionId", kind, "actorId") VALUES ($1, $2, $3, 'published', $4)`, [randomBytes(12).toString("hex"), `rs${i}`, `v${i}-${n}`, userId]);
  await client.query(`UPDATE "PublicationState" SET serial = serial + 1 WHERE id = 1`);
  await client.query("COMMIT");
}

async function main() {
  if (!gc) console.warn("run with node --expose-gc for steady memory figures (npm run bench:catalog does)");
  const server = testServerUrl();
  const name = `bench_catalog_${randomBytes(4).toString("hex")}`;
  const url = await createScratchDatabase(server, name);
  const client = new pg.Client({ connectionString: url });
  try {
    await migrate(url);
    const setup = createDb(url, 1);
    await seedDemoAccounts(setup);
    const userId = (await setup.user.findFirstOrThrow()).id;
    await setup.$disconnect();
    await client.connect();
    const template = JSON.parse(readFileSync(path.join(process.cwd(), "content/back-pain/back-pain.ruleset.json"), "utf8")) as Record<string, unknown>;
    const documentBytes = Buffer.byteLength(JSON.stringify(template));
    let started = performance.now();
    await seed(client, userId, template);
    const seedMs = performance.now() - started;
    const { rows: size } = await client.query<{ bytes: string }>(`SELECT sum(pg_column_size(document))::text AS bytes FROM "RuleSetVersion"`);
    console.log(`Seeded ${RULE_SETS} rule sets × ${VERSIONS} versions of a ${(documentBytes / 1024).toFixed(0)} KB document (${MB(documentBytes * RULE_SETS * VERSIONS)} of JSON, ${MB(Number(size[0].bytes))} stored) in ${(seedMs / 1000).toFixed(1)} s`);

    // Baseline: the bare read of the current documents as text, the floor any load pays.
    started = performance.now();
    await client.query(`SELECT v.document::text FROM "RuleSet" r JOIN "RuleSetVersion" v ON v.id = r."currentVersionId"`);
    const floorMs = performance.now() - started;

    const before = memory();
    // A restart: a new pool and a new catalog; the first public answer is the list, then one rule set.
    const db = createDb(url, 4);
    const catalog = new PublishedCatalog(databaseCatalogSource(() => db), { checkIntervalMs: 0, olderVersionsCached: OLDER_CACHED, log: { warn: () => {}, info: () => {} } });
    started = performance.now();
    const first = await catalog.get();
    const listBytes = first.list.bytes.length;
    await (await currentVersion(first, findRuleSet(first, slugOf(1)))).body.representation("gzip");
    const restartMs = performance.now() - started;
    // The rest of the current documents are loaded in the background; steady state is measured once they are in.
    await catalog.warmed();
    const warmMs = performance.now() - started;
    if (!currentsLoaded(await catalog.get())) throw new Error("warming stopped before every current document was loaded");
    const loaded = memory();

    // Publications: one rule set each; the first answer for another rule set right after.
    const afterPublication: number[] = [];
    for (let p = 0; p < PUBLICATIONS; p++) {
      const target = 1 + ((p * 7919) % RULE_SETS);
      await publishNewVersion(client, userId, template, target, VERSIONS + 1 + p);
      const other = slugOf(1 + ((target + RULE_SETS / 2) % RULE_SETS));
      started = performance.now();
      const snapshot = await catalog.get();
      if ((await currentVersion(snapshot, findRuleSet(snapshot, other))).body.bytes.length === 0) throw new Error("an empty answer");
      afterPublication.push(performance.now() - started);
      if (findRuleSet(snapshot, slugOf(target)).head!.number !== VERSIONS + 1 + p) throw new Error("the publication was not picked up");
    }

    // Older versions: fill the cache, then ask for many more than it holds.
    let snapshot = await catalog.get();
    started = performance.now();
    for (let k = 0; k < OLDER_CACHED; k++) await findVersion(snapshot, slugOf(1 + (k % RULE_SETS)), 1 + (Math.floor(k / RULE_SETS) % (VERSIONS - 1)));
    const olderMs = (performance.now() - started) / OLDER_CACHED;
    const cacheFull = memory();
    snapshot = await catalog.get();
    const more = Math.min(OLDER_CACHED * 5, RULE_SETS * (VERSIONS - 1));
    for (let k = 0; k < more; k++) await findVersion(snapshot, slugOf(1 + ((k * 13) % RULE_SETS)), 2 + (k % (VERSIONS - 2)));
    const afterMore = memory();
    await db.$disconnect();

    const sorted = [...afterPublication].sort((a, b) => a - b);
    const worstPublication = sorted[sorted.length - 1];
    const perCurrent = (loaded.total - before.total) / RULE_SETS;
    const perOlder = (cacheFull.total - loaded.total) / OLDER_CACHED;
    const bounded = afterMore.total <= cacheFull.total * 1.1;
    console.log("");
    console.log(`| measure | value | target | verdict |`);
    console.log(`|---|---|---|---|`);
    console.log(`| first public answer after a restart | ${restartMs.toFixed(0)} ms (${(restartMs / floorMs).toFixed(1)}× the bare read of the current documents, ${floorMs.toFixed(0)} ms; list ${MB(listBytes)}) | < ${RESTART_TARGET_MS} ms | ${verdict(restartMs < RESTART_TARGET_MS)} |`);
    console.log(`| every current document loaded in the background after the restart | ${warmMs.toFixed(0)} ms (${(warmMs / floorMs).toFixed(1)}× the bare read) | (reported) | |`);
    console.log(`| first answer for another rule set after a publication (worst of ${PUBLICATIONS}; median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms) | ${worstPublication.toFixed(1)} ms | < ${PUBLICATION_TARGET_MS} ms | ${verdict(worstPublication < PUBLICATION_TARGET_MS)} |`);
    console.log(`| an older version loaded on demand (mean of ${OLDER_CACHED}) | ${olderMs.toFixed(1)} ms | (none) | |`);
    console.log(`| memory for ${RULE_SETS} current versions (heap + external) | ${MB(loaded.total - before.total)} (${(perCurrent / 1024).toFixed(0)} KB each); RSS ${MB(loaded.rss)} | (reported) | |`);
    console.log(`| memory with the older-versions cache full (${OLDER_CACHED}) | +${MB(cacheFull.total - loaded.total)} (${(perOlder / 1024).toFixed(0)} KB each); RSS ${MB(cacheFull.rss)} | (reported) | |`);
    console.log(`| memory after asking for ${more} more older versions | ${MB(afterMore.total)} vs ${MB(cacheFull.total)} with the cache full; RSS ${MB(afterMore.rss)} | ≤ 1.1× (bounded by current + cache) | ${verdict(bounded)} |`);
  } finally {
    await client.end().catch(() => {});
    await dropScratchDatabase(server, name);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
