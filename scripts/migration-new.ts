/**
 * Writes the next migration: the SQL that takes a database built from
 * prisma/migrations to prisma/schema.prisma, as `prisma migrate dev --create-only`
 * would, but through the Wasm schema engine (the CLI's native engine cannot be
 * downloaded here; see scripts/schema-engine.ts).
 *
 *   tsx scripts/migration-new.ts <name>   write prisma/migrations/<utc ts>_<name>/migration.sql
 *   tsx scripts/migration-new.ts --check  exit 1 and print the SQL if the schema has
 *                                         changes no migration covers (CI drift check)
 *
 * DATABASE_URL only names the server on which a throw-away shadow database is
 * created; nothing is written to the database it points at.
 */
import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  DEFAULT_DATABASE_URL,
  diffMigrationsToSchema,
  MIGRATION_LOCK_TOML,
  MIGRATIONS_DIR,
} from "./schema-engine";

const USAGE = "usage: tsx scripts/migration-new.ts <name> | --check";

/** Prisma's directory name format: UTC yyyymmddHHMMSS, so names sort by creation. */
function utcTimestamp(date = new Date()): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/** Folder names end up in `_prisma_migrations.migration_name`; keep them plain. */
function sanitizeName(raw: string): string {
  return raw
    .trim()
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "")
    .slice(0, 200);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes("--check");
  const positional = argv.filter((arg) => !arg.startsWith("--"));
  const unknown = argv.filter((arg) => arg.startsWith("--") && arg !== "--check");
  if (unknown.length > 0 || positional.length > 1 || (!check && positional.length !== 1)) {
    console.error(USAGE);
    return 2;
  }

  const serverUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const pending = await diffMigrationsToSchema(serverUrl);

  if (check) {
    if (pending.empty) {
      console.log("No schema changes: prisma/migrations matches prisma/schema.prisma.");
      return 0;
    }
    console.error("prisma/schema.prisma has changes that no migration covers. Pending SQL:\n");
    console.log(pending.sql);
    console.error("Run `npm run db:diff -- <name>` and commit the new migration.");
    return 1;
  }

  if (pending.empty) {
    console.log("No schema changes");
    return 0;
  }

  const name = sanitizeName(positional[0]!);
  if (!name) {
    console.error(`invalid migration name ${JSON.stringify(positional[0])}\n${USAGE}`);
    return 2;
  }
  const folder = path.join(MIGRATIONS_DIR, `${utcTimestamp()}_${name}`);
  if (await exists(folder)) {
    console.error(`${path.relative(process.cwd(), folder)} already exists; try again in a second.`);
    return 1;
  }

  await mkdir(folder, { recursive: true });
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  if (!(await exists(lockPath))) await writeFile(lockPath, MIGRATION_LOCK_TOML);
  const file = path.join(folder, "migration.sql");
  await writeFile(file, pending.sql);
  console.log(`Wrote ${path.relative(process.cwd(), file)}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
