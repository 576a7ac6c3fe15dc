const ACTIONS: Record<string, string> = {
  "auth.signed_in": "Signed in",
  "auth.signed_out": "Signed out",
  "auth.sign_in_failed": "Failed sign-in",
  "user.created": "Created a user",
  "user.updated": "Updated a user",
  "user.roles_changed": "Changed a user's roles",
  "user.deactivated": "Deactivated a user",
  "user.reactivated": "Reactivated a user",
  "token.created": "Created an API token",
  "token.revoked": "Revoked an API token",
};

/** The audit action as a person reads it; unknown actions fall back to their code. */
export function describeAuditAction(action: string): string {
  return ACTIONS[action] ?? action;
}
