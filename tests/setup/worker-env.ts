import { inject } from "vitest";

// Route handlers and services read their configuration from the environment, as in production.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "test-secret-that-is-at-least-32-characters-long";
process.env.DATABASE_POOL_MAX ??= "4";
