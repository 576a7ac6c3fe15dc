-- CreateEnum
CREATE TYPE "VersionState" AS ENUM ('draft', 'in_review', 'changes_requested', 'approved', 'published', 'discarded');

-- CreateTable
CREATE TABLE "RuleSet" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RuleSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleSetVersion" (
    "id" TEXT NOT NULL,
    "ruleSetId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "state" "VersionState" NOT NULL DEFAULT 'draft',
    "document" JSONB NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "basedOnNumber" INTEGER,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastEditedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "frozenAt" TIMESTAMP(3),

    CONSTRAINT "RuleSetVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DraftRevision" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "savedById" TEXT NOT NULL,
    "savedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "DraftRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RuleSet_slug_key" ON "RuleSet"("slug");

-- CreateIndex
CREATE INDEX "RuleSetVersion_ruleSetId_state_idx" ON "RuleSetVersion"("ruleSetId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "RuleSetVersion_ruleSetId_number_key" ON "RuleSetVersion"("ruleSetId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "DraftRevision_versionId_revision_key" ON "DraftRevision"("versionId", "revision");

-- AddForeignKey
ALTER TABLE "RuleSet" ADD CONSTRAINT "RuleSet_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuleSetVersion" ADD CONSTRAINT "RuleSetVersion_ruleSetId_fkey" FOREIGN KEY ("ruleSetId") REFERENCES "RuleSet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuleSetVersion" ADD CONSTRAINT "RuleSetVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuleSetVersion" ADD CONSTRAINT "RuleSetVersion_lastEditedById_fkey" FOREIGN KEY ("lastEditedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DraftRevision" ADD CONSTRAINT "DraftRevision_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "RuleSetVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DraftRevision" ADD CONSTRAINT "DraftRevision_savedById_fkey" FOREIGN KEY ("savedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written below this line (not generated from schema.prisma).
--
-- At most one draft per rule set, enforced by the database so two authors
-- starting a draft at the same moment cannot both succeed.
CREATE UNIQUE INDEX "RuleSetVersion_one_draft_per_rule_set"
  ON "RuleSetVersion" ("ruleSetId") WHERE "state" = 'draft';

-- A version that left the draft state is evidence of what was reviewed and
-- published: its content can never change, and a published version cannot
-- change at all, whatever the application does.
CREATE FUNCTION rule_set_version_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'rule set versions are never deleted (version % of rule set %)', OLD."number", OLD."ruleSetId"
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD."state" = 'published' THEN
    RAISE EXCEPTION 'published versions are immutable (version % of rule set %)', OLD."number", OLD."ruleSetId"
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD."state" <> 'draft' AND (
       NEW."document" IS DISTINCT FROM OLD."document"
    OR NEW."number" IS DISTINCT FROM OLD."number"
    OR NEW."ruleSetId" IS DISTINCT FROM OLD."ruleSetId"
    OR NEW."revision" IS DISTINCT FROM OLD."revision"
    OR NEW."createdById" IS DISTINCT FROM OLD."createdById"
  ) THEN
    RAISE EXCEPTION 'only drafts can be edited (version % is %)', OLD."number", OLD."state"
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER rule_set_version_guard
  BEFORE UPDATE OR DELETE ON "RuleSetVersion"
  FOR EACH ROW EXECUTE FUNCTION rule_set_version_guard();
