import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentIdentity } from "@/lib/auth/next";
import { ssoDisplayName, ssoEnabled } from "@/lib/auth/options";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const ERROR_MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong e-mail or password.",
  Throttled: "Too many failed sign-in attempts from here. Wait a few minutes (at most 15) and try again.",
  AccessDenied: "Your single sign-on account has no Triage Studio access. Ask an admin to add your e-mail.",
  SessionRequired: "Please sign in to continue.",
};

function safeCallback(value: string | undefined): string {
  // Only same-site paths: an open redirect after sign-in is a phishing aid.
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentIdentity()) redirect(callbackUrl);
  const initialError = params.error ? (ERROR_MESSAGES[params.error] ?? "Sign-in failed. Try again.") : undefined;

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <h1 className="mb-1 text-2xl font-semibold text-brand-900">Triage Studio</h1>
        <p className="mb-6 text-sm text-slate-600">Sign in to author, review and publish triage rule sets.</p>
        <SignInForm
          callbackUrl={callbackUrl}
          initialError={initialError}
          errorMessages={ERROR_MESSAGES}
          sso={ssoEnabled() ? { name: ssoDisplayName() } : null}
        />
      </div>
    </main>
  );
}
