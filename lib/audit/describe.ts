const ACTIONS: Record<string, string> = {
  "auth.signed_in": "Signed in",
  "auth.signed_out": "Signed out",
  "auth.sign_in_failed": "Failed sign-in",
  "auth.sign_in_throttled": "Sign-in throttled",
  "user.created": "Created a user",
  "user.updated": "Updated a user",
  "user.roles_changed": "Changed a user's roles",
  "user.deactivated": "Deactivated a user",
  "user.reactivated": "Reactivated a user",
  "user.tokens_revoked": "Revoked a user's API tokens",
  "token.created": "Created an API token",
  "token.revoked": "Revoked an API token",
  "ruleset.created": "Created a rule set",
  "ruleset.withdrawn": "Withdrew a rule set",
  "ruleset.withdrawal_lifted": "Lifted a withdrawal",
  "ruleset.coverage_waived": "Waived the test-coverage requirement",
  "ruleset.coverage_waiver_lifted": "Lifted the test-coverage waiver",
  "draft.started": "Started a draft",
  "draft.saved": "Saved a draft",
  "draft.imported": "Imported into a draft",
  "draft.discarded": "Discarded a draft",
  "version.submitted": "Submitted a version for review",
  "version.approved": "Approved a version",
  "version.changes_requested": "Requested changes",
  "version.published": "Published a version",
  "version.rolled_back": "Rolled back to a version",
  "comment.added": "Commented",
  "comment.resolved": "Resolved a comment",
};

/** The audit action as a person reads it; unknown actions fall back to their code. */
export function describeAuditAction(action: string): string {
  return ACTIONS[action] ?? action;
}
