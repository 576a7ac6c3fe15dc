import { CACHE_LATEST, publishedReply } from "@/lib/public/http";
import { publicApiRoute } from "@/lib/public/pages-route";
import { findRuleSet } from "@/lib/public/service";

/** GET /api/public/rulesets/{slug}: the current published version; 404 when unknown or never published, 410 when withdrawn. */
export default publicApiRoute({
  GET: ({ snapshot, param, read }) => publishedReply(read, findRuleSet(snapshot, param("slug")).current!.body, CACHE_LATEST),
});

// No body to parse on a read.
export const config = { api: { bodyParser: false } };
