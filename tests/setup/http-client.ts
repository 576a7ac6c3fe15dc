/**
 * A bare HTTP/1.1 client over node:http, so a test controls every header
 * (fetch adds its own Sec-Fetch-* and refuses some) and can stream a body.
 */
import http from "node:http";
import { encode } from "next-auth/jwt";

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json(): Record<string, unknown>;
}

export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? "GET", headers: { connection: "close", ...options.headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json: () => JSON.parse(text) as Record<string, unknown> });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

/** The cookie a signed-in browser holds (next-auth's JWT, not https: no __Secure- prefix). */
export async function sessionCookie(userId: string, epoch = 0): Promise<string> {
  const jwt = await encode({ token: { sub: userId, epoch }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${jwt}`;
}
