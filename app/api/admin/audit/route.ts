import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { auditToCsv, queryAudit } from "@/lib/audit/query";

/**
 * ?ruleSet=&user=&action=&from=&to=&limit=&before= ; `format=csv` downloads CSV.
 * Reviewers and admins: the log names people and what they did.
 */
export const GET = adminRoute("readAudit", async (request) => {
  const params = Object.fromEntries(request.nextUrl.searchParams);
  const result = await queryAudit(db(), params);
  if (params.format === "csv") {
    return new Response(auditToCsv(result.rows), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="audit.csv"' },
    });
  }
  return Response.json(result);
});
