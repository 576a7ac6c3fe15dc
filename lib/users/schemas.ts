import { z } from "zod";
import { roleSchema } from "@/lib/auth/roles";

export const emailSchema = z
  .string({ error: "is required" })
  .trim()
  .toLowerCase()
  .pipe(z.email("must be an e-mail address"));

export const passwordSchema = z
  .string({ error: "is required" })
  .min(12, "must be at least 12 characters")
  .max(256, "must be at most 256 characters");

export const displayNameSchema = z.string({ error: "is required" }).trim().min(1, "is required").max(120);

export const rolesSchema = z.array(roleSchema).max(3).transform((roles) => [...new Set(roles)]);

export const createUserInput = z.object({
  email: emailSchema,
  name: displayNameSchema,
  /** Omit for users who only sign in through single sign-on. */
  password: passwordSchema.optional(),
  roles: rolesSchema,
});
export type CreateUserInput = z.input<typeof createUserInput>;

export const updateUserInput = z.object({
  userId: z.string().min(1),
  name: displayNameSchema.optional(),
  roles: rolesSchema.optional(),
  active: z.boolean().optional(),
  password: passwordSchema.optional(),
});
export type UpdateUserInput = z.input<typeof updateUserInput>;

export const signInInput = z.object({
  email: emailSchema,
  password: z.string().min(1, "is required").max(256),
});
