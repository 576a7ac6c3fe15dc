/**
 * Every /api/admin/* route handler, found from the files under app/api/admin
 * (so a new route is covered by the tests that walk them without being listed),
 * with the URL pattern Next derives from its path and the methods it exports.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { NextRequest } from "next/server";

export type AppRouteHandler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface AdminRoute {
  /** e.g. /api/admin/rulesets/[slug]/versions/[n]/publish */
  template: string;
  /** Names of the dynamic segments, in order. */
  params: string[];
  pattern: RegExp;
  handlers: Partial<Record<string, AppRouteHandler>>;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
const ADMIN_DIR = path.resolve(process.cwd(), "app/api/admin");

function routeFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

export async function loadAdminRoutes(): Promise<AdminRoute[]> {
  const routes: AdminRoute[] = [];
  for (const file of routeFiles(ADMIN_DIR)) {
    const segments = ["api", "admin", ...path.relative(ADMIN_DIR, path.dirname(file)).split(path.sep).filter(Boolean)];
    const params = segments.filter((segment) => /^\[\w+\]$/.test(segment)).map((segment) => segment.slice(1, -1));
    const source = segments.map((segment) => (/^\[\w+\]$/.test(segment) ? `(?<${segment.slice(1, -1)}>[^/]+)` : segment)).join("/");
    const exported = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const handlers = Object.fromEntries(METHODS.filter((method) => typeof exported[method] === "function").map((method) => [method, exported[method] as AppRouteHandler]));
    routes.push({ template: `/${segments.join("/")}`, params, pattern: new RegExp(`^/${source}$`), handlers });
  }
  // A static segment wins over a dynamic one at the same place, as in Next's router.
  return routes.sort((a, b) => a.params.length - b.params.length);
}
