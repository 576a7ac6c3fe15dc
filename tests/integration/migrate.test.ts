import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { testDb } from "../setup/fixtures";

describe("migration applier", () => {
  it("records each migration like prisma migrate deploy, and a second run applies nothing", async () => {
    const files = await readMigrations();
    expect(files.length).toBeGreaterThan(0);
    const rows = await testDb().$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: Date }[]>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));
    for (const [index, row] of rows.entries()) {
      expect(row.checksum).toBe(createHash("sha256").update(files[index].sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
    }
    const again = await migrate(process.env.DATABASE_URL!);
    expect(again).toEqual({ applied: [], alreadyApplied: files.length, modified: [] });
  });
});
