import { z } from "zod";

export const ROLES = ["author", "reviewer", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  author: "Author",
  reviewer: "Reviewer",
  admin: "Admin",
};

// Reviewers can also author (the product brief). Admins hold no other role by
// implication; what each role may do is in lib/auth/permissions.ts.
const IMPLIED: Record<Role, Role[]> = {
  author: ["author"],
  reviewer: ["reviewer", "author"],
  admin: ["admin"],
};

export function effectiveRoles(roles: readonly Role[]): Set<Role> {
  return new Set(roles.flatMap((role) => IMPLIED[role]));
}
