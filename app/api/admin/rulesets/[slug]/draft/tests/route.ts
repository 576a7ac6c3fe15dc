import { actorOf } from "@/lib/auth/identity";
import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { adminRoute } from "@/lib/http/admin-route";
import { readCappedText } from "@/lib/http/capped-body";
import { refuseNulInText } from "@/lib/http/unstorable-text";
import { asPreconditionFailed, ifMatchRevision, revisionEtag } from "@/lib/http/if-match";
import { readJsonBody } from "@/lib/http/problem";
import { saveDraft } from "@/lib/rulesets/drafts";
import { getDraft } from "@/lib/rulesets/queries";
import { getDraftTests } from "@/lib/rulesets/preview";
import { parseTestCasesCsv, parseTestCasesJson, testCasesToCsv } from "@/lib/testcases";

type Params = { slug: string };

async function readCsvBody(request: Request): Promise<string> {
  const text = await readCappedText(request);
  refuseNulInText(text);
  return text;
}

/** The draft's test cases; `?format=csv` exports them as CSV. */
export const GET = adminRoute<Params>("editDraft", async (request, _identity, { slug }) => {
  const tests = await getDraftTests(db(), slug);
  if (request.nextUrl.searchParams.get("format") === "csv") {
    const { document } = await getDraft(db(), slug);
    return new Response(testCasesToCsv(document, tests.testCases), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${slug}-test-cases.csv"`,
        etag: revisionEtag(tests.revision),
      },
    });
  }
  return Response.json(tests, { headers: { etag: revisionEtag(tests.revision) } });
});

/**
 * Replaces the draft's test cases (If-Match: <revision>). Body: JSON (an array
 * or { testCases }) or CSV (Content-Type: text/csv). Errors name the row and column.
 */
export const PUT = adminRoute<Params>("editDraft", async (request, identity, { slug }) => {
  const baseRevision = ifMatchRevision(request.headers.get("if-match"));
  const { document } = await getDraft(db(), slug);
  const isCsv = (request.headers.get("content-type") ?? "").startsWith("text/csv");
  const parsed = isCsv ? parseTestCasesCsv(document, await readCsvBody(request)) : parseTestCasesJson(document, await readJsonBody(request));
  if (!parsed.ok) {
    throw new DomainError(
      400,
      "invalid_test_cases",
      `The test cases have ${parsed.errors.length} problem(s); nothing was saved.`,
      parsed.errors.map((error) => ({ path: `row ${error.row}${error.column ? `, ${error.column}` : ""}`, message: error.message })),
      { rows: parsed.errors },
    );
  }
  try {
    const saved = await saveDraft(db(), actorOf(identity), slug, { baseRevision, testCases: parsed.testCases, source: "api" });
    return Response.json({ ...saved, count: parsed.testCases.length }, { headers: { etag: revisionEtag(saved.revision) } });
  } catch (error) {
    throw asPreconditionFailed(error);
  }
});
