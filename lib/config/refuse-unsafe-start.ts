// Imported once at server start (instrumentation.ts): refuses to serve with an
// unsafe configuration even when someone bypasses `npm start` and runs `next start`.
import { EnvError, parseServerEnv } from "./env";

try {
  parseServerEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) {
    console.error(`[triage-studio] cannot start. ${error.message}`);
    process.exit(1);
  }
  throw error;
}
