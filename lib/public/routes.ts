import type { IncomingMessage } from "node:http";
import { readNodeJsonBody } from "@/lib/http/node-body";
import type { CatalogSnapshot } from "./catalog";
import { allowedMethods, CACHE_IMMUTABLE, CACHE_LATEST, jsonReply, jsonTextReply, publishedReply, type PublicReply, type ReadRequest } from "./http";
import { publishedCatalog } from "./catalog-instance";
import { catalogHealth } from "./health";
import { openApiBody } from "./openapi-body";
import { evaluateRateLimit } from "./rate-limit";
import { currentVersion, evaluatePublishedJson, findRuleSet, findVersion } from "./service";

/** Answers are a few hundred bytes; anything this large is not a triage request. */
export const EVALUATE_BODY_LIMIT_BYTES = 64 * 1024;

export interface PublicCall {
  /** The catalog as of now (at most one serial check per PUBLIC_CACHE_CHECK_MS). */
  snapshot(): Promise<CatalogSnapshot>;
  /** A path parameter, percent-decoded. */
  params: Record<string, string>;
  read: ReadRequest;
  request: IncomingMessage;
  /** The client as rate limits count it (see TRUSTED_PROXY_HOPS). */
  clientAddress(): string;
}

type Answer = (call: PublicCall) => PublicReply | Promise<PublicReply>;

export interface PublicRoute {
  /** The path as the OpenAPI document writes it. */
  path: string;
  pattern: RegExp;
  methods: { GET?: Answer; POST?: Answer };
  /** The request headers this route reads: what a CORS preflight may allow. */
  acceptedHeaders: readonly string[];
}

const READ_HEADERS = ["if-none-match", "if-match"] as const;

/**
 * Every public API route, in one table: the fast path and the Next fallback both
 * dispatch through it, so a path either exists in both or in neither. No trailing
 * slashes: `/api/public/rulesets/` is a 404 problem, like any unknown path.
 */
export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  {
    path: "/api/public/rulesets",
    pattern: /^\/api\/public\/rulesets$/,
    acceptedHeaders: READ_HEADERS,
    methods: { GET: async ({ snapshot, read }) => publishedReply(read, (await snapshot()).list, CACHE_LATEST) },
  },
  {
    path: "/api/public/rulesets/{slug}",
    pattern: /^\/api\/public\/rulesets\/(?<slug>[^/]+)$/,
    acceptedHeaders: READ_HEADERS,
    methods: {
      GET: async ({ snapshot, params, read }) => {
        const served = await snapshot();
        return publishedReply(read, (await currentVersion(served, findRuleSet(served, params.slug))).body, CACHE_LATEST);
      },
    },
  },
  {
    path: "/api/public/rulesets/{slug}/versions/{version}",
    pattern: /^\/api\/public\/rulesets\/(?<slug>[^/]+)\/versions\/(?<version>[^/]+)$/,
    acceptedHeaders: READ_HEADERS,
    // A published version never changes, so it may be cached for good.
    methods: {
      GET: async ({ snapshot, params, read }) => publishedReply(read, (await findVersion(await snapshot(), params.slug, params.version)).body, CACHE_IMMUTABLE),
    },
  },
  {
    path: "/api/public/rulesets/{slug}/evaluate",
    pattern: /^\/api\/public\/rulesets\/(?<slug>[^/]+)\/evaluate$/,
    acceptedHeaders: ["content-type"],
    methods: {
      POST: async ({ snapshot, params, request, clientAddress }) => {
        const limited = await evaluateRateLimit(clientAddress());
        if (limited) return limited;
        const body = await readNodeJsonBody(request, EVALUATE_BODY_LIMIT_BYTES);
        return jsonTextReply(await evaluatePublishedJson(await snapshot(), params.slug, body));
      },
    },
  },
  {
    path: "/api/public/health",
    pattern: /^\/api\/public\/health$/,
    acceptedHeaders: [],
    // The state of this process now: never cached. 503 only when nothing can be served.
    methods: {
      GET: async ({ read }) => {
        const { status, body } = await catalogHealth(publishedCatalog());
        const reply = jsonReply(body);
        return { ...reply, status, body: read.method === "HEAD" ? null : reply.body };
      },
    },
  },
  {
    path: "/api/public/openapi.json",
    pattern: /^\/api\/public\/openapi\.json$/,
    acceptedHeaders: READ_HEADERS,
    methods: { GET: ({ read }) => publishedReply(read, openApiBody(), "public, max-age=300") },
  },
];

const ALLOW = new Map(PUBLIC_ROUTES.map((route) => [route, allowedMethods(route.methods)]));

/** The route, its Allow list and its decoded parameters for a path, or null (then: 404). */
export function matchPublicRoute(pathname: string): { route: PublicRoute; allow: string; params: Record<string, string> } | null {
  for (const route of PUBLIC_ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    for (const [name, raw] of Object.entries(match.groups ?? {})) {
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        // Malformed percent-encoding names nothing published.
        return null;
      }
    }
    return { route, allow: ALLOW.get(route)!, params };
  }
  return null;
}
