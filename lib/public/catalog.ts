import type { CompiledRuleSet, RuleSet } from "@/lib/engine";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { CatalogStore, StoredCatalog } from "./catalog-disk";
import { loadCatalog, loadPublishedVersion, loadPublishedVersions } from "./catalog-loading";
import { LruCache } from "./lru";
import { makeBody, type PublishedBody } from "./published-body";
import { readPublicationSerial } from "./publication-serial";
import { retryDelayMs, type RetrySchedule } from "./retry-schedule";

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
 *
 * Stale-if-error: when a check or a reload fails, the last good catalog keeps
 * being served (pinned versions never need the database once loaded), the outage
 * is logged once (and its end once), and the database is asked again after an
 * exponentially growing delay rather than on every request. Requests that arrive
 * while a check runs are answered from the current snapshot without waiting.
 */

export interface PublishedVersionEntry {
  number: number;
  publishedAt: Date;
  document: RuleSet;
  contentHash: string;
  body: PublishedBody;
  compiled(): CompiledRuleSet;
}

/** What the list and the routes need of a current version, known without reading its document. */
export interface CurrentHead {
  number: number;
  publishedAt: Date;
  contentHash: string;
  /** The document's metadata, as the list shows it. */
  title: string;
  description: string;
  summary?: string;
}

export interface PublishedRuleSetEntry {
  slug: string;
  title: string;
  description: string;
  withdrawn: { reason: string; at: Date } | null;
  /** The current published version as the list shows it; null when nothing current is published. */
  head: CurrentHead | null;
  /**
   * The current version with its document; null until loaded. After a restart the catalog
   * answers the list from the heads and loads each document when first asked for (see
   * currentVersion in service.ts), warming the rest in the background. Set once, never replaced:
   * a new current version makes a new entry.
   */
  current: PublishedVersionEntry | null;
  /** The versions held with the entry: the current one once loaded. Older ones come from CatalogSnapshot.older. */
  versions: Map<number, PublishedVersionEntry>;
  /** Every published version number of the rule set, loaded or not. */
  published: ReadonlySet<number>;
}

/** Older published versions, loaded on demand and kept in a bounded cache shared by every snapshot. */
export interface OlderVersions {
  get(slug: string, number: number): Promise<PublishedVersionEntry | undefined>;
}

export interface CatalogSnapshot {
  serial: bigint;
  ruleSets: Map<string, PublishedRuleSetEntry>;
  list: PublishedBody;
  /** Set by the PublishedCatalog serving the snapshot; without it only current versions are found. */
  older?: OlderVersions;
  /** Set by the PublishedCatalog serving the snapshot: loads a current version not loaded yet. */
  currents?: CurrentVersions;
}

/** Current versions whose documents were not read yet (after a restart), loaded once each on first request. */
export interface CurrentVersions {
  get(entry: PublishedRuleSetEntry): Promise<PublishedVersionEntry>;
}

/** Whether every current version's document is in memory (then the snapshot may be written to disk). */
export function currentsLoaded(snapshot: CatalogSnapshot): boolean {
  for (const entry of snapshot.ruleSets.values()) if (entry.head && !entry.current) return false;
  return true;
}

export { loadCatalog };

/** Where a catalog reads from: the database in production, anything with the same answers in a test of the cache itself. */
export interface CatalogSource {
  readSerial(): Promise<bigint>;
  /**
   * The catalog now; `known` is what is being served, so unchanged parts can be kept. Without
   * `known` (a start), current documents may be left unloaded (entry.current null, entry.head set).
   */
  load(known: CatalogSnapshot | null): Promise<CatalogSnapshot>;
  /** One published version (null: not published). */
  loadVersion(slug: string, number: number): Promise<PublishedVersionEntry | null>;
  /** Several published versions at once, for warming; absent: one loadVersion each. */
  loadVersions?(wanted: { slug: string; number: number }[]): Promise<{ slug: string; version: PublishedVersionEntry }[]>;
}

export function databaseCatalogSource(db: () => PrismaClient): CatalogSource {
  return {
    readSerial: () => readPublicationSerial(db()),
    // A start reads no documents (the first answer must not wait for all of them); later reloads read the few that changed.
    load: (known) => loadCatalog(db(), known, { deferCurrentDocuments: known === null }),
    loadVersion: (slug, number) => loadPublishedVersion(db(), slug, number),
    loadVersions: (wanted) => loadPublishedVersions(db(), wanted),
  };
}

export interface CatalogOptions {
  checkIntervalMs: number;
  now?: () => number;
  retry?: RetrySchedule;
  /** The last good catalog on disk: written after each load, read when the database cannot be reached at start-up. */
  store?: CatalogStore | null;
  log?: Pick<Console, "warn" | "info">;
  /** How many older (not current) published versions stay in memory once loaded. */
  olderVersionsCached?: number;
  /** How many current documents the background warmer reads per query after a start. */
  warmBatch?: number;
}

/** What a load balancer or an operator needs to know (GET /api/public/health). */
export interface CatalogStatus {
  /** The serial of the catalog being served; null before anything could be loaded. */
  serial: bigint | null;
  /** Seconds since the database last confirmed the served catalog was current; null when none is loaded. */
  ageSeconds: number | null;
  /** Whether the last check reached the database (null before the first). */
  databaseAnswered: boolean | null;
  /** "database" once loaded from it, "disk" while serving the snapshot file of an earlier run. */
  loadedFrom: "database" | "disk" | null;
  /** The served catalog is older than the database may be: the last check failed, or it came from disk. */
  stale: boolean;
}

const DEFAULT_RETRY: RetrySchedule = { firstMs: 500, maxMs: 30_000 };

export class PublishedCatalog {
  private snapshot: CatalogSnapshot | null = null;
  private loading: Promise<CatalogSnapshot> | null = null;
  private checkedAt = 0;
  /** When the database last said the snapshot was current (ms), for the age header and health. */
  private confirmedAt = 0;
  private loadedFrom: "database" | "disk" | null = null;
  private lastCheckAnswered: boolean | null = null;
  private consecutiveFailures = 0;
  private retryAt = 0;
  /** Set by invalidate(): this instance changed what is published, so the next read waits for the new state. */
  private mustReload = false;
  private diskTried = false;
  private lastError: unknown = undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Bumped by invalidate(): a load that started before it must not be kept as fresh. */
  private generation = 0;
  private readonly checkIntervalMs: number;
  private readonly now: () => number;
  private readonly retry: RetrySchedule;
  private readonly store: CatalogStore | null;
  private readonly log: Pick<Console, "warn" | "info">;
  private readonly olderCache: LruCache<string, PublishedVersionEntry>;
  private readonly olderLoading = new Map<string, Promise<PublishedVersionEntry | undefined>>();
  private readonly older: OlderVersions = { get: (slug, number) => this.olderVersion(slug, number) };
  private readonly currentLoading = new Map<string, Promise<PublishedVersionEntry>>();
  private readonly currents: CurrentVersions = { get: (entry) => this.currentVersion(entry) };
  /** The background load of current documents not read at start-up; null when none runs. */
  private warming: Promise<void> | null = null;
  /** The snapshot file read during an outage, for current documents not loaded before it began. */
  private diskForCurrents: Promise<StoredCatalog | null> | null = null;
  private readonly warmBatch: number;

  constructor(source: CatalogSource, options: CatalogOptions);
  constructor(source: CatalogSource, checkIntervalMs: number, now?: () => number);
  constructor(
    private readonly source: CatalogSource,
    options: CatalogOptions | number,
    now?: () => number,
  ) {
    const resolved = typeof options === "number" ? { checkIntervalMs: options, now } : options;
    this.checkIntervalMs = resolved.checkIntervalMs;
    this.now = resolved.now ?? Date.now;
    this.retry = resolved.retry ?? DEFAULT_RETRY;
    this.store = resolved.store ?? null;
    this.log = resolved.log ?? console;
    this.olderCache = new LruCache(resolved.olderVersionsCached ?? 200);
    this.warmBatch = resolved.warmBatch ?? 20;
  }

  /** The current snapshot; at most one database round trip per interval, none in between, none while backing off. */
  async get(): Promise<CatalogSnapshot> {
    const known = this.snapshot;
    if (!known) return this.first();
    const backingOff = this.now() < this.retryAt;
    if (this.mustReload) {
      if (backingOff) return known;
      return this.refresh().catch(() => known);
    }
    if (backingOff || this.now() - this.checkedAt < this.checkIntervalMs) return known;
    // Someone else's check is under way: answer from what is here rather than queue behind it.
    if (this.loading) return known;
    return this.refresh().catch(() => known);
  }

  /**
   * Forget that the snapshot is current (this instance just published, rolled back or withdrew).
   * A refresh already in flight may have read the database before the change
   * committed: it is detached, so the next request starts a new one, and its
   * result is not cached. The old snapshot stays, to be served if the database is gone.
   */
  invalidate(): void {
    this.generation++;
    this.mustReload = true;
    this.checkedAt = 0;
    this.retryAt = 0;
    this.loading = null;
  }

  status(): CatalogStatus {
    const loaded = this.snapshot !== null;
    return {
      serial: this.snapshot?.serial ?? null,
      ageSeconds: loaded ? Math.max(0, Math.floor((this.now() - this.confirmedAt) / 1000)) : null,
      databaseAnswered: this.lastCheckAnswered,
      loadedFrom: this.loadedFrom,
      stale: loaded && (this.lastCheckAnswered === false || this.loadedFrom === "disk"),
    };
  }

  /** Resolves once the snapshot file has been written for every load so far (tests, shutdown). */
  flushed(): Promise<void> {
    return this.writing;
  }

  /** Resolves once the background warmer has stopped: every current document loaded, or the database failed (tests, bench). */
  async warmed(): Promise<void> {
    while (this.warming) await this.warming;
  }

  /**
   * Nothing served yet: wait for the database, or fall back to the snapshot on disk if it
   * cannot be reached. While backing off, fail at once with the last error (a 503) instead of
   * making every request wait for a connection attempt.
   */
  private async first(): Promise<CatalogSnapshot> {
    if (this.now() < this.retryAt && this.lastError !== undefined) throw this.lastError;
    try {
      return await this.refresh();
    } catch (error) {
      const stored = await this.fromDisk();
      if (stored) return stored;
      throw error;
    }
  }

  private async fromDisk(): Promise<CatalogSnapshot | null> {
    if (this.snapshot) return this.snapshot;
    if (this.diskTried || !this.store) return null;
    this.diskTried = true;
    try {
      const stored = await this.store.read();
      if (!stored || this.snapshot) return this.snapshot;
      stored.snapshot.older = this.older;
      stored.snapshot.currents = this.currents;
      for (const { slug, version } of stored.older) this.olderCache.set(`${slug}/${version.number}`, version);
      this.snapshot = stored.snapshot;
      this.loadedFrom = "disk";
      this.confirmedAt = stored.savedAt.getTime();
      this.log.warn(
        `Public catalog: the database is unreachable; serving the snapshot saved at ${stored.savedAt.toISOString()} (serial ${stored.snapshot.serial}, ${stored.snapshot.ruleSets.size} rule sets)` +
          (stored.refused.length > 0 ? `; refused versions whose content hash did not match: ${stored.refused.join(", ")}` : ""),
      );
      return stored.snapshot;
    } catch (error) {
      this.log.warn(`Public catalog: the snapshot file could not be read (${String(error)})`);
      return null;
    }
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
    let loaded: CatalogSnapshot;
    try {
      // A snapshot from disk is checked by loading: its serial says nothing about what is missing from it.
      const serial = known && this.loadedFrom === "database" ? await this.source.readSerial() : null;
      loaded = serial !== null && serial === known!.serial ? known! : await this.source.load(known && this.loadedFrom === "database" ? known : null);
    } catch (error) {
      if (generation === this.generation) this.failed(error);
      throw error;
    }
    loaded.older = this.older;
    loaded.currents = this.currents;
    if (generation === this.generation) {
      const changed = loaded !== this.snapshot;
      if (changed && known) this.keepReplacedCurrents(known, loaded);
      this.snapshot = loaded;
      this.loadedFrom = "database";
      this.checkedAt = this.confirmedAt = this.now();
      this.mustReload = false;
      this.recovered();
      // A snapshot with current documents still unread is written by the warmer once they are in.
      if (currentsLoaded(loaded)) {
        if (changed) this.save(loaded);
      } else this.warm();
    }
    return loaded;
  }

  /**
   * A current version whose document was not read at start-up: one load per version however many
   * ask at once, kept in its entry. When the database cannot be reached, the snapshot file's copy
   * of the same version (hash verified) is served instead, as stale-if-error serves everything else.
   */
  private currentVersion(entry: PublishedRuleSetEntry): Promise<PublishedVersionEntry> {
    if (entry.current) return Promise.resolve(entry.current);
    const head = entry.head;
    if (!head) return Promise.reject(new Error(`Public catalog: ${entry.slug} has no current version`));
    const key = `${entry.slug}/${head.number}`;
    const pending = this.currentLoading.get(key);
    if (pending) return pending;
    const loading = this.readCurrent(entry, head)
      .then((version) => this.install(entry, version))
      .finally(() => this.currentLoading.delete(key));
    this.currentLoading.set(key, loading);
    return loading;
  }

  private async readCurrent(entry: PublishedRuleSetEntry, head: CurrentHead): Promise<PublishedVersionEntry> {
    // A version that was current, then replaced, then current again (a rollback) may be in the cache already.
    const cached = this.olderCache.peek(`${entry.slug}/${head.number}`);
    if (cached && cached.contentHash === head.contentHash) return cached;
    let loaded: PublishedVersionEntry | null;
    try {
      loaded = await this.source.loadVersion(entry.slug, head.number);
    } catch (error) {
      const stored = await this.storedCurrent(entry.slug, head);
      if (stored) return stored;
      throw error;
    }
    if (!loaded || loaded.contentHash !== head.contentHash) throw new Error(`Public catalog: ${entry.slug} version ${head.number} is no longer the published version the catalog lists`);
    return loaded;
  }

  private async storedCurrent(slug: string, head: CurrentHead): Promise<PublishedVersionEntry | null> {
    if (!this.store) return null;
    const store = this.store;
    this.diskForCurrents ??= store.read().catch(() => null);
    const stored = await this.diskForCurrents;
    const version = stored?.snapshot.ruleSets.get(slug)?.current;
    return version && version.number === head.number && version.contentHash === head.contentHash ? version : null;
  }

  /** The first load of a current document wins; later ones (the warmer and a request racing) get the same object. */
  private install(entry: PublishedRuleSetEntry, version: PublishedVersionEntry): PublishedVersionEntry {
    if (entry.current) return entry.current;
    entry.current = version;
    entry.versions.set(version.number, version);
    return version;
  }

  /**
   * Loads the current documents not read at start-up, a few per query, so that steady state is
   * what an eager load gave (no request waits for a document) without the first answer waiting
   * for all of them. Requests are served meanwhile: the loader yields after each document. It
   * stops when the database fails; the next successful reload starts it again. Once every current
   * document is in, the snapshot file is written.
   */
  private warm(): void {
    if (this.warming) return;
    const warming = this.warmRemaining()
      .catch(() => undefined)
      .finally(() => {
        if (this.warming === warming) this.warming = null;
      });
    this.warming = warming;
  }

  private async warmRemaining(): Promise<void> {
    const skipped = new Set<PublishedRuleSetEntry>();
    for (;;) {
      const snapshot = this.snapshot;
      if (!snapshot || this.loadedFrom !== "database") return;
      const batch: PublishedRuleSetEntry[] = [];
      for (const entry of snapshot.ruleSets.values()) {
        if (entry.head && !entry.current && !skipped.has(entry) && !this.currentLoading.has(`${entry.slug}/${entry.head.number}`)) batch.push(entry);
        if (batch.length === this.warmBatch) break;
      }
      if (batch.length === 0) {
        // Requests may still be loading the last few; the file is written when they are all in.
        await Promise.all(this.currentLoading.values());
        if (this.snapshot === snapshot && currentsLoaded(snapshot)) this.save(snapshot);
        else if (this.snapshot !== snapshot) continue;
        return;
      }
      const wanted = batch.map((entry) => ({ slug: entry.slug, number: entry.head!.number }));
      const loaded = this.source.loadVersions
        ? await this.source.loadVersions(wanted)
        : (await Promise.all(wanted.map(async ({ slug, number }) => ({ slug, version: await this.source.loadVersion(slug, number) })))).flatMap(({ slug, version }) => (version ? [{ slug, version }] : []));
      const bySlug = new Map(loaded.map(({ slug, version }) => [slug, version]));
      for (const entry of batch) {
        const version = bySlug.get(entry.slug);
        if (version && version.number === entry.head!.number && version.contentHash === entry.head!.contentHash) this.install(entry, version);
        // Gone or changed since the heads were read: the next reload makes a new entry for it.
        else if (!entry.current) skipped.add(entry);
      }
    }
  }

  private cachedOlderVersions(): { slug: string; version: PublishedVersionEntry }[] {
    return this.olderCache.keys().flatMap((key) => {
      const version = this.olderCache.peek(key);
      return version ? [{ slug: key.slice(0, key.lastIndexOf("/")), version }] : [];
    });
  }

  /** A version that stopped being current is likely still pinned by clients: keep it in the cache rather than drop it. */
  private keepReplacedCurrents(known: CatalogSnapshot, loaded: CatalogSnapshot): void {
    for (const [slug, entry] of known.ruleSets) {
      const replaced = entry.current;
      if (replaced && loaded.ruleSets.get(slug)?.current !== replaced) this.olderCache.set(`${slug}/${replaced.number}`, replaced);
    }
  }

  /** An older version: from the cache, else from the database (one load per version however many ask at once). */
  private olderVersion(slug: string, number: number): Promise<PublishedVersionEntry | undefined> {
    const key = `${slug}/${number}`;
    const cached = this.olderCache.get(key);
    if (cached) return Promise.resolve(cached);
    const pending = this.olderLoading.get(key);
    if (pending) return pending;
    const loading = this.source
      .loadVersion(slug, number)
      .then((entry) => {
        if (entry) this.olderCache.set(key, entry);
        return entry ?? undefined;
      })
      .finally(() => this.olderLoading.delete(key));
    this.olderLoading.set(key, loading);
    return loading;
  }

  private failed(error: unknown): void {
    this.consecutiveFailures++;
    this.lastError = error;
    this.retryAt = this.now() + retryDelayMs(this.retry, this.consecutiveFailures);
    const firstOfOutage = this.lastCheckAnswered !== false;
    this.lastCheckAnswered = false;
    if (firstOfOutage) {
      const serving = this.snapshot ? `serving the catalog of serial ${this.snapshot.serial} until it answers` : "nothing to serve yet";
      this.log.warn(`Public catalog: the database did not answer (${error instanceof Error ? error.message.trim().split("\n").pop() : String(error)}); ${serving}; retrying with backoff up to ${this.retry.maxMs} ms`);
    }
  }

  private recovered(): void {
    if (this.lastCheckAnswered === false) this.log.info(`Public catalog: the database answers again after ${this.consecutiveFailures} failed checks; serving serial ${this.snapshot?.serial}`);
    this.lastCheckAnswered = true;
    this.consecutiveFailures = 0;
    this.retryAt = 0;
  }

  /** Writes are chained, so the file always ends up holding the newest snapshot; a failure is logged, never served. */
  private save(snapshot: CatalogSnapshot): void {
    const store = this.store;
    if (!store) return;
    this.writing = this.writing
      .then(() => (this.snapshot === snapshot ? store.write(snapshot, this.cachedOlderVersions()) : undefined))
      .catch((error: unknown) => this.log.warn(`Public catalog: the snapshot file could not be written (${String(error)})`));
  }
}
