import type { AddressInfo } from "node:net";
import { createPublicServer } from "@/lib/public/public-server";

/**
 * The public API's fast path (the node:http handler `npm start` puts in front of
 * Next, and `npm run start:public` runs alone) on a real socket on loopback.
 * Next's fallback route delegates to the same handler; the e2e suite goes through
 * the full server `npm start` runs.
 */
export interface PublicApiServer {
  url: string;
  close(): Promise<void>;
}

export async function startPublicApiServer(): Promise<PublicApiServer> {
  const server = createPublicServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
