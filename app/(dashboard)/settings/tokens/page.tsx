import type { Metadata } from "next";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requirePageIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { revokeTokenAction } from "./actions";
import { CreateTokenForm } from "./create-token-form";

export const metadata: Metadata = { title: "API tokens" };

function when(date: Date | null): string {
  return date ? `${date.toISOString().replace("T", " ").slice(0, 16)} UTC` : "never";
}

export default async function TokensPage() {
  const identity = await requirePageIdentity("ownAccount");
  const tokens = await listApiTokens(db(), identity.userId);

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="mt-1 text-sm text-slate-600">
          A token lets a script call <code>/api/admin/…</code> as you, with your roles: send it as{" "}
          <code>Authorization: Bearer &lt;token&gt;</code>. Revoke tokens you no longer use.
        </p>
      </header>
      <CreateTokenForm />
      <section className="card overflow-x-auto">
        <h2 className="mb-3 font-semibold">Your tokens</h2>
        {tokens.length === 0 ? (
          <p className="text-sm text-slate-600">You have no tokens.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-slate-600">
              <tr>
                <th className="py-2 pr-4 font-medium">Name</th>
                <th className="py-2 pr-4 font-medium">Starts with</th>
                <th className="py-2 pr-4 font-medium">Created</th>
                <th className="py-2 pr-4 font-medium">Last used</th>
                <th className="py-2 pr-4 font-medium">Status</th>
                <th className="py-2" />
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => {
                const status =
                  token.status === "revoked"
                    ? "Revoked"
                    : token.status === "expired"
                      ? "Expired"
                      : token.expiresAt
                        ? `Expires ${when(token.expiresAt)}`
                        : "Active";
                return (
                  <tr key={token.id} className="border-t border-slate-100" data-testid="token-row">
                    <td className="py-2 pr-4 font-medium">{token.name}</td>
                    <td className="py-2 pr-4 font-mono text-xs">{token.prefix}…</td>
                    <td className="py-2 pr-4">{when(token.createdAt)}</td>
                    <td className="py-2 pr-4" data-testid="token-last-used">{when(token.lastUsedAt)}</td>
                    <td className="py-2 pr-4">{status}</td>
                    <td className="py-2 text-right">
                      {token.status !== "revoked" && (
                        <form action={revokeTokenAction}>
                          <input type="hidden" name="tokenId" value={token.id} />
                          <button type="submit" className="btn-danger" aria-label={`Revoke ${token.name}`}>
                            Revoke
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
