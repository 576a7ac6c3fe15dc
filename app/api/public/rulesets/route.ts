import { publishedCatalog } from "@/lib/public/catalog-instance";
import { CACHE_LATEST, preflight, sendPublished } from "@/lib/public/http";
import { publicRoute } from "@/lib/public/route";

/** The published rule sets (withdrawn ones are left out). */
export const GET = publicRoute(async (request) => sendPublished(request, (await publishedCatalog().get()).list, CACHE_LATEST));
export const HEAD = GET;
export const OPTIONS = async () => preflight();
