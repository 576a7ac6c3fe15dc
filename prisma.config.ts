import { defineConfig } from "prisma/config";

// The CLI reads this for `prisma generate` and, where its native engine can be
// downloaded, `prisma migrate deploy`. The app itself applies migrations with
// scripts/migrate.ts (see README, "Database").
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
