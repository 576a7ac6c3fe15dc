import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

const handler = (request: Request, context: unknown) =>
  (NextAuth(authOptions()) as (request: Request, context: unknown) => Promise<Response>)(request, context);

export { handler as GET, handler as POST };
