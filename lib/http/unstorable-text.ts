import { DomainError, type FieldIssue } from "@/lib/errors";

// U+0000, or a UTF-16 surrogate without its other half.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * PostgreSQL cannot store U+0000 in text or jsonb, nor a lone surrogate (it is
 * not Unicode): a JSON body carrying either (as \u0000 or \ud800 escapes, which
 * JSON.parse accepts) reached the database and failed there as a 500. This
 * names every such string by its path in the body (e.g. rules.0.rationale),
 * object keys included, walking with an explicit stack so a deeply nested body
 * is answered rather than overflowing.
 */
export function refuseUnstorableText(body: unknown): void {
  const issues: FieldIssue[] = [];
  const stack: { value: unknown; path: string }[] = [{ value: body, path: "" }];
  while (stack.length > 0 && issues.length < 20) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      if (UNSTORABLE.test(value)) issues.push({ path: path || "(body)", message: describe(value) });
    } else if (value !== null && typeof value === "object") {
      const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, item] = entries[index];
        const itemPath = path ? `${path}.${key}` : key;
        if (!Array.isArray(value) && UNSTORABLE.test(key)) issues.push({ path: itemPath, message: `(the name) ${describe(key)}` });
        stack.push({ value: item, path: itemPath });
      }
    }
  }
  if (issues.length > 0) {
    throw new DomainError(
      400,
      "invalid_text",
      `Some text in the request cannot be stored: ${issues.map((issue) => `${issue.path} ${issue.message}`).join("; ")}.`,
      issues,
    );
  }
}

function describe(value: string): string {
  return value.includes("\u0000") ? "must not contain NUL characters (U+0000)" : "must not contain a lone UTF-16 surrogate (not valid Unicode)";
}

/** The same for a text body (CSV): NUL is the only unstorable character once bytes are decoded as UTF-8. */
export function refuseNulInText(text: string, path = "(body)"): void {
  const at = text.indexOf("\u0000");
  if (at >= 0) {
    throw new DomainError(400, "invalid_text", `The request body contains a NUL character (U+0000) at character ${at + 1}; it cannot be stored.`, [
      { path, message: "must not contain NUL characters (U+0000)" },
    ]);
  }
}
