import { compile, type CompiledRuleSet, type RuleSet } from "@/lib/engine";
import { z } from "zod";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { storedDocument } from "@/lib/rulesets/documents";
import type { CatalogSnapshot, CurrentHead, PublishedRuleSetEntry, PublishedVersionEntry } from "./catalog";
import { makeBody } from "./published-body";
import { contentHash } from "./content-hash";
import { readPublicationSerial } from "./publication-serial";
import type { PublishedRuleSet } from "./schemas";

/**
 * Reading the catalog from the database. Current versions are loaded with the
 * catalog, or (deferCurrentDocuments, at a start) only what the list shows of them,
 * their documents then read by PublishedCatalog on demand and in the background;
 * older published ones on demand (PublishedCatalog keeps them in a
 * bounded cache). Published versions never change, so a reload after a serial
 * change keeps every entry it already has and fetches documents only for the
 * rule sets whose current version, withdrawal or names moved: one small query
 * over all rule sets (no documents) tells which.
 */

/** A version as the public API serves it, from a document already checked (database or verified snapshot). */
export function versionEntry(number: number, publishedAt: Date, document: RuleSet, hash: string): PublishedVersionEntry {
  const published: PublishedRuleSet = { ...document, version: number, publishedAt: publishedAt.toISOString(), contentHash: hash };
  let compiled: CompiledRuleSet | undefined;
  return {
    number,
    publishedAt,
    document,
    contentHash: hash,
    // Strong ETag: the same content under another version number is different bytes.
    body: makeBody(published, `"v${number}-${hash.slice(7, 39)}"`),
    compiled: () => (compiled ??= compile(document)),
  };
}

interface StoredVersion {
  id: string;
  number: number;
  publishedAt: Date | null;
  /** The document's JSON as text: parsed here with JSON.parse, several times faster than the query engine's JSON decoding (bench:catalog). */
  document: string;
  contentHash: string | null;
}

/** Published versions by id, documents as text. */
async function readVersions(db: PrismaClient, where: Prisma.Sql): Promise<StoredVersion[]> {
  return db.$queryRaw<StoredVersion[]>`
    SELECT id, number, "publishedAt", document::text AS document, "contentHash"
    FROM "RuleSetVersion" WHERE state = 'published' AND ${where}`;
}

/**
 * The hash recorded at publication is used as it is (published rows cannot change). A version
 * published before that column existed is hashed here once and the hash recorded, so no later load
 * hashes it again; if recording fails the version is still served, and the next load tries again.
 */
async function storedVersionEntry(db: PrismaClient, row: StoredVersion): Promise<PublishedVersionEntry> {
  const document = storedDocument(JSON.parse(row.document));
  let hash = row.contentHash;
  if (!hash) {
    hash = await contentHash(document);
    await db.$executeRaw`UPDATE "RuleSetVersion" SET "contentHash" = ${hash} WHERE id = ${row.id} AND "contentHash" IS NULL`.catch(() => undefined);
  }
  return versionEntry(row.number, row.publishedAt ?? new Date(0), document, hash);
}

const DOCUMENTS_PER_QUERY = 100;

interface RuleSetHead {
  id: string;
  slug: string;
  title: string;
  description: string;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  currentVersionId: string;
  currentNumber: number;
  currentPublished: boolean;
  currentPublishedAt: Date | null;
  currentContentHash: string | null;
  /** The current document's metadata as JSON text, extracted by the database only when documents are deferred. */
  metadata?: string | null;
}

/** A published version that is not current, loaded when a client first asks for it; null if it is not published. */
export async function loadPublishedVersion(db: PrismaClient, slug: string, number: number): Promise<PublishedVersionEntry | null> {
  const [row] = await readVersions(db, Prisma.sql`number = ${number} AND "ruleSetId" = (SELECT id FROM "RuleSet" WHERE slug = ${slug})`);
  return row ? storedVersionEntry(db, row) : null;
}

/** Several published versions in one query (warming the catalog after a start); the ones not published are left out. */
export async function loadPublishedVersions(db: PrismaClient, wanted: { slug: string; number: number }[]): Promise<{ slug: string; version: PublishedVersionEntry }[]> {
  if (wanted.length === 0) return [];
  const rows = await db.$queryRaw<(StoredVersion & { slug: string })[]>`
    SELECT v.id, v.number, v."publishedAt", v.document::text AS document, v."contentHash", r.slug
    FROM "RuleSetVersion" v JOIN "RuleSet" r ON r.id = v."ruleSetId"
    WHERE v.state = 'published' AND (${Prisma.join(
      wanted.map(({ slug, number }) => Prisma.sql`(r.slug = ${slug} AND v.number = ${number})`),
      " OR ",
    )})`;
  const loaded: { slug: string; version: PublishedVersionEntry }[] = [];
  for (const row of rows) {
    loaded.push({ slug: row.slug, version: await storedVersionEntry(db, row) });
    // Parsing and serialising one document takes milliseconds: let waiting requests in between.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return loaded;
}

/** The list's view of a loaded version. */
export function currentHead(version: PublishedVersionEntry): CurrentHead {
  const { title, description, summary } = version.document.metadata;
  return { number: version.number, publishedAt: version.publishedAt, contentHash: version.contentHash, title, description, ...(summary !== undefined ? { summary } : {}) };
}

/** The list body every instance derives the same way from its entries (their heads: no document needed). */
export function assembleSnapshot(serial: bigint, entries: Map<string, PublishedRuleSetEntry>): CatalogSnapshot {
  const list = [...entries.values()]
    .filter((entry) => entry.head && !entry.withdrawn)
    .map((entry) => ({
      slug: entry.slug,
      title: entry.head!.title,
      description: entry.head!.description,
      ...(entry.head!.summary ? { summary: entry.head!.summary } : {}),
      version: entry.head!.number,
      publishedAt: entry.head!.publishedAt.toISOString(),
      contentHash: entry.head!.contentHash,
    }));
  return { serial, ruleSets: entries, list: makeBody({ ruleSets: list }, `"list-${serial}"`) };
}

export interface LoadOptions {
  /** Leave current documents unread (entry.current null) where the list can be answered without them. */
  deferCurrentDocuments?: boolean;
}

/** What the list shows of a document's metadata, with the document schema's default for description. */
const DeferredMetadata = z.object({ title: z.string(), description: z.string().default(""), summary: z.string().optional() });

/** The head of a current version whose document was not read, from the columns and the metadata the database extracted. */
function deferredHead(head: RuleSetHead): CurrentHead {
  // The same fields storedDocument would give (a published document passed its schema at publication).
  const metadata = DeferredMetadata.parse(JSON.parse(head.metadata ?? "{}"));
  return {
    number: head.currentNumber,
    publishedAt: head.currentPublishedAt ?? new Date(0),
    contentHash: head.currentContentHash!,
    title: metadata.title,
    description: metadata.description,
    ...(metadata.summary !== undefined ? { summary: metadata.summary } : {}),
  };
}

function sameWithdrawal(entry: PublishedRuleSetEntry, withdrawnAt: Date | null, reason: string | null): boolean {
  if (!entry.withdrawn || !withdrawnAt) return !entry.withdrawn && !withdrawnAt;
  return entry.withdrawn.at.getTime() === withdrawnAt.getTime() && entry.withdrawn.reason === (reason ?? "");
}

/**
 * The catalog as the database has it now. With `known` (the snapshot being served),
 * unchanged rule sets are reused as they are and changed ones keep their versions.
 */
export async function loadCatalog(db: PrismaClient, known: CatalogSnapshot | null = null, options: LoadOptions = {}): Promise<CatalogSnapshot> {
  // The serial first: whatever is read after it is at least as new, so the next check cannot miss a change.
  const serial = await readPublicationSerial(db);
  const defer = options.deferCurrentDocuments === true;
  // One row per published rule set and no documents: raw SQL, as this runs after every publication anywhere.
  // Deferring, the database extracts what the list shows from each current document instead (no document crosses the wire).
  // One expression on the column: each one would de-TOAST (decompress) the whole document again.
  const metadata = defer ? Prisma.sql`, (v.document->'metadata')::text AS metadata` : Prisma.empty;
  const heads = await db.$queryRaw<RuleSetHead[]>`
    SELECT r.id, r.slug, r.title, r.description, r."withdrawnAt", r."withdrawnReason", r."currentVersionId", v.number AS "currentNumber",
      v.state = 'published' AS "currentPublished", v."publishedAt" AS "currentPublishedAt", v."contentHash" AS "currentContentHash"${metadata}
    FROM "RuleSet" r JOIN "RuleSetVersion" v ON v.id = r."currentVersionId"`;
  const entries = new Map<string, PublishedRuleSetEntry>();
  const changed = heads.filter((head) => {
    const entry = known?.ruleSets.get(head.slug);
    const unchanged =
      entry &&
      entry.head?.number === head.currentNumber &&
      entry.title === head.title &&
      entry.description === head.description &&
      sameWithdrawal(entry, head.withdrawnAt, head.withdrawnReason);
    if (unchanged) entries.set(head.slug, entry);
    return !unchanged;
  });
  if (changed.length > 0) {
    // Which versions are published (numbers only), and the documents of current versions this instance lacks.
    const published = await db.ruleSetVersion.findMany({
      where: { ruleSetId: { in: changed.map((head) => head.id) }, state: "published" },
      select: { ruleSetId: true, number: true },
    });
    const numbersOf = new Map<string, Set<number>>();
    for (const version of published) numbersOf.set(version.ruleSetId, (numbersOf.get(version.ruleSetId) ?? new Set()).add(version.number));
    const reusable = (head: (typeof changed)[number]) => {
      const entry = known?.ruleSets.get(head.slug);
      return entry?.versions.get(head.currentNumber);
    };
    // A head without a recorded hash (published before the column existed) needs its document to be hashed now.
    const deferred = (head: RuleSetHead) => defer && head.currentPublished && head.currentContentHash !== null;
    const missing = changed.filter((head) => !reusable(head) && !deferred(head)).map((head) => head.currentVersionId);
    const loaded = new Map<string, PublishedVersionEntry>();
    // In slices, so a cold start holds the JSON of one slice in flight rather than of every rule set at once.
    for (let start = 0; start < missing.length; start += DOCUMENTS_PER_QUERY) {
      const rows = await readVersions(db, Prisma.sql`id IN (${Prisma.join(missing.slice(start, start + DOCUMENTS_PER_QUERY))})`);
      for (const row of rows) loaded.set(row.id, await storedVersionEntry(db, row));
    }
    for (const head of changed) {
      const current = reusable(head) ?? loaded.get(head.currentVersionId) ?? null;
      entries.set(head.slug, {
        slug: head.slug,
        title: head.title,
        description: head.description,
        withdrawn: head.withdrawnAt ? { reason: head.withdrawnReason ?? "", at: head.withdrawnAt } : null,
        head: current ? currentHead(current) : deferred(head) ? deferredHead(head) : null,
        current,
        versions: new Map(current ? [[current.number, current]] : []),
        published: numbersOf.get(head.id) ?? new Set(),
      });
    }
  }
  // Keep the list in slug order whichever rule sets were reloaded.
  const ordered = new Map([...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return assembleSnapshot(serial, ordered);
}
