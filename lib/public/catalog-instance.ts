import { db } from "@/lib/db/client";
import { serverEnv } from "@/lib/config/env";
import { databaseCatalogSource, PublishedCatalog } from "./catalog";
import { onPublicationChanged } from "./publication-events";

// One per server process, surviving dev reloads like the database client.
const globalForCatalog = globalThis as unknown as { triagePublishedCatalog?: PublishedCatalog };

export function publishedCatalog(): PublishedCatalog {
  if (!globalForCatalog.triagePublishedCatalog) {
    const catalog = new PublishedCatalog(databaseCatalogSource(db), serverEnv().PUBLIC_CACHE_CHECK_MS);
    onPublicationChanged(() => catalog.invalidate());
    globalForCatalog.triagePublishedCatalog = catalog;
  }
  return globalForCatalog.triagePublishedCatalog;
}
