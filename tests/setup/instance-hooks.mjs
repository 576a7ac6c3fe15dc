/**
 * Preloaded (node --import) into the admin API instances the concurrency tests
 * start as separate processes (tests/setup/admin-api-instance.ts), before tsx:
 *
 * - `server-only` resolves to an empty module, as in Vitest (vitest.config.mts):
 *   its real entry throws outside React's server build;
 * - a package that exports only an `import` condition (canonicalize) resolves
 *   as ESM and loads through require(esm) (Node ≥ 20.19), as tsx compiles the
 *   app's .ts files to CommonJS here;
 * - with TRIAGE_TEST_LOCK_VARIANT set, the product's per-rule-set lock
 *   (lib/rulesets/lock.ts) resolves to tests/setup/lock-variant.ts instead, so
 *   the same rounds can run against a deliberately broken (or deliberately
 *   slow) lock without any switch in the product itself.
 */
import Module from "node:module";
import { fileURLToPath } from "node:url";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const emptyModule = here("./empty-module.ts");
const productLock = here("../../lib/rulesets/lock.ts");
const variantLock = here("./lock-variant.ts");
const replaceLock = Boolean(process.env.TRIAGE_TEST_LOCK_VARIANT);

/** A package that exports only an `import` condition (canonicalize): resolved as ESM, then loaded through require(esm). */
function esmOnly(request, error) {
  if (error?.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED" || request.startsWith(".") || request.startsWith("/")) throw error;
  return fileURLToPath(import.meta.resolve(request));
}

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "server-only") return resolve.call(this, emptyModule, ...rest);
  let resolved;
  try {
    resolved = resolve.call(this, request, ...rest);
  } catch (error) {
    resolved = esmOnly(request, error);
  }
  return replaceLock && resolved === productLock ? variantLock : resolved;
};
