import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export type AuditVia = "session" | "token" | "system";

export interface AuditActor {
  id: string | null;
  label: string;
  via: AuditVia;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, label: "system", via: "system" };

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Prisma.InputJsonValue;
}

type AuditWriter = Pick<PrismaClient, "auditEvent"> | Prisma.TransactionClient;

/** Appends to the audit log; pass the transaction client so the event commits with the change it describes. */
export async function recordAudit(writer: AuditWriter, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await writer.auditEvent.create({
    data: {
      actorId: actor.id,
      actorLabel: actor.label,
      via: actor.via,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details ?? {},
    },
  });
}
