import { z } from "zod";

const commentBody = z.string({ error: "is required" }).trim().min(1, "is required").max(5000, "must be at most 5000 characters");

export const requestChangesInput = z.object({
  comment: commentBody,
  ruleComments: z.array(z.object({ ruleId: z.string({ error: "is required" }).min(1, "is required"), body: commentBody })).max(200).default([]),
});

export const approveInput = z.object({ comment: z.string().trim().max(5000).optional() });

export const addCommentInput = z.object({
  body: commentBody,
  ruleId: z.string().trim().min(1).max(80).optional(),
});

export const reasonInput = z.object({
  reason: z.string({ error: "is required" }).trim().min(5, "must say why (at least 5 characters)").max(2000, "must be at most 2000 characters"),
});

export const rollbackInput = reasonInput.extend({
  toVersion: z.coerce.number({ error: "must be a version number" }).int("must be a whole number").min(1, "must be 1 or more"),
});
