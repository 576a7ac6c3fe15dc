import { publishedCatalog } from "@/lib/public/catalog-instance";
import { CACHE_LATEST, preflight, sendPublished } from "@/lib/public/http";
import { publicRoute } from "@/lib/public/route";
import { findRuleSet } from "@/lib/public/service";

/** The current published version; 404 when unknown or never published, 410 when withdrawn. */
export const GET = publicRoute<{ slug: string }>(async (request, { slug }) => {
  const entry = findRuleSet(await publishedCatalog().get(), slug);
  return sendPublished(request, entry.current!.body, CACHE_LATEST);
});
export const HEAD = GET;
export const OPTIONS = async () => preflight();
