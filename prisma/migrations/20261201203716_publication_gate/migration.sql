-- CreateEnum
CREATE TYPE "VerificationStage" AS ENUM ('submit', 'approve', 'publish');

-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "acknowledgements" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "comparedWithVersion" INTEGER;

-- AlterTable
ALTER TABLE "RuleSet" ADD COLUMN     "coverageWaivedAt" TIMESTAMP(3),
ADD COLUMN     "coverageWaivedById" TEXT,
ADD COLUMN     "coverageWaiverReason" TEXT;

-- CreateTable
CREATE TABLE "Verification" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "stage" "VerificationStage" NOT NULL,
    "comparedWithVersion" INTEGER,
    "allProven" BOOLEAN NOT NULL,
    "report" JSONB NOT NULL,
    "actorId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Verification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Verification_versionId_at_idx" ON "Verification"("versionId", "at");

-- AddForeignKey
ALTER TABLE "RuleSet" ADD CONSTRAINT "RuleSet_coverageWaivedById_fkey" FOREIGN KEY ("coverageWaivedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Verification" ADD CONSTRAINT "Verification_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "RuleSetVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Verification" ADD CONSTRAINT "Verification_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written below this line (not generated from schema.prisma).
--
-- Verifications are evidence of what the publication gate saw (the safety case
-- points at them): append-only, like reviews and publication events.
CREATE TRIGGER verification_append_only
  BEFORE UPDATE OR DELETE ON "Verification"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
