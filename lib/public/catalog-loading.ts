import { compile, type CompiledRuleSet, type RuleSet } from "@/lib/engine";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { storedDocument } from "@/lib/rulesets/documents";
import { makeBody, type CatalogSnapshot, type PublishedRuleSetEntry, type PublishedVersionEntry } from "./catalog";
import { contentHash } from "./content-hash";
import { readPublicationSerial } from "./publication-serial";
import type { PublishedRuleSet } from "./schemas";

/**
 * Reading the catalog from the database. Published versions never change, so a
 * reload after a serial change keeps every version it already has and fetches
 * documents only for the rule sets whose current version, withdrawal or names
 * moved: one small query over all rule sets (no documents) tells which.
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
  document: unknown;
  contentHash: string | null;
}

/**
 * The hash recorded at publication is used as it is (published rows cannot change). A version
 * published before that column existed is hashed here once and the hash recorded, so no later load
 * hashes it again; if recording fails the version is still served, and the next load tries again.
 */
async function storedVersionEntry(db: PrismaClient, row: StoredVersion): Promise<PublishedVersionEntry> {
  const document = storedDocument(row.document as never);
  let hash = row.contentHash;
  if (!hash) {
    hash = await contentHash(document);
    await db.$executeRaw`UPDATE "RuleSetVersion" SET "contentHash" = ${hash} WHERE id = ${row.id} AND "contentHash" IS NULL`.catch(() => undefined);
  }
  return versionEntry(row.number, row.publishedAt ?? new Date(0), document, hash);
}

/** The list body every instance derives the same way from its entries. */
export function assembleSnapshot(serial: bigint, entries: Map<string, PublishedRuleSetEntry>): CatalogSnapshot {
  const list = [...entries.values()]
    .filter((entry) => entry.current && !entry.withdrawn)
    .map((entry) => ({
      slug: entry.slug,
      title: entry.current!.document.metadata.title,
      description: entry.current!.document.metadata.description,
      ...(entry.current!.document.metadata.summary ? { summary: entry.current!.document.metadata.summary } : {}),
      version: entry.current!.number,
      publishedAt: entry.current!.publishedAt.toISOString(),
      contentHash: entry.current!.contentHash,
    }));
  return { serial, ruleSets: entries, list: makeBody({ ruleSets: list }, `"list-${serial}"`) };
}

function sameWithdrawal(entry: PublishedRuleSetEntry, withdrawnAt: Date | null, reason: string | null): boolean {
  if (!entry.withdrawn || !withdrawnAt) return !entry.withdrawn && !withdrawnAt;
  return entry.withdrawn.at.getTime() === withdrawnAt.getTime() && entry.withdrawn.reason === (reason ?? "");
}

/**
 * The catalog as the database has it now. With `known` (the snapshot being served),
 * unchanged rule sets are reused as they are and changed ones keep their versions.
 */
export async function loadCatalog(db: PrismaClient, known: CatalogSnapshot | null = null): Promise<CatalogSnapshot> {
  // The serial first: whatever is read after it is at least as new, so the next check cannot miss a change.
  const serial = await readPublicationSerial(db);
  const heads = await db.ruleSet.findMany({
    where: { currentVersionId: { not: null } },
    orderBy: { slug: "asc" },
    select: { id: true, slug: true, title: true, description: true, withdrawnAt: true, withdrawnReason: true, currentVersion: { select: { number: true } } },
  });
  const entries = new Map<string, PublishedRuleSetEntry>();
  const changed = heads.filter((head) => {
    const entry = known?.ruleSets.get(head.slug);
    const unchanged =
      entry &&
      entry.current?.number === head.currentVersion?.number &&
      entry.title === head.title &&
      entry.description === head.description &&
      sameWithdrawal(entry, head.withdrawnAt, head.withdrawnReason);
    if (unchanged) entries.set(head.slug, entry);
    return !unchanged;
  });
  if (changed.length > 0) {
    const versions = await db.ruleSetVersion.findMany({
      where: { ruleSetId: { in: changed.map((head) => head.id) }, state: "published" },
      select: { ruleSetId: true, number: true, publishedAt: true },
    });
    const slugOf = new Map(changed.map((head) => [head.id, head.slug]));
    // Documents only for versions this instance has never loaded: the others cannot have changed.
    const missing = versions.filter((version) => !known?.ruleSets.get(slugOf.get(version.ruleSetId)!)?.versions.has(version.number));
    const documents =
      missing.length === 0
        ? []
        : await db.ruleSetVersion.findMany({
            where: { OR: missing.map((version) => ({ ruleSetId: version.ruleSetId, number: version.number })) },
            select: { id: true, ruleSetId: true, number: true, publishedAt: true, document: true, contentHash: true },
          });
    const loaded = new Map<string, PublishedVersionEntry>();
    for (const row of documents) loaded.set(`${row.ruleSetId}/${row.number}`, await storedVersionEntry(db, row));
    const versionsOf = new Map<string, typeof versions>();
    for (const version of versions) versionsOf.set(version.ruleSetId, [...(versionsOf.get(version.ruleSetId) ?? []), version]);
    for (const head of changed) {
      const previous = known?.ruleSets.get(head.slug)?.versions;
      const own = new Map<number, PublishedVersionEntry>();
      for (const version of (versionsOf.get(head.id) ?? []).sort((a, b) => a.number - b.number)) {
        const entry = previous?.get(version.number) ?? loaded.get(`${head.id}/${version.number}`);
        if (entry) own.set(version.number, entry);
      }
      entries.set(head.slug, {
        slug: head.slug,
        title: head.title,
        description: head.description,
        withdrawn: head.withdrawnAt ? { reason: head.withdrawnReason ?? "", at: head.withdrawnAt } : null,
        current: head.currentVersion ? (own.get(head.currentVersion.number) ?? null) : null,
        versions: own,
      });
    }
  }
  // Keep the list in slug order whichever rule sets were reloaded.
  const ordered = new Map([...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return assembleSnapshot(serial, ordered);
}
