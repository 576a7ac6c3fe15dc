/**
 * Prisma (7, PostgreSQL) turns `contains`, `startsWith`, `endsWith` and
 * case-insensitive `equals` into LIKE / ILIKE with the value as the pattern,
 * unescaped: a `%` typed into a filter matched every row, `_` any character,
 * and a lone `\` made PostgreSQL fail ("LIKE pattern must not end with escape
 * character"). Escaping with PostgreSQL's default escape character, the
 * backslash, makes the value match itself and nothing else.
 * tests/integration/odd-input.test.ts pins this against the real database.
 */
export function likeLiteral(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
