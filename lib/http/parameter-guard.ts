import { DomainError, type FieldIssue } from "@/lib/errors";
import { controlCharacterMessage, firstControlCharacter } from "@/lib/validation/plain-text";

/**
 * Route parameters (slugs, version numbers, ids) and query parameters of the
 * admin API are single values typed into a URL: none has a use for a control
 * character, and a NUL reached PostgreSQL, which cannot store it, as a 500.
 * Checked once for every route, so a new route or parameter is covered too;
 * each service still validates its own inputs' meaning with zod.
 */
export function refuseControlCharactersInParameters(url: URL, routeParams: Record<string, unknown>): void {
  const issues: FieldIssue[] = [];
  for (const [name, value] of Object.entries(routeParams)) {
    const found = typeof value === "string" ? firstControlCharacter(value) : null;
    if (found) issues.push({ path: name, message: controlCharacterMessage(found) });
  }
  for (const [name, value] of url.searchParams) {
    const found = firstControlCharacter(name) ?? firstControlCharacter(value, { allowWhitespace: true });
    if (found) issues.push({ path: printable(name), message: controlCharacterMessage(found) });
  }
  if (issues.length > 0) {
    throw new DomainError(
      400,
      "invalid_parameter",
      `Some URL parameters are not valid: ${issues.map((issue) => `${issue.path} ${issue.message}`).join("; ")}.`,
      issues,
    );
  }
}

// The parameter's own name may be the odd text: show it without the control characters.
function printable(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, "\uFFFD").slice(0, 100);
}
