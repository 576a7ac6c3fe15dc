import { z } from "zod";

/**
 * In a browser, zod's first object parse probes `new Function("")` to decide
 * whether to compile faster parsers. The dashboard's Content-Security-Policy
 * has no 'unsafe-eval', so the probe is blocked and reported as a violation on
 * every page that validates anything (and a client app with a strict CSP of
 * its own would see the same from the SDK). Browsers validate small documents,
 * so zod's interpreter is fast enough there; the server keeps the compiled
 * parsers.
 */
if (typeof window !== "undefined") z.config({ jitless: true });
