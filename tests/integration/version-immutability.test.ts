import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuleSet } from "@/lib/rulesets/drafts";
import { makeUser, testDb } from "../setup/fixtures";

// The database itself, not only the application, keeps frozen versions frozen.
describe("rule-set versions in the database", () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  async function versionRow(state: "draft" | "approved" | "published") {
    const user = await makeUser(["author"]);
    const slug = `db-${randomBytes(3).toString("hex")}`;
    await createRuleSet(testDb(), { id: user.id, label: user.email, via: "session" }, { slug, title: "T" });
    const { rows } = await client.query<{ id: string }>(
      `SELECT v.id FROM "RuleSetVersion" v JOIN "RuleSet" r ON r.id = v."ruleSetId" WHERE r.slug = $1`,
      [slug],
    );
    if (state !== "draft") await client.query(`UPDATE "RuleSetVersion" SET state = $2 WHERE id = $1`, [rows[0].id, state]);
    return rows[0].id;
  }

  it("lets a draft change", async () => {
    const id = await versionRow("draft");
    await expect(client.query(`UPDATE "RuleSetVersion" SET revision = revision + 1 WHERE id = $1`, [id])).resolves.toBeTruthy();
  });

  it("refuses content changes to a version that left the draft state", async () => {
    const id = await versionRow("approved");
    await expect(client.query(`UPDATE "RuleSetVersion" SET document = '{}' WHERE id = $1`, [id])).rejects.toThrow(/only drafts can be edited/);
  });

  it("refuses any change to a published version, and deleting any version", async () => {
    const id = await versionRow("published");
    await expect(client.query(`UPDATE "RuleSetVersion" SET state = 'approved' WHERE id = $1`, [id])).rejects.toThrow(/published versions are immutable/);
    await expect(client.query(`DELETE FROM "RuleSetVersion" WHERE id = $1`, [id])).rejects.toThrow(/never deleted/);
  });

  it("records a published version's content hash once, and only the hash, only while it is unset", async () => {
    const id = await versionRow("published"); // published without a hash, as before the column existed
    await expect(client.query(`UPDATE "RuleSetVersion" SET "contentHash" = 'sha256:x', revision = revision + 1 WHERE id = $1`, [id])).rejects.toThrow(/published versions are immutable/);
    await expect(client.query(`UPDATE "RuleSetVersion" SET "contentHash" = 'sha256:a' WHERE id = $1`, [id])).resolves.toMatchObject({ rowCount: 1 });
    await expect(client.query(`UPDATE "RuleSetVersion" SET "contentHash" = 'sha256:b' WHERE id = $1`, [id])).rejects.toThrow(/published versions are immutable/);
    await expect(client.query(`UPDATE "RuleSetVersion" SET "contentHash" = NULL WHERE id = $1`, [id])).rejects.toThrow(/published versions are immutable/);
  });

  it("allows only one draft per rule set", async () => {
    const id = await versionRow("draft");
    const { rows } = await client.query<{ ruleSetId: string }>(`SELECT "ruleSetId" FROM "RuleSetVersion" WHERE id = $1`, [id]);
    await expect(
      client.query(
        `INSERT INTO "RuleSetVersion" (id, "ruleSetId", number, state, document, "createdById", "lastEditedById", "updatedAt")
         SELECT 'dup-' || id, "ruleSetId", 2, 'draft', document, "createdById", "lastEditedById", now() FROM "RuleSetVersion" WHERE id = $1`,
        [id],
      ),
    ).rejects.toThrow(/one_draft_per_rule_set/);
    expect(rows[0].ruleSetId).toBeTruthy();
  });
});
