import { CACHE_IMMUTABLE, publishedReply } from "@/lib/public/http";
import { publicApiRoute } from "@/lib/public/pages-route";
import { findVersion } from "@/lib/public/service";

/** GET /api/public/rulesets/{slug}/versions/{n}: a published version never changes, so it may be cached for good. */
export default publicApiRoute({
  GET: async ({ snapshot, param, read }) => publishedReply(read, (await findVersion(snapshot, param("slug"), param("n"))).body, CACHE_IMMUTABLE),
});

// No body to parse on a read.
export const config = { api: { bodyParser: false } };
