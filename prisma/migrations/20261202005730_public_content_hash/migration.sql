-- AlterTable
ALTER TABLE "RuleSetVersion" ADD COLUMN     "contentHash" TEXT;

-- ---------------------------------------------------------------------------
-- Hand-written below this line (not generated from schema.prisma).
--
-- Published versions stay immutable, with one narrow exception: a version published before
-- "contentHash" existed may have it recorded once (NULL to a value), with nothing else in the
-- row changing. The hash is derived from the document, which cannot change; setting it again,
-- or together with anything else, is refused like every other change to a published version.
CREATE OR REPLACE FUNCTION rule_set_version_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'rule set versions are never deleted (version % of rule set %)', OLD."number", OLD."ruleSetId"
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD."state" = 'published' THEN
    IF OLD."contentHash" IS NULL AND NEW."contentHash" IS NOT NULL
       AND (to_jsonb(NEW) - 'contentHash') = (to_jsonb(OLD) - 'contentHash') THEN
      RETURN NEW;
    END IF;
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
