/**
 * The migrations directory is the only thing production databases are built
 * from, so it must produce exactly prisma/schema.prisma, and the hand-written
 * part of the first migration (the append-only audit log) must hold.
 *
 * Runs on its own scratch databases (created here, dropped here) rather than
 * the shared test database, so it neither depends on nor disturbs the global
 * setup. MIGRATIONS_TEST_SERVER_URL names the server; DATABASE_URL is not used
 * because it may point at the embedded PGlite server, which has no CREATE DATABASE.
 */
import { readFile, writeFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createScratchDatabase,
  DEFAULT_DATABASE_URL,
  diffMigrationsToSchema,
  dropDatabase,
  readMigrationsList,
  readSchemaFiles,
  SCHEMA_PATH,
  withSchemaEngine,
} from "../../scripts/schema-engine";

const SERVER_URL = process.env.MIGRATIONS_TEST_SERVER_URL || DEFAULT_DATABASE_URL;
const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Applies every migration.sql the way scripts/migrate.ts does: in name order, each as one query. */
async function applyAsOneQueryEach(url: string): Promise<void> {
  const { migrationDirectories, baseDir } = await readMigrationsList();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const dir of migrationDirectories) {
      await client.query(await readFile(path.join(baseDir, dir.path, dir.migrationFile.path), "utf8"));
    }
  } finally {
    await client.end();
  }
}

describe("prisma/migrations", () => {
  let databaseUrl = "";
  let client: pg.Client;

  beforeAll(async () => {
    databaseUrl = await createScratchDatabase(SERVER_URL, "mig_scratch_test_");
    await applyAsOneQueryEach(databaseUrl);
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  describe("drift", () => {
    it("replaying the migrations yields exactly schema.prisma (what `db:diff --check` runs)", async () => {
      const pending = await diffMigrationsToSchema(SERVER_URL);
      expect(pending.sql).toBe("");
      expect(pending.empty).toBe(true);
    });

    it("a database built by the app's one-query applier matches schema.prisma too", async () => {
      const files = await readSchemaFiles();
      const result = await withSchemaEngine(
        databaseUrl,
        ({ engine }) =>
          engine.diff({
            from: { tag: "schemaDatasource", files, configDir: path.dirname(SCHEMA_PATH) },
            to: { tag: "schemaDatamodel", files },
            script: true,
            exitCode: true,
            filters: NO_FILTERS,
          }),
        { schemaFiles: files },
      );
      expect(result.exitCode, result.stdout ?? "").toBe(0);
    });

    // Guards the two tests above against passing vacuously (e.g. a diff that
    // always comes back empty).
    it("does report a schema change that no migration covers", async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), "mig-drift-"));
      try {
        const schemaPath = path.join(dir, "schema.prisma");
        const schema = await readFile(SCHEMA_PATH, "utf8");
        await writeFile(schemaPath, schema.replace(/(model ApiToken \{\n)/, "$1  driftProbe String?\n"));
        const pending = await diffMigrationsToSchema(SERVER_URL, { schemaPath });
        expect(pending.empty).toBe(false);
        expect(pending.sql).toMatch(/ALTER TABLE "ApiToken" ADD COLUMN\s+"driftProbe" TEXT/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });

  describe("AuditEvent is append-only", () => {
    let eventId = "";

    beforeAll(async () => {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO "AuditEvent" ("actorLabel", via, action, details)
         VALUES ('system', 'system', 'test.append_only', '{"n":1}') RETURNING id::text AS id`,
      );
      eventId = rows[0]!.id;
    });

    it("accepts inserts", async () => {
      const { rows } = await client.query(`SELECT action FROM "AuditEvent" WHERE id = $1`, [eventId]);
      expect(rows).toEqual([{ action: "test.append_only" }]);
    });

    it("refuses UPDATE", async () => {
      await expect(
        client.query(`UPDATE "AuditEvent" SET action = 'tampered' WHERE id = $1`, [eventId]),
      ).rejects.toThrow(/append-only/);
    });

    it("refuses DELETE", async () => {
      await expect(client.query(`DELETE FROM "AuditEvent" WHERE id = $1`, [eventId])).rejects.toThrow(
        /append-only/,
      );
    });

    it("refuses TRUNCATE, also when it cascades from User", async () => {
      await expect(client.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
      await expect(client.query(`TRUNCATE "User" CASCADE`)).rejects.toThrow(/append-only/);
    });

    it("leaves the row as it was", async () => {
      const { rows } = await client.query(`SELECT action, details FROM "AuditEvent" WHERE id = $1`, [eventId]);
      expect(rows).toEqual([{ action: "test.append_only", details: { n: 1 } }]);
    });
  });
});
