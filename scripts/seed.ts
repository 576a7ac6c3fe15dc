// `npm run db:seed`: creates the demo accounts in the database named by DATABASE_URL.
// Explicit on purpose: the app seeds only its own embedded demo database by itself.
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { seedBackPain } from "@/lib/content/seed-back-pain";
import { DEMO_PASSWORD, seedDemoAccounts } from "@/lib/users/demo-accounts";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set. (`npm start` seeds its embedded database by itself.)");
    process.exit(1);
  }
  await migrate(url, { log: console.log });
  const db = createDb(url, 1);
  try {
    const created = await seedDemoAccounts(db);
    console.log(
      created.length
        ? `Created demo accounts (password "${DEMO_PASSWORD}"): ${created.join(", ")}`
        : "Demo accounts already exist.",
    );
    console.log((await seedBackPain(db)) ? "Published the back-pain rule set as version 1." : "The back-pain rule set already exists.");
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
