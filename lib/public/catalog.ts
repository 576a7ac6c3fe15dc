import { compile, type CompiledRuleSet, type RuleSet } from "@/lib/engine";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { storedDocument } from "@/lib/rulesets/documents";
import { contentHash } from "./content-hash";
import { makeBody, type PublishedBody } from "./published-body";
import { readPublicationSerial } from "./publication-serial";
import type { PublishedRuleSet } from "./schemas";

// The reply layer owns how a body is encoded (lib/public/published-body.ts); re-exported for the catalog's users.
export { makeBody, type PublishedBody };

/**
 * The in-process copy of everything published: the public API answers from it
 * without touching the database. Published versions never change (a database
 * trigger guarantees it), so only "which version is current / withdrawn"
 * can go stale. Every instance checks one counter (PublicationState.serial,
 * bumped in the same transaction as each publish, rollback and withdrawal) at
 * most once per `checkIntervalMs`, and reloads when it moved; the instance
 * that publishes also invalidates its own copy at once.
 */

export interface PublishedVersionEntry {
  number: number;
  publishedAt: Date;
  document: RuleSet;
  contentHash: string;
  body: PublishedBody;
  compiled(): CompiledRuleSet;
}

export interface PublishedRuleSetEntry {
  slug: string;
  title: string;
  description: string;
  withdrawn: { reason: string; at: Date } | null;
  current: PublishedVersionEntry | null;
  versions: Map<number, PublishedVersionEntry>;
}

export interface CatalogSnapshot {
  serial: bigint;
  ruleSets: Map<string, PublishedRuleSetEntry>;
  list: PublishedBody;
}

async function versionEntry(number: number, publishedAt: Date, stored: unknown): Promise<PublishedVersionEntry> {
  const document = storedDocument(stored as never);
  const hash = await contentHash(document);
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

export async function loadCatalog(db: PrismaClient): Promise<CatalogSnapshot> {
  const serial = await readPublicationSerial(db);
  const ruleSets = await db.ruleSet.findMany({
    where: { currentVersionId: { not: null } },
    orderBy: { slug: "asc" },
    include: {
      versions: { where: { state: "published" }, select: { id: true, number: true, publishedAt: true, document: true } },
    },
  });
  const entries = new Map<string, PublishedRuleSetEntry>();
  for (const ruleSet of ruleSets) {
    const versions = new Map<number, PublishedVersionEntry>();
    for (const version of ruleSet.versions) {
      versions.set(version.number, await versionEntry(version.number, version.publishedAt ?? new Date(0), version.document));
    }
    const current = ruleSet.versions.find((version) => version.id === ruleSet.currentVersionId);
    entries.set(ruleSet.slug, {
      slug: ruleSet.slug,
      title: ruleSet.title,
      description: ruleSet.description,
      withdrawn: ruleSet.withdrawnAt ? { reason: ruleSet.withdrawnReason ?? "", at: ruleSet.withdrawnAt } : null,
      current: current ? versions.get(current.number)! : null,
      versions,
    });
  }
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

/** Where a catalog reads from: the database in production, anything with the same answers in a test of the cache itself. */
export interface CatalogSource {
  readSerial(): Promise<bigint>;
  load(): Promise<CatalogSnapshot>;
}

export function databaseCatalogSource(db: () => PrismaClient): CatalogSource {
  return { readSerial: () => readPublicationSerial(db()), load: () => loadCatalog(db()) };
}

export class PublishedCatalog {
  private snapshot: CatalogSnapshot | null = null;
  private loading: Promise<CatalogSnapshot> | null = null;
  private checkedAt = 0;
  /** Bumped by invalidate(): a load that started before it must not be kept as fresh. */
  private generation = 0;

  constructor(
    private readonly source: CatalogSource,
    private readonly checkIntervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current snapshot; at most one database round trip per interval, none in between. */
  async get(): Promise<CatalogSnapshot> {
    if (this.snapshot && this.now() - this.checkedAt < this.checkIntervalMs) return this.snapshot;
    return this.refresh();
  }

  /**
   * Forget the snapshot now (this instance just published, rolled back or withdrew).
   * A refresh already in flight may have read the database before the change
   * committed: it is detached, so the next request starts a new one, and its
   * result is not cached.
   */
  invalidate(): void {
    this.generation++;
    this.snapshot = null;
    this.checkedAt = 0;
    this.loading = null;
  }

  private refresh(): Promise<CatalogSnapshot> {
    // One refresh at a time: a burst of requests at the interval boundary shares it.
    if (this.loading) return this.loading;
    const loading = this.reload(this.generation).finally(() => {
      if (this.loading === loading) this.loading = null;
    });
    this.loading = loading;
    return loading;
  }

  private async reload(generation: number): Promise<CatalogSnapshot> {
    const known = this.snapshot;
    if (known) {
      const serial = await this.source.readSerial();
      if (serial === known.serial) {
        if (generation === this.generation) this.checkedAt = this.now();
        return known;
      }
    }
    const loaded = await this.source.load();
    if (generation === this.generation) {
      this.snapshot = loaded;
      this.checkedAt = this.now();
    }
    return loaded;
  }
}
