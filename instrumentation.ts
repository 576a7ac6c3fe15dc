// Runs once when a server process starts. The check lives in a Node-only module
// so the Edge bundle never sees process.exit.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    await import("@/lib/config/refuse-unsafe-start");
  }
}
