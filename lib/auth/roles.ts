import { z } from "zod";

export const ROLES = ["author", "reviewer", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  author: "Author",
  reviewer: "Reviewer",
  admin: "Admin",
};

// Reviewers can also author (the product brief); admins manage users only.
const IMPLIED: Record<Role, Role[]> = {
  author: ["author"],
  reviewer: ["reviewer", "author"],
  admin: ["admin"],
};

export function effectiveRoles(roles: readonly Role[]): Set<Role> {
  return new Set(roles.flatMap((role) => IMPLIED[role]));
}

export function hasRole(roles: readonly Role[], required: Role): boolean {
  return effectiveRoles(roles).has(required);
}
