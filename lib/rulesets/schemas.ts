import { z } from "zod";
import { plainText } from "@/lib/validation/plain-text";

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slugSchema = z
  .string({ error: "is required" })
  .trim()
  .min(2, "must be at least 2 characters")
  .max(64, "must be at most 64 characters")
  .regex(SLUG_PATTERN, "use lower-case words separated by hyphens, e.g. back-pain");

export const createRuleSetInput = z.object({
  slug: slugSchema,
  title: z.string({ error: "is required" }).trim().min(1, "is required").max(120, "must be at most 120 characters"),
  description: z.string().trim().max(2000, "must be at most 2000 characters").default(""),
});
export type CreateRuleSetInput = z.input<typeof createRuleSetInput>;

export const versionNumberSchema = z.coerce
  .number({ error: "must be a version number" })
  .int("must be a whole version number")
  .min(1, "must be 1 or more");

export const startDraftInput = z.object({ fromVersion: versionNumberSchema.optional() });

export const revisionSchema = z.coerce
  .number({ error: "must be the draft revision you started from" })
  .int("must be a whole number")
  .min(1, "must be 1 or more");

/** Which version a diff side or an export names: a number, the draft, or the published version. */
export const versionRefSchema = z.union([z.enum(["draft", "published"]), versionNumberSchema]);
export type VersionRef = z.infer<typeof versionRefSchema>;

export const listRuleSetsInput = z.object({ query: plainText({ allowWhitespace: true }).trim().max(120, "must be at most 120 characters").optional() });
