import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { migrate } from "../../lib/db/migrate";
import { createScratchDatabase, dropScratchDatabase, testServerUrl } from "../../lib/db/scratch";

/**
 * One fresh PostgreSQL database per test run, migrated with the app's own
 * applier and dropped afterwards (TEST_DATABASE_SERVER_URL names the server).
 */
declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = testServerUrl();
  const name = `triage_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const url = await createScratchDatabase(server, name);
  await migrate(url);
  project.provide("databaseUrl", url);
  return async () => {
    await dropScratchDatabase(server, name);
  };
}
