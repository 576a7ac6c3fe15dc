import { DomainError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/problem";
import { publishedCatalog } from "@/lib/public/catalog-instance";
import { clientAddress, CORS_HEADERS, preflight } from "@/lib/public/http";
import { evaluateRateLimit } from "@/lib/public/rate-limit";
import { publicRoute } from "@/lib/public/route";
import { evaluatePublished } from "@/lib/public/service";

/** Body: { "answers": { "<factId>": value, … }, "version"?: n }. 400 names each bad answer; 429 with Retry-After. */
export const POST = publicRoute<{ slug: string }>(async (request, { slug }) => {
  const limited = await evaluateRateLimit(clientAddress(request));
  if (limited) return limited;
  const body = await readJsonBody(request);
  const result = evaluatePublished(await publishedCatalog().get(), slug, body);
  return Response.json(result, { headers: { ...CORS_HEADERS, "cache-control": "no-store" } });
});
export const OPTIONS = async () => preflight();
export const GET = publicRoute(async () => {
  throw new DomainError(405, "method_not_allowed", "Use POST with a JSON body of answers.");
});
