import type { NextApiRequest, NextApiResponse } from "next";
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { nodeClientAddress } from "@/lib/http/node-client-address";

/**
 * next-auth's routes (/api/auth/*), served through the Pages API rather than an App Router handler
 * because only here the connection is visible: sign-in throttling counts per client address, and
 * that address must come from the socket's peer (or from X-Forwarded-For as far as
 * TRUSTED_PROXY_HOPS trusts it), never from a header a client can write. It is computed here, per
 * request, and handed to authorize() in a closure (lib/auth/options.ts).
 */
export default function auth(request: NextApiRequest, response: NextApiResponse) {
  return NextAuth(request, response, authOptions({ clientAddress: nodeClientAddress(request) }));
}
