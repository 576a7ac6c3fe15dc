import Papa from "papaparse";
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { likeLiteral } from "@/lib/db/like-literal";
import { parseInput } from "@/lib/errors";
import { plainText } from "@/lib/validation/plain-text";

const optionalText = plainText()
  .trim()
  .max(200, "must be at most 200 characters")
  .optional()
  .transform((value) => (value ? value : undefined));

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    // Years outside 1..9999 parse in JavaScript but not in PostgreSQL (a 500): refuse them here.
    if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) {
      ctx.addIssue({ code: "custom", message: "must be a date such as 2026-11-21" });
      return z.NEVER;
    }
    return date;
  });

export const auditFilterInput = z
  .object({
    ruleSet: optionalText,
    user: optionalText,
    action: optionalText,
    from: optionalDate,
    to: optionalDate,
    limit: z.coerce.number().int().min(1).max(5000).default(200),
    before: z.coerce.number().int().min(1).optional(),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, { path: ["to"], message: "must not be before from" });

export type AuditFilter = z.input<typeof auditFilterInput>;

export interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  via: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Prisma.JsonValue;
}

/** Newest first. `to` given as a date includes that whole day. */
export async function queryAudit(db: PrismaClient, input: AuditFilter): Promise<{ rows: AuditRow[]; nextBefore: number | null }> {
  const filter = parseInput(auditFilterInput, input);
  const to = filter.to && filter.to.getUTCHours() === 0 && filter.to.getUTCMinutes() === 0 ? new Date(filter.to.getTime() + 86_400_000) : filter.to;
  const where: Prisma.AuditEventWhereInput = {
    ...(filter.ruleSet ? { targetType: "ruleset", targetId: filter.ruleSet } : {}),
    ...(filter.user ? { OR: [{ actorId: filter.user }, { actorLabel: { equals: likeLiteral(filter.user), mode: "insensitive" } }] } : {}),
    ...(filter.action ? { action: filter.action.endsWith(".") ? { startsWith: likeLiteral(filter.action) } : filter.action } : {}),
    ...(filter.from || to ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(to ? { lt: to } : {}) } } : {}),
    ...(filter.before ? { id: { lt: BigInt(filter.before) } } : {}),
  };
  const events = await db.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: filter.limit + 1 });
  const page = events.slice(0, filter.limit);
  return {
    rows: page.map((event) => ({
      id: event.id.toString(),
      at: event.at,
      actor: event.actorLabel,
      via: event.via,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      details: event.details,
    })),
    nextBefore: events.length > filter.limit ? Number(page[page.length - 1].id) : null,
  };
}

export function auditToCsv(rows: AuditRow[]): string {
  return Papa.unparse(
    rows.map((row) => ({
      id: row.id,
      time_utc: row.at.toISOString(),
      actor: row.actor,
      via: row.via,
      action: row.action,
      target_type: row.targetType ?? "",
      target: row.targetId ?? "",
      details: JSON.stringify(row.details),
    })),
    // escapeFormulae: a spreadsheet must never execute a value someone typed into a comment or name.
    { columns: ["id", "time_utc", "actor", "via", "action", "target_type", "target", "details"], escapeFormulae: true },
  );
}

export async function distinctAuditActions(db: PrismaClient): Promise<string[]> {
  const actions = await db.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return actions.map((row) => row.action);
}
