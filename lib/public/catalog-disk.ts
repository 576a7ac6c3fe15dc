import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { RuleSetSchema } from "@/lib/engine";
import type { CatalogSnapshot, PublishedRuleSetEntry, PublishedVersionEntry } from "./catalog";
import { assembleSnapshot, currentHead, versionEntry } from "./catalog-loading";
import { contentHash } from "./content-hash";

/**
 * The last good catalog on disk, so that an instance restarted while the database
 * is unreachable still serves what was published. Written atomically (a temporary
 * file in the same directory, fsync, rename), so a reader sees the old file or the
 * new one, never half of one. On reading, every version's content hash is computed
 * again: a version whose document does not match is refused, and so is its rule
 * set if that version is the current one (better 404 than unverified clinical content).
 * The file names the database it came from, so a snapshot never crosses databases.
 * It holds the current versions and the older ones in the cache when it was written;
 * an older version asked for during an outage after a restart that is in neither is
 * answered 503, like any read that needs the database.
 */

const FORMAT = 2;

const VersionOnDisk = z.object({ number: z.number().int().positive(), publishedAt: z.string(), contentHash: z.string(), document: z.unknown() });
const RuleSetOnDisk = z.object({
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  withdrawn: z.object({ reason: z.string(), at: z.string() }).nullable(),
  current: z.number().int().positive().nullable(),
  published: z.array(z.number().int().positive()),
  versions: z.array(VersionOnDisk),
});
const SnapshotOnDisk = z.object({
  format: z.literal(FORMAT),
  database: z.string(),
  serial: z.string().regex(/^\d+$/),
  savedAt: z.string(),
  ruleSets: z.array(RuleSetOnDisk),
});

export interface StoredCatalog {
  snapshot: CatalogSnapshot;
  /** When the database last confirmed this catalog (the moment it was saved). */
  savedAt: Date;
  /** Versions whose content hash did not match, as "slug@n". */
  refused: string[];
  /** Verified versions that are not current, for the older-versions cache. */
  older: { slug: string; version: PublishedVersionEntry }[];
}

export interface CatalogStore {
  /** `older`: cached versions that are not current, saved alongside so a restart still has them. */
  write(snapshot: CatalogSnapshot, older?: { slug: string; version: PublishedVersionEntry }[]): Promise<void>;
  read(): Promise<StoredCatalog | null>;
}

/** Which database a snapshot belongs to: host, port and name, never the password. */
export function databaseIdentity(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || "5432"}/${url.pathname.replace(/^\//, "")}`;
  } catch {
    return "unknown";
  }
}

function serialise(snapshot: CatalogSnapshot, database: string, older: { slug: string; version: PublishedVersionEntry }[]): string {
  const olderOf = new Map<string, PublishedVersionEntry[]>();
  for (const { slug, version } of older) olderOf.set(slug, [...(olderOf.get(slug) ?? []), version]);
  const ruleSets = [...snapshot.ruleSets.values()].map((entry) => ({
    slug: entry.slug,
    title: entry.title,
    description: entry.description,
    withdrawn: entry.withdrawn ? { reason: entry.withdrawn.reason, at: entry.withdrawn.at.toISOString() } : null,
    current: entry.current?.number ?? null,
    published: [...entry.published],
    versions: [...entry.versions.values(), ...(olderOf.get(entry.slug) ?? []).filter((version) => !entry.versions.has(version.number))].map((version) => ({
      number: version.number,
      publishedAt: version.publishedAt.toISOString(),
      contentHash: version.contentHash,
      document: version.document,
    })),
  }));
  return JSON.stringify({ format: FORMAT, database, serial: snapshot.serial.toString(), savedAt: new Date().toISOString(), ruleSets });
}

export function fileCatalogStore(file: string, database: string): CatalogStore {
  return {
    async write(snapshot, older = []) {
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      try {
        const handle = await open(temporary, "w", 0o600);
        try {
          await handle.writeFile(serialise(snapshot, database, older));
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async read() {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
      return parseStoredCatalog(text, database);
    },
  };
}

/** The catalog in a snapshot file, every version verified; null when the file is unreadable or from another database. */
export async function parseStoredCatalog(text: string, database: string): Promise<StoredCatalog | null> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = SnapshotOnDisk.safeParse(json);
  if (!parsed.success || parsed.data.database !== database) return null;
  const refused: string[] = [];
  const older: { slug: string; version: PublishedVersionEntry }[] = [];
  const entries = new Map<string, PublishedRuleSetEntry>();
  for (const ruleSet of parsed.data.ruleSets) {
    const versions = new Map<number, PublishedVersionEntry>();
    for (const version of ruleSet.versions) {
      const document = RuleSetSchema.safeParse(version.document);
      const publishedAt = new Date(version.publishedAt);
      if (!document.success || Number.isNaN(publishedAt.getTime()) || (await contentHash(document.data)) !== version.contentHash) {
        refused.push(`${ruleSet.slug}@${version.number}`);
        continue;
      }
      versions.set(version.number, versionEntry(version.number, publishedAt, document.data, version.contentHash));
    }
    const current = ruleSet.current === null ? null : (versions.get(ruleSet.current) ?? undefined);
    if (current === undefined) continue; // its current version was refused: serve nothing rather than something else
    for (const version of versions.values()) if (version !== current) older.push({ slug: ruleSet.slug, version });
    entries.set(ruleSet.slug, {
      slug: ruleSet.slug,
      title: ruleSet.title,
      description: ruleSet.description,
      withdrawn: ruleSet.withdrawn ? { reason: ruleSet.withdrawn.reason, at: new Date(ruleSet.withdrawn.at) } : null,
      head: current ? currentHead(current) : null,
      current,
      versions: new Map(current ? [[current.number, current]] : []),
      published: new Set(ruleSet.published),
    });
  }
  return { snapshot: assembleSnapshot(BigInt(parsed.data.serial), entries), savedAt: new Date(parsed.data.savedAt), refused, older };
}
