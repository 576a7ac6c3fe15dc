import { describe, expect, it } from "vitest";
import { EnvError, parseServerEnv } from "@/lib/config/env";

const REAL_DB = "postgresql://triage@db.internal:5432/triage";

function problems(env: Record<string, string | undefined>): string[] {
  try {
    parseServerEnv(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
}

describe("server configuration", () => {
  it("refuses production on a real database without NEXTAUTH_SECRET, saying how to fix it", () => {
    const found = problems({ NODE_ENV: "production", DATABASE_URL: REAL_DB });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^NEXTAUTH_SECRET is required when NODE_ENV=production/);
    expect(found[0]).toContain("openssl rand");
  });

  it("lets a public edge (start:public) run without a session secret, but nothing else without one", () => {
    expect(problems({ NODE_ENV: "production", DATABASE_URL: REAL_DB, TRIAGE_PUBLIC_EDGE: "true" })).toEqual([]);
    expect(problems({ NODE_ENV: "production", DATABASE_URL: REAL_DB, TRIAGE_PUBLIC_EDGE: "false" })[0]).toMatch(/^NEXTAUTH_SECRET is required/);
    expect(problems({ NODE_ENV: "production", TRIAGE_PUBLIC_EDGE: "true" })[0]).toMatch(/^DATABASE_URL is not set/);
  });

  it("accepts production with a strong secret, and the embedded demo database without one", () => {
    expect(problems({ NODE_ENV: "production", DATABASE_URL: REAL_DB, NEXTAUTH_SECRET: "x".repeat(32) })).toEqual([]);
    expect(
      problems({ NODE_ENV: "production", DATABASE_URL: "postgresql://postgres@127.0.0.1:1/postgres", TRIAGE_EMBEDDED_DATABASE: "true" }),
    ).toEqual([]);
  });

  it("names each bad variable", () => {
    const found = problems({
      NODE_ENV: "production",
      DATABASE_URL: "mysql://nope",
      NEXTAUTH_SECRET: "short",
      NEXTAUTH_URL: "not a url",
      DATABASE_POOL_MAX: "0",
    });
    expect(found.map((problem) => problem.split(" ")[0]).sort()).toEqual([
      "DATABASE_POOL_MAX",
      "DATABASE_URL",
      "NEXTAUTH_SECRET",
      "NEXTAUTH_URL",
    ]);
  });

  it("requires all three OIDC settings or none", () => {
    const found = problems({ DATABASE_URL: REAL_DB, OIDC_ISSUER: "https://login.hospital.test/realms/staff" });
    expect(found.map((problem) => problem.split(" ")[0]).sort()).toEqual(["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]);
    expect(
      problems({ DATABASE_URL: REAL_DB, OIDC_ISSUER: "https://login.hospital.test", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" }),
    ).toEqual([]);
  });

  it("treats empty variables as unset", () => {
    expect(problems({ DATABASE_URL: REAL_DB, NEXTAUTH_URL: "", OIDC_ISSUER: "", REDIS_URL: "", EVALUATE_RATE_LIMIT_BATCH: "" })).toEqual([]);
  });

  it("validates the rate-limit settings: the Redis URL, the evaluate batch, the limiter's pool", () => {
    const env = parseServerEnv({ DATABASE_URL: REAL_DB, REDIS_URL: "rediss://user:secret@cache.internal:6380/2", EVALUATE_RATE_LIMIT_BATCH: "10" });
    expect(env).toMatchObject({ REDIS_URL: "rediss://user:secret@cache.internal:6380/2", EVALUATE_RATE_LIMIT_BATCH: 10, RATE_LIMIT_POOL_MAX: 4 });
    expect(parseServerEnv({ DATABASE_URL: REAL_DB }).EVALUATE_RATE_LIMIT_BATCH).toBeUndefined();
    const found = problems({ DATABASE_URL: REAL_DB, REDIS_URL: "http://cache:6379", EVALUATE_RATE_LIMIT_BATCH: "0", RATE_LIMIT_POOL_MAX: "many" });
    expect(found.map((problem) => problem.split(" ")[0]).sort()).toEqual(["EVALUATE_RATE_LIMIT_BATCH", "RATE_LIMIT_POOL_MAX", "REDIS_URL"]);
    expect(found.find((problem) => problem.startsWith("REDIS_URL"))).toContain("redis://");
  });

  it("caps admin API bodies at 2 MiB unless ADMIN_API_BODY_LIMIT_BYTES says otherwise, and names a bad value", () => {
    expect(parseServerEnv({ DATABASE_URL: REAL_DB }).ADMIN_API_BODY_LIMIT_BYTES).toBe(2_097_152);
    expect(parseServerEnv({ DATABASE_URL: REAL_DB, ADMIN_API_BODY_LIMIT_BYTES: "65536" }).ADMIN_API_BODY_LIMIT_BYTES).toBe(65_536);
    for (const bad of ["2MB", "12.5", "100", String(65 * 1_048_576)]) {
      const found = problems({ DATABASE_URL: REAL_DB, ADMIN_API_BODY_LIMIT_BYTES: bad });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^ADMIN_API_BODY_LIMIT_BYTES must be/);
    }
  });
});
