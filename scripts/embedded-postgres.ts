import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves a PGlite data directory over the Postgres wire protocol on loopback, so
 * the app talks to it through the same pg / Prisma adapter path as to a real server.
 * PGlite is a single backend session: the app is given a pool of one connection.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  await mkdir(path.dirname(dataDir), { recursive: true });
  const pglite = await PGlite.create({ dataDir });
  const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port, maxConnections: 4 });
  await server.start();
  const address = server.getServerConn();
  const actualPort = Number(String(address).split(":").pop());
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${actualPort}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await pglite.close();
    },
  };
}
