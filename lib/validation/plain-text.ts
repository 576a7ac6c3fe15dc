import { z } from "zod";

/**
 * Control characters (C0, DEL, C1) have no place in a name, slug, e-mail,
 * action or search text, and PostgreSQL's text type cannot hold NUL at all (it
 * answered a 500). Tab, line feed and carriage return are control characters
 * too, but a pasted search can carry them harmlessly, so only fields that are
 * single tokens refuse them as well.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const ANY_CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

export function firstControlCharacter(value: string, { allowWhitespace = false } = {}): string | null {
  const match = (allowWhitespace ? CONTROL_CHARACTERS : ANY_CONTROL_CHARACTER).exec(value);
  return match ? `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : null;
}

export function controlCharacterMessage(found: string): string {
  return `must not contain control characters (found ${found})`;
}

/** A zod string that refuses control characters with a message naming the one found. */
export function plainText(options: { allowWhitespace?: boolean } = {}) {
  return z.string().superRefine((value, ctx) => {
    const found = firstControlCharacter(value, options);
    if (found) ctx.addIssue({ code: "custom", message: controlCharacterMessage(found) });
  });
}
