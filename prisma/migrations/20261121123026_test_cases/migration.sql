-- AlterTable
ALTER TABLE "DraftRevision" ADD COLUMN     "testCases" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "RuleSetVersion" ADD COLUMN     "testCases" JSONB NOT NULL DEFAULT '[]';

-- ---------------------------------------------------------------------------
-- Hand-written below this line (not generated from schema.prisma).
--
-- Test cases are part of what a reviewer approves, so they freeze with the version.
CREATE OR REPLACE FUNCTION rule_set_version_guard() RETURNS trigger
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
    OR NEW."testCases" IS DISTINCT FROM OLD."testCases"
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
