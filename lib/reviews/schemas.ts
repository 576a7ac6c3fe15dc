import { z } from "zod";

const commentBody = z.string({ error: "is required" }).trim().min(1, "is required").max(5000, "must be at most 5000 characters");

export const requestChangesInput = z.object({
  comment: commentBody,
  ruleComments: z.array(z.object({ ruleId: z.string({ error: "is required" }).min(1, "is required"), body: commentBody })).max(200).default([]),
});

/**
 * A reviewer's acknowledgement of one reduction in urgency against the
 * published version (a pair of dispositions from the exact impact), with why
 * it is clinically intended. null = no disposition.
 */
export const AcknowledgementSchema = z.object({
  published: z.string({ error: "must be the published disposition id (or null)" }).max(80).nullable(),
  draft: z.string({ error: "must be the draft disposition id (or null)" }).max(80).nullable(),
  reason: z
    .string({ error: "is required: say why this reduction is clinically intended" })
    .trim()
    .min(10, "must say why this reduction is clinically intended (at least 10 characters)")
    .max(2000, "must be at most 2000 characters"),
});
export type Acknowledgement = z.infer<typeof AcknowledgementSchema>;

/** How a form field names "no disposition" (null) in an acknowledgement. */
export const NO_DISPOSITION = "__none__";

export const approveInput = z.object({
  comment: z.string().trim().max(5000).optional(),
  /** Every reduction in urgency the exact impact finds against the published version; approval is refused without them. */
  acknowledgements: z.array(AcknowledgementSchema).max(200).default([]),
});

export const addCommentInput = z.object({
  body: commentBody,
  ruleId: z.string().trim().min(1).max(80).optional(),
});

export const reasonInput = z.object({
  reason: z.string({ error: "is required" }).trim().min(5, "must say why (at least 5 characters)").max(2000, "must be at most 2000 characters"),
});

/**
 * Ending an emergency withdrawal is a decision of its own, never a side effect
 * of publishing or rolling back: it must be asked for, with a reason. It may
 * name the withdrawal it lifts (`withdrawnAt`, as the person lifting it saw
 * it), so a withdrawal made again meanwhile, for another reason, is not lifted
 * unread.
 */
export const liftWithdrawalInput = reasonInput.extend({
  withdrawnAt: z.iso.datetime({ offset: true, error: "must be the withdrawal's time (ISO 8601)" }).optional(),
});
export type LiftWithdrawal = z.infer<typeof liftWithdrawalInput>;

export const publishInput = z.object({
  /** Required while the rule set is withdrawn, refused otherwise. */
  liftWithdrawal: liftWithdrawalInput.optional(),
});

export const rollbackInput = reasonInput.extend({
  toVersion: z.coerce.number({ error: "must be a version number" }).int("must be a whole number").min(1, "must be 1 or more"),
  /** Required while the rule set is withdrawn, refused otherwise. Rolling back to the withdrawn version itself makes it available again. */
  liftWithdrawal: liftWithdrawalInput.optional(),
});

export const waiverInput = reasonInput;

/** Acknowledgements as stored on a review (validated on the way in). */
export function storedAcknowledgements(json: unknown): Acknowledgement[] {
  return z.array(AcknowledgementSchema).parse(json ?? []);
}
