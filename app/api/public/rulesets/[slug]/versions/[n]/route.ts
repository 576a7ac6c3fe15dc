import { publishedCatalog } from "@/lib/public/catalog-instance";
import { CACHE_IMMUTABLE, preflight, sendPublished } from "@/lib/public/http";
import { publicRoute } from "@/lib/public/route";
import { findVersion } from "@/lib/public/service";

/** A published version never changes, so it may be cached for good. */
export const GET = publicRoute<{ slug: string; n: string }>(async (request, { slug, n }) => {
  const version = findVersion(await publishedCatalog().get(), slug, n);
  return sendPublished(request, version.body, CACHE_IMMUTABLE);
});
export const HEAD = GET;
export const OPTIONS = async () => preflight();
