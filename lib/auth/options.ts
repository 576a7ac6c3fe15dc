import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { signInWithPassword } from "./sign-in";

const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
  email_verified?: boolean;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * What the sign-in route knows about the connection and next-auth's authorize() does not: it is
 * handed only the request's headers, which the client writes. The route (pages/api/auth) computes
 * the address from the socket's peer and TRUSTED_PROXY_HOPS and passes it in here, in a closure,
 * so no header can ever stand for it.
 */
export interface AuthRequestContext {
  clientAddress: string;
}

function oidcProvider(): OAuthConfig<OidcProfile> | null {
  const env = serverEnv();
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    id: "oidc",
    name: env.OIDC_DISPLAY_NAME ?? "Single sign-on",
    type: "oauth",
    wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (profile) => ({ id: profile.sub, email: profile.email ?? "", name: profile.name ?? profile.email ?? "" }),
  };
}

export function ssoEnabled(): boolean {
  return oidcProvider() !== null;
}

export function ssoDisplayName(): string {
  return serverEnv().OIDC_DISPLAY_NAME ?? "Single sign-on";
}

/**
 * next-auth with JWT sessions. The JWT carries only the user id and a session
 * epoch; roles and the active flag are read from the database on every request
 * (lib/auth/session-identity.ts), so they can never be stale.
 */
export function authOptions(request?: AuthRequestContext): NextAuthOptions {
  const env = serverEnv();
  const sso = oidcProvider();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          // Only the sign-in route calls authorize(), always with the connection's address; anything
          // else (a future route that forgot it) is refused rather than throttled as "unknown".
          if (!request) throw new Error("Configuration");
          const result = await signInWithPassword(db(), credentials, {
            ip: request.clientAddress,
            userAgent: headerValue(req?.headers, "user-agent"),
          });
          if (!result.ok) {
            // next-auth turns a thrown error's message into ?error=<message> for the sign-in page.
            throw new Error(result.reason === "throttled" ? "Throttled" : "CredentialsSignin");
          }
          return { id: result.user.id, email: result.user.email, name: result.user.name, epoch: result.user.sessionEpoch };
        },
      }),
      ...(sso ? [sso] : []),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        // Single sign-on only admits people an admin has created, matched by e-mail; roles stay in Triage Studio.
        const email = user.email?.trim().toLowerCase();
        const known = email ? await db().user.findUnique({ where: { email } }) : null;
        if (!known || !known.active) {
          await recordAudit(db(), { id: null, label: email || "(no e-mail from provider)", via: "system" }, {
            action: "auth.sign_in_failed",
            details: { method: "oidc", reason: known ? "user deactivated" : "no Triage Studio account for this e-mail" },
          });
          return false;
        }
        await db().user.update({ where: { id: known.id }, data: { lastSignInAt: new Date() } });
        await recordAudit(db(), { id: known.id, label: known.email, via: "session" }, {
          action: "auth.signed_in",
          targetType: "user",
          targetId: known.id,
          details: { method: "oidc" },
        });
        return true;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          if (account.provider === "oidc") {
            const known = await db().user.findUnique({ where: { email: user.email!.trim().toLowerCase() } });
            token.sub = known!.id;
            token.epoch = known!.sessionEpoch;
          } else {
            token.sub = user.id;
            token.epoch = (user as { epoch?: number }).epoch ?? 0;
          }
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.sub };
      },
    },
    events: {
      async signOut({ token }) {
        if (!token?.sub) return;
        const user = await db().user.findUnique({ where: { id: token.sub } });
        if (user) {
          await recordAudit(db(), { id: user.id, label: user.email, via: "session" }, {
            action: "auth.signed_out",
            targetType: "user",
            targetId: user.id,
          });
        }
      },
    },
  };
}
