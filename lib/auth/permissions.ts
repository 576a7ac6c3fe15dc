/**
 * Who may do what, named once. Services, /api/admin routes, server actions and
 * pages all ask `can` / `requireCapability` with one of these names instead of
 * spelling out roles, so "reviewers and admins may publish" lives here and
 * nowhere else. Framework-free (no Next imports): the authz matrix test and the
 * e2e specs read the same table the server enforces.
 *
 * What stays in the services: rules that depend on the data, not on the role —
 * above all the four-eyes rule (a reviewer never approves a version they wrote
 * or edited), the number of approvals and the publication gate.
 */
import { forbidden, unauthorized } from "@/lib/errors";
import type { Identity } from "./identity";
import { effectiveRoles, ROLE_LABELS, type Role } from "./roles";

/** Everyone signed in, whatever their roles (even none): their own account, tokens and inbox. */
export const EVERYONE_SIGNED_IN = "everyone signed in" as const;

interface CapabilityRule {
  /** Roles that hold it; a reviewer also holds what an author holds (lib/auth/roles.ts). */
  holders: readonly Role[] | typeof EVERYONE_SIGNED_IN;
  /** What it lets a person do, as the refusal message says it: "… needed to <doing>". */
  doing: string;
}

export const CAPABILITIES = {
  ownAccount: { holders: EVERYONE_SIGNED_IN, doing: "use your own dashboard, inbox and API tokens" },
  viewRuleSets: { holders: ["author", "admin"], doing: "view rule sets, their versions, reviews, comments and differences" },
  editDraft: { holders: ["author"], doing: "create rule sets and edit drafts, their test cases and previews" },
  submitForReview: { holders: ["author"], doing: "submit a version for review" },
  comment: { holders: ["author"], doing: "add or resolve review comments" },
  reviewVersion: { holders: ["reviewer"], doing: "approve a version or request changes" },
  publish: { holders: ["reviewer", "admin"], doing: "publish a version" },
  rollBack: { holders: ["reviewer", "admin"], doing: "roll back to an earlier version" },
  withdraw: { holders: ["reviewer", "admin"], doing: "withdraw a rule set from client apps" },
  liftWithdrawal: { holders: ["reviewer", "admin"], doing: "lift a withdrawal" },
  waiveCoverage: { holders: ["admin"], doing: "waive or restore a rule set's test-coverage requirement" },
  readAudit: { holders: ["reviewer", "admin"], doing: "read the audit log" },
  manageUsers: { holders: ["admin"], doing: "create users, set their roles and deactivate them" },
} as const satisfies Record<string, CapabilityRule>;

export type Capability = keyof typeof CAPABILITIES;

export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as Capability[];

type Holder = Pick<Identity, "roles">;

export function can(holder: Holder | null, capability: Capability): boolean {
  if (!holder) return false;
  const { holders } = CAPABILITIES[capability] as CapabilityRule;
  if (holders === EVERYONE_SIGNED_IN) return true;
  const roles = effectiveRoles(holder.roles);
  return holders.some((role) => roles.has(role));
}

/** Every capability as a boolean, for a page to hand to the components that decide which controls to show. */
export function capabilitiesOf(holder: Holder | null): Record<Capability, boolean> {
  return Object.fromEntries(CAPABILITY_NAMES.map((name) => [name, can(holder, name)])) as Record<Capability, boolean>;
}

function holdersText(capability: Capability): string {
  const { holders } = CAPABILITIES[capability] as CapabilityRule;
  if (holders === EVERYONE_SIGNED_IN) return "a signed-in account";
  const labels = holders.map((role) => ROLE_LABELS[role].toLowerCase());
  return `the ${labels.join(" or ")} role`;
}

/** 401 without identity, 403 (naming what is needed and what the person has) without the capability. */
export function requireCapability(identity: Identity | null, capability: Capability): Identity {
  if (!identity) throw unauthorized();
  if (!can(identity, capability)) {
    const has = identity.roles.map((role) => ROLE_LABELS[role].toLowerCase()).join(", ") || "no roles";
    throw forbidden(`You need ${holdersText(capability)} to ${CAPABILITIES[capability].doing}; you have ${has}.`);
  }
  return identity;
}
