import Link from "next/link";
import type { Identity } from "@/lib/auth/identity";
import { can } from "@/lib/auth/permissions";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { NavLinks, type NavItem } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

function navFor(identity: Identity): NavItem[] {
  const items: NavItem[] = [
    { href: "/", label: "Dashboard" },
    { href: "/inbox", label: "Inbox" },
  ];
  if (can(identity, "viewRuleSets")) items.push({ href: "/rulesets", label: "Rule sets" });
  if (can(identity, "readAudit")) items.push({ href: "/audit", label: "Audit log" });
  items.push({ href: "/settings/tokens", label: "API tokens" });
  if (can(identity, "manageUsers")) items.push({ href: "/admin/users", label: "Users" });
  return items;
}

/** The signed-in frame: navigation, who is signed in with which roles, and sign-out. */
export function AppShell({ identity, children }: { identity: Identity; children: React.ReactNode }) {
  const items = navFor(identity);
  const roles = identity.roles.map((role) => ROLE_LABELS[role]).join(", ") || "No roles";
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
          <Link href="/" className="text-lg font-semibold text-brand-900">
            Triage Studio
          </Link>
          <div className="hidden items-center gap-4 sm:flex">
            <div className="text-right text-sm" data-testid="current-user">
              <div className="font-medium">{identity.name}</div>
              <div className="text-slate-600">
                {identity.email} · <span data-testid="current-roles">{roles}</span>
              </div>
            </div>
            <SignOutButton />
          </div>
          <details className="relative sm:hidden">
            <summary className="btn-secondary cursor-pointer list-none" aria-label="Menu">
              Menu
            </summary>
            <div className="absolute right-0 z-10 mt-2 w-64 space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
              <div className="text-sm">
                <div className="font-medium">{identity.name}</div>
                <div className="text-slate-600">{roles}</div>
              </div>
              <nav aria-label="Main (mobile)">
                <NavLinks items={items} className="space-y-1" />
              </nav>
              <SignOutButton />
            </div>
          </details>
        </div>
      </header>
      <div className="mx-auto flex max-w-6xl gap-6 px-4 py-6">
        <nav aria-label="Main" className="hidden w-48 shrink-0 sm:block">
          <NavLinks items={items} className="space-y-1" />
        </nav>
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </div>
  );
}
