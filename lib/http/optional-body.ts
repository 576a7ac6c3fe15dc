import { readJsonBody } from "./problem";

/** For POST actions whose body is optional: no body is `{}`, a body must be JSON. */
export async function readOptionalJsonBody(request: Request): Promise<unknown> {
  const length = request.headers.get("content-length");
  if ((length === null || length === "0") && !request.headers.has("content-type")) return {};
  return readJsonBody(request);
}
