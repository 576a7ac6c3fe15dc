import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { serverEnv } from "@/lib/config/env";

export type Db = PrismaClient;

export function createDb(connectionString: string, poolMax = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: poolMax });
  return new PrismaClient({ adapter });
}

// One client per server process; dev reloads would otherwise open a pool per edit.
const globalForDb = globalThis as unknown as { triageDb?: PrismaClient };

export function db(): PrismaClient {
  if (!globalForDb.triageDb) {
    const env = serverEnv();
    globalForDb.triageDb = createDb(env.DATABASE_URL!, env.DATABASE_POOL_MAX);
  }
  return globalForDb.triageDb;
}
