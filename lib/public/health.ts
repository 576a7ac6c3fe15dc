import { z } from "zod";
import type { PublishedCatalog } from "./catalog";

/**
 * GET /api/public/health, for load balancers and operators: the process answers
 * (liveness), and what the public API is serving. 200 while there is a catalog to
 * serve, even a stale one (taking a stale instance out of rotation during a database
 * outage would take every instance out); 503 only when nothing can be served.
 * A plain function, so the App Router route and any plain node:http handler share it.
 */
export const HealthSchema = z
  .object({
    status: z.enum(["ok", "stale", "unavailable"]).describe("ok: current; stale: serving the last good catalog; unavailable: nothing to serve"),
    catalog: z.object({
      serial: z.string().nullable().describe("The publication serial of the served catalog"),
      ageSeconds: z.number().int().min(0).nullable().describe("Seconds since the database last confirmed the served catalog"),
      loadedFrom: z.enum(["database", "disk"]).nullable(),
      ruleSets: z.number().int().min(0).describe("Published rule sets in the served catalog"),
    }),
    database: z.object({ answered: z.boolean().nullable().describe("Whether the database answered the last check (null before the first)") }),
  })
  .meta({ id: "Health" });

export type Health = z.infer<typeof HealthSchema>;

export async function catalogHealth(catalog: PublishedCatalog): Promise<{ status: number; body: Health }> {
  let ruleSets = 0;
  try {
    // Also what starts the first load (or a due check), so a fresh instance reports what it could load.
    ruleSets = (await catalog.get()).ruleSets.size;
  } catch {
    // Nothing loaded and the database is unreachable: reported below as unavailable.
  }
  const status = catalog.status();
  const body: Health = {
    status: status.serial === null ? "unavailable" : status.stale ? "stale" : "ok",
    catalog: { serial: status.serial?.toString() ?? null, ageSeconds: status.ageSeconds, loadedFrom: status.loadedFrom, ruleSets },
    database: { answered: status.databaseAnswered },
  };
  return { status: status.serial === null ? 503 : 200, body };
}

/** The header that says how old a stale answer is (documented in the README); none while the catalog is current. */
export const CATALOG_AGE_HEADER = "triage-catalog-age";

export function catalogAgeHeaders(catalog: PublishedCatalog): Record<string, string> {
  const status = catalog.status();
  return status.stale && status.ageSeconds !== null ? { [CATALOG_AGE_HEADER]: String(status.ageSeconds) } : {};
}

/** Its entry in the OpenAPI document (lib/public/openapi.ts). */
export const HEALTH_OPENAPI_PATH = {
  get: {
    operationId: "health",
    summary: "Liveness and the age of the served catalog, for load balancers",
    description:
      "200 while a catalog is served, even a stale one (`status: stale` during a database outage); 503 when nothing can be served. Never cached.",
    responses: {
      "200": {
        description: "Serving a catalog",
        headers: { "Cache-Control": { schema: { type: "string", const: "no-store" } } },
        content: { "application/json": { schema: { $ref: "#/components/schemas/Health" } } },
      },
      "503": { description: "No catalog to serve", content: { "application/json": { schema: { $ref: "#/components/schemas/Health" } } } },
    },
  },
};
