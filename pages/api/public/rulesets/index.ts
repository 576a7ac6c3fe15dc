import { CACHE_LATEST, publishedReply } from "@/lib/public/http";
import { publicApiRoute } from "@/lib/public/pages-route";

/** GET /api/public/rulesets: the published rule sets (withdrawn ones are left out). */
export default publicApiRoute({ GET: ({ snapshot, read }) => publishedReply(read, snapshot.list, CACHE_LATEST) });

// No body to parse on a read.
export const config = { api: { bodyParser: false } };
