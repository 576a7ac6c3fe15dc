import { AppShell } from "@/components/app-shell";
import { requirePageIdentity } from "@/lib/auth/next";

// Every page below also checks its own role: a layout alone is not a security boundary.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const identity = await requirePageIdentity("ownAccount");
  return <AppShell identity={identity}>{children}</AppShell>;
}
