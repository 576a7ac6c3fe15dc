/**
 * Test-case ids. An imported case without an id gets one derived from its name,
 * so importing the same file twice gives the same ids (edits then line up with
 * the existing cases instead of creating copies).
 */

const MAX_SLUG = 60;

/** "Fever > 3 days (adult)" -> "fever-3-days-adult"; accents are folded, other scripts dropped. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG)
    .replace(/-+$/, "");
}

// FNV-1a: a stable short fingerprint for names with no Latin letters or digits.
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** A stable id for `name` that is not in `taken` (which it does not modify). */
export function testCaseIdFromName(name: string, taken: ReadonlySet<string>): string {
  const base = slugify(name) || `tc-${fingerprint(name.trim())}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A fresh random id ("tc_" + 10 base-36 characters) for a case created in the editor. */
export function randomTestCaseId(): string {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  return `tc_${Array.from(bytes, (b) => (b % 36).toString(36)).join("")}`;
}
