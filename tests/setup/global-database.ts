import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "../../lib/db/migrate";

/**
 * One fresh PostgreSQL database per test run, migrated with the app's own
 * applier and dropped afterwards. TEST_DATABASE_SERVER_URL names the server
 * (default: the local one on 127.0.0.1:5432 with trust auth).
 */
const SERVER_URL = process.env.TEST_DATABASE_SERVER_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Integration tests need PostgreSQL at ${SERVER_URL} (set TEST_DATABASE_SERVER_URL): ${(error as Error).message}`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const name = `triage_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(SERVER_URL, name);
  await migrate(url);
  project.provide("databaseUrl", url);
  return async () => {
    await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
}
