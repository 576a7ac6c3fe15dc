-- AlterEnum
ALTER TYPE "PublicationKind" ADD VALUE 'withdrawal_lifted';

-- DropIndex
DROP INDEX "PublicationEvent_ruleSetId_at_idx";

-- AlterTable
ALTER TABLE "PublicationEvent" ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "PublicationEvent_seq_key" ON "PublicationEvent"("seq");

-- CreateIndex
CREATE INDEX "PublicationEvent_ruleSetId_seq_idx" ON "PublicationEvent"("ruleSetId", "seq");

-- ---------------------------------------------------------------------------
-- Hand-written below this line (not generated from schema.prisma).
--
-- Nothing to add: existing publication events get their "seq" in the table's
-- physical order, which for an append-only table (no updates, no deletes, so
-- no reused space) is the order they were inserted. From now on "seq" is
-- assigned under the rule set's row lock (lib/rulesets/lock.ts), so it is the
-- order the changes took effect in.
