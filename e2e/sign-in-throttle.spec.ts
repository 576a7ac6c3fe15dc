import { randomInt } from "node:crypto";
import http from "node:http";
import { expect, test } from "./fixtures";
import { DEMO_PASSWORD } from "./helpers";

// Sign-in throttling on the real server (`next start`, TRUSTED_PROXY_HOPS unset = 0), over real
// sockets from chosen loopback source addresses: the server sees each as the connection's peer.

const VICTIM = "reviewer2@triage.test";

/** A loopback address no other test or repetition uses (all of 127.0.0.0/8 is loopback). */
const loopbackAddress = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

function send(
  baseURL: string,
  path: string,
  options: { method?: string; localAddress: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: options.headers, localAddress: options.localAddress, agent: false },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

const cookiesOf = (headers: http.IncomingHttpHeaders) => (headers["set-cookie"] ?? []).map((cookie) => cookie.split(";")[0]);

/** next-auth's credentials sign-in as its client does it: CSRF token and cookie, then the callback. */
async function signInFrom(baseURL: string, localAddress: string, email: string, password: string, forwardedFor?: string) {
  const csrf = await send(baseURL, "/api/auth/csrf", { localAddress });
  expect(csrf.status).toBe(200);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const answer = await send(baseURL, "/api/auth/callback/credentials", {
    method: "POST",
    localAddress,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookiesOf(csrf.headers).join("; "),
      ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: "/" }).toString(),
  });
  const url = new URL((JSON.parse(answer.body) as { url: string }).url);
  const signedIn = cookiesOf(answer.headers).some((cookie) => cookie.startsWith("next-auth.session-token="));
  return { error: url.searchParams.get("error"), signedIn };
}

test("sign-in throttling counts the connection's address, not X-Forwarded-For, and an attacker cannot lock the owner out", async ({ baseURL }) => {
  const attacker = loopbackAddress();
  // Guesses from one address, each claiming another origin in X-Forwarded-For: the header is ignored.
  const first = await signInFrom(baseURL!, attacker, VICTIM, "guess 0", "203.0.113.1");
  expect(first).toEqual({ error: "CredentialsSignin", signedIn: false });
  let refused = false;
  for (let i = 1; i <= 5 && !refused; i += 1) {
    const guess = await signInFrom(baseURL!, attacker, VICTIM, `guess ${i}`, `203.0.113.${i + 1}`);
    expect(guess.signedIn).toBe(false);
    refused = guess.error === "Throttled";
  }
  expect(refused).toBe(true);
  // Now even the right password from that address is refused, whatever it claims to be.
  expect(await signInFrom(baseURL!, attacker, VICTIM, DEMO_PASSWORD, loopbackAddress())).toEqual({ error: "Throttled", signedIn: false });

  // The owner, from their own address, signs in at once.
  expect(await signInFrom(baseURL!, loopbackAddress(), VICTIM, DEMO_PASSWORD)).toEqual({ error: null, signedIn: true });
});

test("the sign-in page says when attempts are throttled", async ({ page }) => {
  await page.goto("/signin?error=Throttled");
  await expect(page.getByTestId("signin-error")).toHaveText(/Too many failed sign-in attempts from here/);
});
