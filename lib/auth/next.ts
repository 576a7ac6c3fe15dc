import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { forbidden as nextForbidden, redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { identityFromApiToken } from "./api-tokens";
import type { Identity } from "./identity";
import { can, requireCapability, type Capability } from "./permissions";
import { identityFromSession, type SessionClaims } from "./session-identity";

/**
 * The Next.js side of identity: pages, server actions and route handlers all end
 * up in identityFromSession / identityFromApiToken, which read the database.
 */

type CookieSource = Parameters<typeof getToken>[0]["req"];

async function claimsFrom(req: CookieSource): Promise<SessionClaims | null> {
  return (await getToken({ req, secret: serverEnv().NEXTAUTH_SECRET })) as SessionClaims | null;
}

/** Identity in a server component or server action (session cookie only). */
export async function currentIdentity(): Promise<Identity | null> {
  const req = { cookies: await cookies(), headers: await headers() } as unknown as CookieSource;
  return identityFromSession(db(), await claimsFrom(req));
}

/** For pages: no identity redirects to sign-in; without the capability the 403 page renders. */
export async function requirePageIdentity(capability: Capability): Promise<Identity> {
  const identity = await currentIdentity();
  if (!identity) {
    const returnTo = (await headers()).get("x-triage-path") || "/";
    redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  }
  if (!can(identity, capability)) nextForbidden();
  return identity;
}

/** For server actions: throws a DomainError (401/403) that the action reports as a message. */
export async function requireActionIdentity(capability: Capability): Promise<Identity> {
  return requireCapability(await currentIdentity(), capability);
}

/**
 * For /api/admin/* route handlers: a bearer token wins over the cookie, and a
 * bearer that is not a valid token is refused rather than falling back to the session.
 */
export async function requestIdentity(request: NextRequest): Promise<Identity | null> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return match ? identityFromApiToken(db(), match[1]) : null;
  }
  return identityFromSession(db(), await claimsFrom(request as unknown as CookieSource));
}
