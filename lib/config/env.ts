import { z } from "zod";

/**
 * Every environment variable the server reads, validated once. The README's
 * "Configuration" table is written from this schema; keep the two together.
 */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

export const serverEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
        .optional(),
    ),
    /** Set by scripts/start.ts when it runs the embedded PGlite server; marks a demo database. */
    TRIAGE_EMBEDDED_DATABASE: booleanFlag,
    /** Set by scripts/start-public.ts: this process serves only the public API, which never reads or mints a session. */
    TRIAGE_PUBLIC_EDGE: booleanFlag,
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    /** How long a request waits for a database connection before failing with 503 (ms). */
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
    NEXTAUTH_SECRET: optionalString.pipe(
      z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
    ),
    NEXTAUTH_URL: optionalString.pipe(z.url("must be an absolute URL such as https://triage.example.org").optional()),
    OIDC_ISSUER: optionalString.pipe(z.url("must be the issuer URL of your identity provider").optional()),
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    OIDC_DISPLAY_NAME: optionalString,
    /** How often each instance asks the database whether anything was published (ms); 0 = every request. */
    PUBLIC_CACHE_CHECK_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
    /**
     * The file holding the last good public catalog, served after a restart while the database is
     * unreachable. Unset: .data/public-catalog-<database>.json under the working directory. "off": none.
     */
    PUBLIC_CATALOG_SNAPSHOT_PATH: optionalString.pipe(
      z.string().regex(/^[^\0]+$/, "must be a file path, or off").optional(),
    ),
    /** The longest wait between two attempts to reach the database while the public catalog serves its last good copy (ms). */
    PUBLIC_CATALOG_RETRY_MAX_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
    /** How many older (not current) published versions each instance keeps in memory once asked for; current versions are always held. */
    PUBLIC_CATALOG_OLDER_VERSIONS: z.coerce.number().int().min(0).max(100_000).default(200),
    /** Evaluations per minute allowed from one client address on the public evaluate endpoint. */
    EVALUATE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
    /**
     * How many reverse proxies in front of the app append to X-Forwarded-For. 0: the client is
     * the socket's peer and X-Forwarded-For is ignored (a client could write anything in it).
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /**
     * Points of the evaluate limit one instance reserves from the shared counter at a time per client
     * address (lib/limits/batched.ts). Unset: 5 % of the limit, rounded up. 1: one store round trip
     * per evaluation.
     */
    EVALUATE_RATE_LIMIT_BATCH: optionalString.pipe(z.coerce.number<string | undefined>().int().min(1).max(1_000_000).optional()),
    /** redis:// or rediss:// URL: count the shared rate limits there instead of in PostgreSQL. */
    REDIS_URL: optionalString.pipe(
      z
        .string()
        .regex(/^rediss?:\/\/[^\s]+$/, "must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379")
        .optional(),
    ),
    /**
     * The largest request body the admin API reads (bytes): rule-set documents, test-case imports and
     * every other JSON body. Larger ones answer 413 before more than this is read.
     */
    ADMIN_API_BODY_LIMIT_BYTES: z.coerce
      .number({ error: "must be a number of bytes, e.g. 2097152 for 2 MiB" })
      .int("must be a whole number of bytes")
      .min(1024, "must be at least 1024 bytes")
      .max(64 * 1_048_576, "must be at most 67108864 bytes (64 MiB)")
      .default(2 * 1_048_576),
    /** Connections of the rate limiter's own PostgreSQL pool (per process), when the limits count in PostgreSQL. */
    RATE_LIMIT_POOL_MAX: z.coerce.number().int().min(1).max(50).default(4),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
        if (!env[key]) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "is required when single sign-on is configured (set all three OIDC_* variables or none)",
          });
        }
      }
    }
    // A real database in production must never run with a guessable or missing
    // session secret: anyone could mint a session cookie for any user.
    if (env.NODE_ENV === "production" && !env.TRIAGE_EMBEDDED_DATABASE && !env.TRIAGE_PUBLIC_EDGE && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message:
          "is required when NODE_ENV=production with your own DATABASE_URL. Generate one with `openssl rand -base64 32` and set it in the environment.",
      });
    }
    if (!env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message: "is not set. Start the app with `npm start`, which runs an embedded database when DATABASE_URL is unset.",
      });
    }
  });

export type ServerEnv = z.infer<typeof serverEnvSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = serverEnvSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`));
  }
  return result.data;
}

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}
