import Negotiator from "negotiator";

const OFFERED = ["gzip", "identity"];

/** "gzip" when the client accepts it at least as much as identity, else "identity". */
export function negotiateEncoding(acceptEncoding: string | null): "gzip" | "identity" {
  if (!acceptEncoding) return "identity";
  return new Negotiator({ headers: { "accept-encoding": acceptEncoding } }).encoding(OFFERED) === "gzip" ? "gzip" : "identity";
}
