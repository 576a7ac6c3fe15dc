// `npm run start:public`: the public API alone, for a stateless public edge. Needs only
// DATABASE_URL (already migrated by the dashboard's `npm start`); never migrates, seeds or
// builds, holds no session secret, and scales horizontally behind a load balancer or CDN.
// See docs/deploy/README.md.
import { EnvError, parseServerEnv } from "@/lib/config/env";
import { createPublicServer } from "@/lib/public/public-server";

const port = Number(process.env.PORT || "3001");

function main() {
  Object.assign(process.env, { NODE_ENV: "production", TRIAGE_PUBLIC_EDGE: "true" });
  try {
    const env = parseServerEnv(process.env);
    if (env.TRIAGE_EMBEDDED_DATABASE) throw new EnvError(["TRIAGE_EMBEDDED_DATABASE an edge serves a shared PostgreSQL, not the embedded demo database"]);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`[triage-studio public edge] cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const server = createPublicServer();
  server.listen(port, () => console.log(`[triage-studio public edge] serving /api/public on port ${port}`));
  const shutdown = () => {
    setTimeout(() => process.exit(0), 5_000).unref();
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main();
