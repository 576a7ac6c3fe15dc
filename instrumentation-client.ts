// Runs in the browser before any of the app's own modules: zod must be told not
// to probe `new Function` before the first schema is built, or the dashboard's
// CSP (no 'unsafe-eval') reports a violation on every page (see the module).
import "@/lib/engine/zod-without-eval";
