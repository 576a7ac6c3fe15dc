import { publishedCatalog } from "@/lib/public/catalog-instance";
import { catalogHealth } from "@/lib/public/health";
import { CORS_HEADERS, preflight } from "@/lib/public/http";

// Every call reports the state of this process now.
export const dynamic = "force-dynamic";

export async function GET() {
  const { status, body } = await catalogHealth(publishedCatalog());
  return Response.json(body, { status, headers: { ...CORS_HEADERS, "cache-control": "no-store" } });
}
export const OPTIONS = async () => preflight();
