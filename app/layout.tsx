import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Triage Studio", template: "%s · Triage Studio" },
  description: "Author, review and publish clinical triage rule sets.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: Next puts proxy.ts's per-request CSP nonce
  // on its scripts only while rendering, so a prerendered page (the API
  // reference, the checker's list) would have its scripts blocked.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
