/**
 * Preloaded (node --import) by `npm start` and `npm run start:public`, before tsx.
 * tsx compiles the app's .ts files to CommonJS, and a package that exports only an
 * `import` condition (canonicalize) cannot be required by name: resolve it as ESM
 * and let Node (≥ 20.19) load it through require(esm). Next's own bundle does not
 * need this; the public API's fast path, loaded from source, does.
 */
import Module from "node:module";
import { fileURLToPath } from "node:url";

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  try {
    return resolve.call(this, request, ...rest);
  } catch (error) {
    if (error?.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED" || request.startsWith(".") || request.startsWith("/")) throw error;
    return fileURLToPath(import.meta.resolve(request));
  }
};
