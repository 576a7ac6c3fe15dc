// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (what `prisma migrate deploy` does).
import { migrate } from "@/lib/db/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: nothing to migrate. (`npm start` migrates its embedded database by itself.)");
  process.exit(1);
}
migrate(url, { log: console.log })
  .then((result) => console.log(`Migrations: ${result.applied.length} applied, ${result.alreadyApplied} already applied.`))
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
