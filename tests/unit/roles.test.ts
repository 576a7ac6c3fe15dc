import { describe, expect, it } from "vitest";
import { requireRole, type Identity } from "@/lib/auth/identity";
import { effectiveRoles, hasRole } from "@/lib/auth/roles";

const identity = (roles: Identity["roles"]): Identity => ({ userId: "u", email: "e@triage.test", name: "E", roles, via: "session" });

describe("roles", () => {
  it("lets reviewers author but not administer", () => {
    expect([...effectiveRoles(["reviewer"])].sort()).toEqual(["author", "reviewer"]);
    expect(hasRole(["reviewer"], "admin")).toBe(false);
  });

  it("does not let admins author or review by virtue of being admins", () => {
    expect(hasRole(["admin"], "author")).toBe(false);
    expect(hasRole(["admin"], "reviewer")).toBe(false);
  });

  it("answers 401 without identity and 403 naming the missing role", () => {
    expect(() => requireRole(null, "author")).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => requireRole(identity(["author"]), "admin")).toThrow(
      expect.objectContaining({ status: 403, message: expect.stringContaining("admin role") }),
    );
    expect(requireRole(identity(["author", "admin"]), "admin").userId).toBe("u");
  });
});
