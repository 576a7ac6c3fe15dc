import { createHash } from "node:crypto";
import path from "node:path";
import { db } from "@/lib/db/client";
import { serverEnv } from "@/lib/config/env";
import { databaseCatalogSource, PublishedCatalog } from "./catalog";
import { databaseIdentity, fileCatalogStore, type CatalogStore } from "./catalog-disk";
import { onPublicationChanged } from "./publication-events";

// One per server process, surviving dev reloads like the database client.
const globalForCatalog = globalThis as unknown as { triagePublishedCatalog?: PublishedCatalog };

/** The snapshot file: named per database by default, so instances on different databases never share one. */
export function catalogSnapshotStore(): CatalogStore | null {
  const env = serverEnv();
  if (env.PUBLIC_CATALOG_SNAPSHOT_PATH === "off") return null;
  const database = databaseIdentity(env.DATABASE_URL!);
  const file =
    env.PUBLIC_CATALOG_SNAPSHOT_PATH ??
    path.join(process.cwd(), ".data", `public-catalog-${createHash("sha256").update(database).digest("hex").slice(0, 12)}.json`);
  return fileCatalogStore(path.resolve(file), database);
}

export function publishedCatalog(): PublishedCatalog {
  if (!globalForCatalog.triagePublishedCatalog) {
    const env = serverEnv();
    const catalog = new PublishedCatalog(databaseCatalogSource(db), {
      checkIntervalMs: env.PUBLIC_CACHE_CHECK_MS,
      retry: { firstMs: Math.min(500, env.PUBLIC_CATALOG_RETRY_MAX_MS), maxMs: env.PUBLIC_CATALOG_RETRY_MAX_MS },
      store: catalogSnapshotStore(),
      olderVersionsCached: env.PUBLIC_CATALOG_OLDER_VERSIONS,
    });
    onPublicationChanged(() => catalog.invalidate());
    globalForCatalog.triagePublishedCatalog = catalog;
  }
  return globalForCatalog.triagePublishedCatalog;
}
