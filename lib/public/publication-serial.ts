import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** Called in the transaction of every publish, rollback and withdrawal. */
export async function bumpPublicationSerial(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`UPDATE "PublicationState" SET serial = serial + 1 WHERE id = 1`;
}

export async function readPublicationSerial(db: PrismaClient): Promise<bigint> {
  const rows = await db.$queryRaw<{ serial: bigint }[]>`SELECT serial FROM "PublicationState" WHERE id = 1`;
  return rows[0]?.serial ?? BigInt(0);
}
