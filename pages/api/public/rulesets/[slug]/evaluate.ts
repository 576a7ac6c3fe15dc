import { readNodeJsonBody } from "@/lib/http/node-body";
import { jsonReply } from "@/lib/public/http";
import { publicApiRoute } from "@/lib/public/pages-route";
import { evaluateRateLimit } from "@/lib/public/rate-limit";
import { evaluatePublished } from "@/lib/public/service";

/** Answers are a few hundred bytes; anything this large is not a triage request. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** POST /api/public/rulesets/{slug}/evaluate with { "answers": { "<factId>": value, … }, "version"?: n }: 400 names each bad answer; 429 with Retry-After. */
export default publicApiRoute({
  POST: async ({ snapshot, param, request, clientAddress }) => {
    const limited = await evaluateRateLimit(clientAddress());
    if (limited) return limited;
    const body = await readNodeJsonBody(request, BODY_LIMIT_BYTES);
    return jsonReply(await evaluatePublished(snapshot, param("slug"), body));
  },
});

// The body is read (with a size limit) and validated by the route itself.
export const config = { api: { bodyParser: false } };
