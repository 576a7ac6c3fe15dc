import fc from "fast-check";
import { inject } from "vitest";

// Route handlers and services read their configuration from the environment, as in production.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "test-secret-that-is-at-least-32-characters-long";
process.env.DATABASE_POOL_MAX ??= "4";
// Scratch databases come and go; the tests that exercise the public catalog's snapshot file name their own.
process.env.PUBLIC_CATALOG_SNAPSHOT_PATH ??= "off";

// Property tests run with one fixed seed, so CI is deterministic: the same run
// finds the same counterexamples. FC_SEED=<n> (or FC_SEED=random) explores others.
fc.configureGlobal({ seed: process.env.FC_SEED === "random" ? Date.now() : Number(process.env.FC_SEED ?? 20261201) });
