import { NextResponse, type NextRequest } from "next/server";

// Passes the requested path to server components so a sign-in redirect can
// bring the person back where they were going. Access decisions are not made
// here: every page, action and route checks identity and role itself.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-triage-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico).*)"],
};
