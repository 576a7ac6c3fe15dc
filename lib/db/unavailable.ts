/**
 * Telling "the database could not be reached" apart from every other failure, so
 * callers can answer 503 with Retry-After (the request was fine; try again
 * shortly) instead of a 500 that looks like a bug. The shapes below are what
 * Prisma 7 with @prisma/adapter-pg actually throws (seen against a closed port,
 * an unroutable address and a connection cut mid-query):
 * - PrismaClientKnownRequestError P1001/P1002/P1008/P1017, or P2010 (raw query)
 *   whose meta.driverAdapterError.cause.kind names the connection;
 * - plain pg errors: "Connection terminated unexpectedly", "... due to connection
 *   timeout", "timeout exceeded when trying to connect", socket codes
 *   (ECONNREFUSED, ECONNRESET, ...) and the server's own "cannot connect now" classes.
 */
const PRISMA_CONNECTION_CODES = new Set(["P1001", "P1002", "P1008", "P1017"]);
const ADAPTER_CONNECTION_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionStartTimeout"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);
/** PostgreSQL SQLSTATEs: admin/crash shutdown, cannot connect now, too many connections. */
const SERVER_UNAVAILABLE_STATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const PG_MESSAGES = [/^Connection terminated/i, /timeout exceeded when trying to connect/i, /Can't reach database server/i, /Client has encountered a connection error/i];

/** The seconds a client is told to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  const candidate = error as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } }; cause?: unknown; kind?: unknown };
  const code = typeof candidate.code === "string" ? candidate.code : "";
  if (PRISMA_CONNECTION_CODES.has(code) || SOCKET_CODES.has(code) || SERVER_UNAVAILABLE_STATES.has(code)) return true;
  const kind = candidate.meta?.driverAdapterError?.cause?.kind ?? candidate.kind;
  if (typeof kind === "string" && ADAPTER_CONNECTION_KINDS.has(kind)) return true;
  if (candidate.constructor?.name === "PrismaClientInitializationError") return true;
  const message = typeof candidate.message === "string" ? candidate.message : "";
  if (PG_MESSAGES.some((pattern) => pattern.test(message.trim()))) return true;
  return isDatabaseUnavailable(candidate.cause, depth + 1);
}

/** What the dashboard's error boundary recognises (Next keeps a thrown error's own digest). */
export const DATABASE_UNAVAILABLE_DIGEST = "TRIAGE_DATABASE_UNAVAILABLE";

export const DATABASE_UNAVAILABLE_MESSAGE = "The database is unavailable; nothing was saved. Try again in a few seconds.";

/** Marks an error for the error boundary, returning it so callers can rethrow it. */
export function markDatabaseUnavailable<E>(error: E): E {
  if (isDatabaseUnavailable(error)) {
    try {
      Object.defineProperty(error, "digest", { value: DATABASE_UNAVAILABLE_DIGEST, configurable: true, enumerable: false, writable: true });
    } catch {
      // A frozen error still answers 500 rather than failing twice.
    }
  }
  return error;
}
