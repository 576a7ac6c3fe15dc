/**
 * One more app instance for the multi-instance rate-limit test: a process of its own (its own
 * memory, its own store pool), configured by the environment like any instance, answering every
 * POST with exactly what the evaluate route (and the fast path) decide first:
 * `evaluateRateLimit(clientAddress)` — the 429 it returns, or 200 when the client may go on.
 * Prints its URL on the first line of stdout; ends on SIGTERM.
 *
 *   DATABASE_URL=… EVALUATE_RATE_LIMIT_PER_MINUTE=… npx tsx tests/setup/evaluate-limit-instance.ts
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { nodeClientAddress } from "@/lib/http/node-client-address";
import { evaluateRateLimit } from "@/lib/public/rate-limit";

const server = http.createServer((request, response) => {
  request.resume();
  evaluateRateLimit(nodeClientAddress(request)).then(
    (limited) => {
      if (!limited) {
        response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
        return;
      }
      response.writeHead(limited.status, limited.headers).end(limited.body ?? undefined);
    },
    (error: unknown) => {
      console.error(error);
      response.writeHead(500).end();
    },
  );
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
