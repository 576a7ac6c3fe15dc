import type { NextApiRequest, NextApiResponse } from "next";
import { handlePublicRequest } from "@/lib/public/node-handler";

/**
 * The public API when Next routes it (`npm run dev`, or a bare `next start`): the same
 * handler as the fast path, which `npm start` runs in front of Next (scripts/app-server.ts).
 * A Pages API route, not an App Router handler: it gets Node's own request and response,
 * so the handler writes pre-compressed bytes and reads the socket's address as it does
 * outside Next.
 */
export default function publicApi(request: NextApiRequest, response: NextApiResponse): Promise<void> {
  return handlePublicRequest(request, response);
}

// The handler reads (with a size limit) and validates bodies itself.
export const config = { api: { bodyParser: false, externalResolver: true } };
