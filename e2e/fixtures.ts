/**
 * The `test` every spec uses: Playwright's, plus a watch on the Content
 * Security Policy. Any CSP violation in any page of the test — the page's own
 * context and every context the test opens with browser.newContext() — fails
 * the test, reported two ways: the `securitypolicyviolation` event (through an
 * init script, which runs before the page's scripts and is not subject to the
 * page's CSP) and the console messages Chromium prints for a blocked resource
 * or a malformed policy header.
 */
import { test as base, expect, type Browser, type BrowserContext } from "@playwright/test";

const VIOLATION_PREFIX = "[csp-violation]";

function reportViolations() {
  document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`[csp-violation] ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile || event.documentURI}:${event.lineNumber}`);
  });
}

/** What Chromium logs when a policy blocks something or a policy header is wrong. */
const POLICY_MESSAGE = /Content Security Policy|Refused to (load|execute|apply|connect|frame|evaluate|create)|Permissions-Policy/i;

async function watch(context: BrowserContext, seen: string[]) {
  await context.addInitScript(reportViolations);
  context.on("console", (message) => {
    const text = message.text();
    if (text.startsWith(VIOLATION_PREFIX) || POLICY_MESSAGE.test(text)) seen.push(`${message.page()?.url() ?? "?"}: ${text}`);
  });
}

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context, browser }, runTest) => {
      const seen: string[] = [];
      await watch(context, seen);
      const original: Browser["newContext"] = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const opened = await original(...args);
        await watch(opened, seen);
        return opened;
      };
      try {
        await runTest(seen);
      } finally {
        browser.newContext = original;
      }
      expect(seen, "Content Security Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
