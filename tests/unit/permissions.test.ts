import { describe, expect, it } from "vitest";
import type { Identity } from "@/lib/auth/identity";
import { CAPABILITY_NAMES, can, capabilitiesOf, requireCapability, type Capability } from "@/lib/auth/permissions";
import { effectiveRoles } from "@/lib/auth/roles";

const identity = (roles: Identity["roles"]): Identity => ({ userId: "u", email: "e@triage.test", name: "E", roles, via: "session" });

const held = (roles: Identity["roles"]) =>
  CAPABILITY_NAMES.filter((capability) => can(identity(roles), capability)).sort();

describe("permissions", () => {
  it("lets reviewers author but not administer", () => {
    expect([...effectiveRoles(["reviewer"])].sort()).toEqual(["author", "reviewer"]);
    for (const capability of held(["author"])) expect(can(identity(["reviewer"]), capability)).toBe(true);
    expect(can(identity(["reviewer"]), "manageUsers")).toBe(false);
    expect(can(identity(["reviewer"]), "waiveCoverage")).toBe(false);
  });

  // README, "Sign-in, roles and tokens": admins manage users and may view rule sets,
  // publish, roll back and withdraw, waive coverage and read the audit log — but never edit or review.
  it("gives admins exactly what the README promises", () => {
    const admin: Capability[] = ["liftWithdrawal", "manageUsers", "ownAccount", "publish", "readAudit", "rollBack", "viewRuleSets", "waiveCoverage", "withdraw"];
    expect(held(["admin"])).toEqual([...admin].sort());
    for (const capability of ["editDraft", "submitForReview", "comment", "reviewVersion"] as const) expect(can(identity(["admin"]), capability)).toBe(false);
  });

  it("keeps reviewing with reviewers and authoring with authors", () => {
    expect(held(["author"])).toEqual(["comment", "editDraft", "ownAccount", "submitForReview", "viewRuleSets"]);
    expect(can(identity(["author"]), "reviewVersion")).toBe(false);
    expect(can(identity(["author"]), "publish")).toBe(false);
    expect(can(identity(["reviewer"]), "reviewVersion")).toBe(true);
  });

  it("gives a user without roles their own account and nothing else, and nobody without identity anything", () => {
    expect(held([])).toEqual(["ownAccount"]);
    expect(Object.values(capabilitiesOf(null)).every((value) => value === false)).toBe(true);
    expect(capabilitiesOf(identity(["admin", "author"]))).toMatchObject({ editDraft: true, manageUsers: true, reviewVersion: false });
  });

  it("answers 401 without identity and 403 naming what is needed and what the person has", () => {
    expect(() => requireCapability(null, "editDraft")).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => requireCapability(identity(["author"]), "publish")).toThrow(
      expect.objectContaining({ status: 403, message: "You need the reviewer or admin role to publish a version; you have author." }),
    );
    expect(() => requireCapability(identity([]), "viewRuleSets")).toThrow(expect.objectContaining({ status: 403, message: expect.stringContaining("you have no roles") }));
    expect(requireCapability(identity(["author", "admin"]), "manageUsers").userId).toBe("u");
  });
});
