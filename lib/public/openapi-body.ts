import { createHash } from "node:crypto";
import { openApiDocument } from "./openapi";
import { makeBody, type PublishedBody } from "./published-body";

let body: PublishedBody | undefined;

/** openapi.json, serialised once per process, its ETag the hash of its bytes (the document only changes with a deploy). */
export function openApiBody(): PublishedBody {
  if (!body) {
    const document = openApiDocument();
    const hash = createHash("sha256").update(JSON.stringify(document)).digest("hex").slice(0, 32);
    body = makeBody(document, `"openapi-${hash}"`);
  }
  return body;
}
