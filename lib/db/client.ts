import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { serverEnv } from "@/lib/config/env";
import { markDatabaseUnavailable } from "./unavailable";

export type Db = PrismaClient;

/**
 * connectTimeoutMs: an unreachable database fails a request after this long instead of
 * leaving it hanging on a connection attempt (the kernel's own TCP timeout is minutes).
 */
export function createDb(connectionString: string, poolMax = 10, connectTimeoutMs = 5_000): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: poolMax, connectionTimeoutMillis: connectTimeoutMs });
  const client = new PrismaClient({ adapter });
  // An unreachable database is tagged where it is thrown, so a dashboard page that fails on it shows
  // "the database is unavailable" (app/error.tsx reads the digest Next keeps) instead of a generic error.
  // The extended client has the same API; only its static type differs.
  return client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          throw markDatabaseUnavailable(error);
        }
      },
    },
  }) as unknown as PrismaClient;
}

// One client per server process; dev reloads would otherwise open a pool per edit.
const globalForDb = globalThis as unknown as { triageDb?: PrismaClient };

export function db(): PrismaClient {
  if (!globalForDb.triageDb) {
    const env = serverEnv();
    globalForDb.triageDb = createDb(env.DATABASE_URL!, env.DATABASE_POOL_MAX, env.DATABASE_CONNECT_TIMEOUT_MS);
  }
  return globalForDb.triageDb;
}
