import { CORS_HEADERS, preflight } from "@/lib/public/http";
import { openApiDocument } from "@/lib/public/openapi";

export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument(), { headers: { ...CORS_HEADERS, "cache-control": "public, max-age=300" } });
}
export const OPTIONS = async () => preflight();
